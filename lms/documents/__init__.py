"""Printed learner documents: certificates and transcripts. Pure rendering, no database."""

from .certificate import render_certificate_pdf
from .qr import qr_png_data_uri
from .transcript import render_transcript_pdf, transcript_csv

__all__ = ["qr_png_data_uri", "render_certificate_pdf", "render_transcript_pdf", "transcript_csv"]
