"""QR codes for printed documents, as data URIs so rendering never fetches anything."""

import segno


def qr_png_data_uri(url: str) -> str:
    """Return a PNG data URI of a QR code that encodes ``url``."""
    return segno.make_qr(url, error="m").png_data_uri(scale=6, border=2)
