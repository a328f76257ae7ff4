"""Time a portal's sync of N members through POST /api/v1/member-batches/ (500 per request).

.venv/bin/python -m bench.member_batches --members 10000 --database-url postgres://postgres@127.0.0.1:5432/cme_i24_bench

The database is emptied of members first (migrated if new). Requests go through Django's test
client in one process, so the figure is the API's own cost: parsing, checking, writing, events.
Target: 10,000 members in under 60 s on PostgreSQL.
"""

import argparse
import os
import time

from bench.generate import ensure_postgres_database
from bench.import_members import npi_for

BATCH = 500


def member(number, specialty="Internal medicine"):
    return {
        "member_id": f"S{number:07d}",
        "email": f"sync{number}@example.org",
        "first_name": "Riley",
        "last_name": f"Learner{number}",
        "degree": "MD",
        "npi": npi_for(number),
        "board_id": f"ABIM{number}",
        "birth_month": number % 12 + 1,
        "birth_day": number % 28 + 1,
        "specialty": specialty,
        "license_states": "NY, NJ",
        "membership_status": "active",
        "membership_expires_on": "2030-12-31",
    }


def sync(client, members, specialty):
    started = time.perf_counter()
    for start in range(0, members, BATCH):
        body = {"members": [member(n, specialty) for n in range(start, min(start + BATCH, members))]}
        response = client.post("/api/v1/member-batches/", body, format="json")
        if response.status_code != 200:
            raise SystemExit(f"batch at {start}: {response.status_code} {response.content[:500]!r}")
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    if args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cme_site.settings.test"
    os.environ["DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    run(args.members)


def run(members):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.test import APIClient

    from lms.models import Member, PortalAPIKey, PortalClient, WebhookEvent

    Member.objects.filter(member_id__startswith="S").delete()
    get_user_model().objects.filter(username__startswith="S").delete()
    WebhookEvent.objects.all().delete()
    portal, _ = PortalClient.objects.get_or_create(name="bench sync", defaults={"scopes": ["members:write"]})
    _, key = PortalAPIKey.objects.create_key(name="bench", client=portal)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    print(f"{members} members in batches of {BATCH}, {connection.vendor}")
    for label, specialty in (
        ("first sync (all new)", "Internal medicine"),
        ("same data again", "Internal medicine"),
        ("every member changed", "Neurology"),
    ):
        print(f"{label:<28} {sync(client, members, specialty):7.2f} s")


if __name__ == "__main__":
    main()
