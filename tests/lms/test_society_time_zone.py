"""Dates printed and reported are the society's dates (LMS["TIME_ZONE"]), the same on the
certificate, the transcript, PARS and the reports, whatever zone the server runs in."""

import datetime

import pytest
from django.urls import reverse

from lms.models import ActivityReporting, Completion
from lms.pars.rows import pars_rows
from tests.factories import make_catalog, make_home
from tests.reports.conftest import claim, complete, csv_table, learner, make_activity

# 02:30 UTC on 11 March 2026 is 22:30 on 10 March in New York.
LATE_EVENING_IN_NEW_YORK = datetime.datetime(2026, 3, 11, 2, 30, tzinfo=datetime.UTC)
NEW_YORK_DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def new_york(settings):
    settings.TIME_ZONE = "UTC"
    settings.LMS = {"TIME_ZONE": "America/New_York"}


@pytest.fixture
def completed(db, new_york):
    course = make_activity(make_catalog(make_home()), "late", "Late-evening activity")
    member = learner(course, member_id="NY-1", npi="1234567893", birth_month=1, birth_day=2, user__username="ny")
    complete(member, course, LATE_EVENING_IN_NEW_YORK)
    assert Completion.objects.get(member=member).completed_at == LATE_EVENING_IN_NEW_YORK
    return member, course, claim(member, course, "1.00")


def test_the_certificate_is_dated_the_societys_day(completed):
    _, _, certificate = completed
    assert certificate.snapshot["completion_date"] == "2026-03-10"


def test_the_transcript_dates_and_selects_by_the_societys_day(client, completed):
    member, _, _ = completed
    client.force_login(member.user)
    response = client.get(reverse("lms:transcript"), {"start": "2026-03-10", "end": "2026-03-10"})
    assert [row["completion_date"] for row in response.context["rows"]] == [NEW_YORK_DAY]
    assert "10 Mar 2026" in response.content.decode()
    assert client.get(reverse("lms:transcript"), {"start": "2026-03-11"}).context["rows"] == []
    csv_text = client.get(reverse("lms:transcript"), {"format": "csv"}).content.decode()
    assert "2026-03-10" in csv_text and "2026-03-11" not in csv_text


def test_pars_dates_and_selects_by_the_societys_day(completed):
    _, course, _ = completed
    reporting = ActivityReporting.objects.create(course=course, pars_activity_id="1")
    rows, _ = pars_rows(reporting, NEW_YORK_DAY, NEW_YORK_DAY)
    assert [row.completion_date for row in rows] == ["03/10/2026"]
    assert pars_rows(reporting, datetime.date(2026, 3, 11), datetime.date(2026, 3, 11)) == ([], [])


def test_the_completions_report_dates_by_the_societys_day(admin_client, completed):
    headings, rows = csv_table(admin_client.get(reverse("lms_reports:completions"), {"export": "csv"}))
    assert [row[headings.index("Completion date")] for row in rows] == ["2026-03-10"]
    _, rows = csv_table(
        admin_client.get(
            reverse("lms_reports:completions"),
            {"export": "csv", "completed_at_from": "2026-03-11", "completed_at_to": "2026-03-11"},
        )
    )
    assert rows == []
