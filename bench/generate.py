"""Fill a database with the activities and learner records of a large medical society.

    .venv/bin/python -m bench.generate --members 100000 --activities 200 --years 10 \\
        --database-url postgres://postgres@127.0.0.1:5432/cme_bench

The PostgreSQL database is created if missing and migrated. Activity pages go through
Wagtail's page tree; the learner records are written in bulk (COPY on PostgreSQL, each
table's foreign keys, unique constraints and indexes added back and checked after its load;
bulk_create elsewhere) with their historical times and no webhook events, since generated
history is no news to any portal. The ids a benchmark needs are printed and written to
bench/.last-generate.json.
"""

import argparse
import datetime
import functools
import json
import os
import random
import time
from pathlib import Path

from .activities import build_catalog
from .histories import plan_members
from .records import write_records
from .society import microseconds, timed
from .writer import Writer

LAST_RUN = Path(__file__).with_name(".last-generate.json")


def generate(members, activities, years, seed=0, stdout=print, copy=None):
    """Fill the configured database; return the ids benchmarks need and the row counts.

    `copy` writes with PostgreSQL's COPY (the default there) instead of bulk_create.
    """
    from django.db import connection, transaction

    from lms.models import Member

    if Member.objects.exists():
        raise SystemExit("The database already has members; generate into a fresh one (e.g. dropdb it first).")
    copy = connection.vendor == "postgresql" if copy is None else copy
    started = time.perf_counter()
    rng = random.Random(seed)
    # History ends at midnight, so the same seed gives the same rows all day.
    now = microseconds(datetime.datetime.now(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Foreign keys are checked when each table is loaded (bench/writer.py), so no commit
                # has to work through queued checks.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL synchronous_commit TO off")
                # An attempt's questions (2 kB of JSON) are compressed; lz4 is much cheaper than pglz.
                cursor.execute("SET LOCAL default_toast_compression TO lz4")
                # Indexes and constraints dropped for the load are built again in memory (bench/writer.py).
                cursor.execute("SET LOCAL maintenance_work_mem TO '512MB'")
        catalog, catalogue = timed(stdout, "activity pages", lambda: build_catalog(rng, activities, years, now))
        profiles, stories = timed(stdout, "histories (in memory)", lambda: plan_members(rng, members, catalogue, now))
        write = Writer(stdout, copy)
        member, course_id = write_records(write, rng, profiles, stories, catalogue)
        write.reset_sequences()
    result = {
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "seed": seed,
        "member": member,
        **pages_for_benchmarks(catalog, course_id),
        "counts": row_counts(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    for table, count in result["counts"].items():
        stdout(f"{table:<26} {count:>15,}")
    stdout(f"{'generated in':<26} {'':>15} {result['seconds']:8.1f} s")
    return result


def pages_for_benchmarks(catalog, course_id):
    from courses.models import CoursePage, ModulePage

    course = CoursePage.objects.get(pk=course_id)
    module = ModulePage.objects.child_of(course).order_by("path").first()
    return {
        "catalog_page_id": catalog.pk,
        "course_page_id": course.pk,
        "course_url": course.get_url(),
        "module_page_id": module.pk,
        "module_url": module.get_url(),
    }


def row_counts():
    from django.contrib.auth import get_user_model

    from courses.models import CoursePage, ModulePage
    from lms.models import Certificate, Completion, CreditClaim, Enrollment, Evaluation, Member, ModuleProgress
    from quizzes.models import Attempt, Quiz

    models = [
        get_user_model(),
        Member,
        CoursePage,
        ModulePage,
        Quiz,
        Enrollment,
        ModuleProgress,
        Attempt,
        Evaluation,
        Completion,
        CreditClaim,
        Certificate,
    ]
    return {model._meta.label: model.objects.count() for model in models}


# Command line -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="defaults to DATABASE_URL; one of the two is required",
    )
    parser.add_argument("--no-copy", action="store_true", help="use bulk_create on PostgreSQL too, to compare")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="if the database already holds members, keep it as it is (make bench uses this)",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL (the development database is not a benchmark's)")
    if args.database_url.startswith(("postgres://", "postgresql://")):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    # The test settings: DEBUG off (no query log growing with every batch), and Wagtail's
    # search and reference indexing of the new pages run inline instead of queueing tasks.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cme_site.settings.test")
    # Each inline indexing task would log two lines at INFO.
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    say = functools.partial(print, flush=True)  # progress shows as it happens, even through a pipe
    timed(say, "migrate", lambda: call_command("migrate", verbosity=0))
    if args.reuse:
        from lms.models import Member

        if Member.objects.exists():
            say(f"{Member.objects.count():,} members already generated; kept (drop the database to start again)")
            return
    result = generate(
        args.members, args.activities, args.years, seed=args.seed, stdout=say, copy=False if args.no_copy else None
    )
    timed(say, "vacuum and analyze", vacuum_analyze)
    LAST_RUN.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({key: value for key, value in result.items() if key != "counts"}, indent=2))
    print(f"written to {LAST_RUN}")


def ensure_postgres_database(url):
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def vacuum_analyze():
    """Set hint bits and statistics now, so the first benchmark does not pay for them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")


if __name__ == "__main__":
    main()
