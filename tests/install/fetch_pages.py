"""Run inside a site made by `wagtail start` and set up as docs/install.md says: fetch what a
visitor, a learner and a portal fetch, and print one JSON line for the test that runs it."""

import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Site  # noqa: E402

from courses.models import CourseCatalogPage, CoursePage  # noqa: E402
from lms.models import Member, PortalAPIKey, PortalClient  # noqa: E402

client = Client(HTTP_HOST="localhost")
catalog = CourseCatalogPage.objects.live().get()
activity = CoursePage.objects.live().order_by("path").first()
learner = get_user_model().objects.create_user("learner", "learner@example.org", "correct horse battery")
Member.objects.create(user=learner, email=learner.email, member_id="HOST-1", first_name="Lee", last_name="Learner")
portal = PortalClient.objects.create(name="Host portal", scopes=["catalog:read"])
_, key = PortalAPIKey.objects.create_key(name="Host portal key", client=portal)

pages = {"catalog": client.get(catalog.url), "activity": client.get(activity.url)}
signed_in = Client(HTTP_HOST="localhost")
signed_in.force_login(learner)
pages["learner"] = signed_in.get("/learn/")
schema = client.get("/api/v1/schema/?format=json")
catalog_api = client.get("/api/v1/catalog/", HTTP_AUTHORIZATION=f"Api-Key {key}")
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    (journal_mode,) = cursor.fetchone()
json.dump(
    {
        "journal_mode": journal_mode,
        "home_type": type(Site.objects.get(is_default_site=True).root_page.specific).__name__,
        "statuses": {name: response.status_code for name, response in pages.items()},
        "activity_title_shown": activity.title in pages["activity"].content.decode(),
        "learner_page_is_the_members": "Credit in the period" in pages["learner"].content.decode(),
        "schema_status": schema.status_code,
        "schema": json.loads(schema.content) if schema.status_code == 200 else None,
        "catalog_api_status": catalog_api.status_code,
        "catalog_api_titles": sorted(item["title"] for item in catalog_api.json().get("results", [])),
        "activity_titles": sorted(CoursePage.objects.live().values_list("title", flat=True)),
    },
    sys.stdout,
)
