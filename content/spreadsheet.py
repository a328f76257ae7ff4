"""The one way the plugin writes CSV downloads (transcripts, reports, CPE Monitor files, question banks).

Every file starts with a UTF-8 byte-order mark, so spreadsheet applications read it as UTF-8 and
show "™" and accented names as written; cells that a spreadsheet would evaluate as a formula are
prefixed with an apostrophe (OWASP CSV injection).
"""

import csv
import io

from django.http import HttpResponse

BOM = "\ufeff"
# Spreadsheet applications evaluate cells starting with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text):
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def formula_unguarded(text):
    """A cell as written before `formula_safe`, for a file this plugin wrote and reads back (a question bank)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text


def csv_text(header, rows):
    """The file's text: the mark, the header row, then `rows` (iterables of cells, written as text)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([formula_safe("" if cell is None else str(cell)) for cell in row])
    return out.getvalue()


def csv_response(text, filename):
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
