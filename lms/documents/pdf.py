"""HTML to PDF with WeasyPrint, restricted to inline resources."""

import weasyprint
from weasyprint.urls import URLFetcher

# Templates are overridable by site admins; refusing every scheme but data: keeps rendering
# from reaching the network or the file system whatever a template references.
_INLINE_ONLY = URLFetcher(allowed_protocols={"data"})


def html_to_pdf(html: str, stylesheets: tuple[str, ...] = ()) -> bytes:
    """`stylesheets` (CSS text) apply after the document's own, whatever template it came from."""
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=_INLINE_ONLY).write_pdf(
        stylesheets=[weasyprint.CSS(string=css, url_fetcher=_INLINE_ONLY) for css in stylesheets]
    )
