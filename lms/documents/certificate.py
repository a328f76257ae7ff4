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


# Laid over every page by a stylesheet of its own, so a site's own certificate template is
# stamped too. WeasyPrint repeats fixed boxes on each page.
REVOKED_STAMP = """
html::before {
  content: "REVOKED"; position: fixed; left: 0; right: 0; top: 2.3in; z-index: 10;
  text-align: center; font: bold 120pt "DejaVu Sans", "Liberation Sans", sans-serif; letter-spacing: 0.08em;
  color: rgba(178, 24, 24, 0.45); transform: rotate(-18deg);
}
html::after {
  content: "%s"; position: fixed; left: 0; right: 0; top: 0; z-index: 10;
  text-align: center; font: bold 12pt "DejaVu Sans", "Liberation Sans", sans-serif; color: #b21818;
}
"""


def revoked_stamp(revoked_on: date) -> str:
    return REVOKED_STAMP % f"Revoked on {revoked_on.day} {revoked_on:%B %Y}: this certificate is not valid."


def render_certificate_pdf(
    snapshot: dict, verification_url: str, template_name: str = "lms/certificate.html", revoked_on: date | None = None
) -> bytes:
    """The certificate; stamped "REVOKED" across every page when `revoked_on` is given."""
    html = render_to_string(template_name, certificate_context(snapshot, verification_url))
    return html_to_pdf(html, stylesheets=(revoked_stamp(revoked_on),) if revoked_on else ())
