"""The certificate PDF, rendered from an issued certificate's snapshot.

The template is ``lms/certificate.html``, found through Django's template loaders, so a site
replaces the design by providing its own ``lms/certificate.html`` in a template directory
searched before this app's. The template receives every snapshot key at top level, plus
``snapshot``, ``verification_url``, ``qr`` (a PNG data URI of the verification URL),
``completion_date_value`` (a ``date``) and ``issued_at_value`` (a ``datetime``).
"""

from datetime import date, datetime

from django.template.loader import render_to_string

from .pdf import html_to_pdf
from .qr import qr_png_data_uri


def certificate_context(snapshot: dict, verification_url: str) -> dict:
    # The snapshot keeps ISO strings so it stays JSON; templates need real dates for |date.
    return {
        **snapshot,
        "snapshot": snapshot,
        "verification_url": verification_url,
        "qr": qr_png_data_uri(verification_url),
        "completion_date_value": date.fromisoformat(snapshot["completion_date"]),
        "issued_at_value": datetime.fromisoformat(snapshot["issued_at"]),
    }


def render_certificate_pdf(
    snapshot: dict, verification_url: str, template_name: str = "lms/certificate.html"
) -> bytes:
    html = render_to_string(template_name, certificate_context(snapshot, verification_url))
    return html_to_pdf(html)
