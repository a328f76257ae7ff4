"""Time the member CSV import (preview, first import, re-import, update) on a fresh SQLite database.

.venv/bin/python -m bench.import_members --rows 10000
"""

import argparse
import csv
import io
import os
import tempfile
import time


def npi_for(number):
    """A valid NPI: 9 digits and the Luhn check digit computed over the 80840 prefix."""
    from lms.validators import NPI_PREFIX, luhn_is_valid

    base = f"{100_000_000 + number:09d}"
    return next(base + digit for digit in "0123456789" if luhn_is_valid(NPI_PREFIX + base + digit))


def member_csv(rows, status="active"):
    from lms.imports.reading import COLUMNS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n in range(rows):
        writer.writerow(
            [
                f"B{n:07d}",
                "Riley",
                f"Learner{n}",
                f"learner{n}@example.org",
                "MD",
                npi_for(n),
                f"ABIM{n}",
                n % 12 + 1,
                n % 28 + 1,
                status,
                "2030-12-31",
            ]
        )
    return out.getvalue()


def timed(label, function):
    started = time.perf_counter()
    result = function()
    print(f"{label:<32} {time.perf_counter() - started:7.2f} s")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        os.environ["DJANGO_SETTINGS_MODULE"] = "cme_site.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args.rows)


def run(rows):
    from django.contrib.auth import get_user_model

    from lms.imports.apply import VALID_ROWS, apply_import
    from lms.imports.plan import plan_import
    from lms.models import Member

    admin = get_user_model().objects.create_user("bench-admin")
    text = member_csv(rows)
    print(f"{rows} rows, {len(text.encode()) / 1024 / 1024:.1f} MB, SQLite")
    timed("preview (new members)", lambda: plan_import(text))
    result = timed("import (all created)", lambda: apply_import(text, VALID_ROWS, admin, "bench.csv", ""))
    print(f"{'':<32} {result.counts}")
    result = timed("re-import (all unchanged)", lambda: apply_import(text, VALID_ROWS, admin, "bench.csv", ""))
    print(f"{'':<32} {result.counts}")
    lapsed = member_csv(rows, status="lapsed")
    result = timed("import (all updated)", lambda: apply_import(lapsed, VALID_ROWS, admin, "bench.csv", ""))
    print(f"{'':<32} {result.counts}")
    if Member.objects.count() != rows:
        raise SystemExit(f"expected {rows} members after the import")


if __name__ == "__main__":
    main()
