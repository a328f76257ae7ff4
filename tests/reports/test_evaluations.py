"""Evaluation summary: averages per objective, relevance, quality, bias counts and the texts."""

import pytest
from django.urls import reverse

from lms.models import Evaluation

from .conftest import assert_exports_match_screen, at, csv_table, evaluate, learner, make_activity, screen_table

URL = "lms_reports:evaluations"


@pytest.fixture
def records(asthma, back_pain):
    ada = learner(asthma, member_id="M-ADA")
    grace = learner(asthma, member_id="M-GRACE")
    hedy = learner(asthma, member_id="M-HEDY")
    evaluate(asthma, ada, [5, 4], relevance=5, quality=4, commitment="Refer earlier.")
    evaluate(
        asthma,
        grace,
        [4, 3],
        relevance=4,
        quality=5,
        bias_free=False,
        bias_comment="Dose < 5 mg & brand X named",
        commitment="Use <b>spirometry</b> first.",
    )
    evaluate(asthma, hedy, [3, 3], relevance=3, quality=3, comments="More cases, please.")
    evaluate(back_pain, learner(back_pain), [1], relevance=1, quality=1, bias_free=False, bias_comment="Elsewhere.")
    for member_id, day in (("M-ADA", at(2026, 3, 1)), ("M-GRACE", at(2026, 4, 1)), ("M-HEDY", at(2026, 5, 1))):
        Evaluation.objects.filter(member__member_id=member_id).update(submitted_at=day)


def test_summarises_one_activity(admin_client, records, asthma):
    response = admin_client.get(reverse(URL), {"activity": asthma.pk})
    headings, rows = screen_table(response)
    assert headings == ["Kind", "Item", "Average (1-5)", "Count"]
    assert rows == [
        ["Objective met", "Classify asthma severity.", "4.00", "3"],
        ["Objective met", "Choose a controller.", "3.33", "3"],
        ["Relevance", "The content was relevant to my practice", "4.00", "3"],
        ["Overall quality", "Overall quality of the activity", "4.00", "3"],
        ["Free of commercial bias", "Yes", "", "2"],
        ["Free of commercial bias", "No", "", "1"],
        ["Practice change", "Yes, I intend to change my practice", "", "2"],
        ["Practice change", "No, the content confirmed my current practice", "", "1"],
        ["Practice change", "No", "", "0"],
        ["Practice change", "Not sure yet", "", "0"],
        ["Bias comment", "Dose < 5 mg & brand X named", "", ""],
        ["Commitment to change", "Refer earlier.", "", ""],
        ["Commitment to change", "Use spirometry first.", "", ""],
        ["Other comments", "More cases, please.", "", ""],
    ]
    html = response.content.decode()
    assert "Dose &lt; 5 mg &amp; brand X named" in html
    assert "Dose < 5 mg" not in html


def test_date_range_limits_the_responses(admin_client, records, asthma):
    _, rows = screen_table(admin_client.get(reverse(URL), {"activity": asthma.pk, "submitted_at_to": "2026-04-01"}))
    assert [row[2:] for row in rows[:6]] == [
        ["4.50", "2"],
        ["3.50", "2"],
        ["4.50", "2"],
        ["4.50", "2"],
        ["", "1"],
        ["", "1"],
    ]


def test_needs_an_activity(admin_client, records):
    response = admin_client.get(reverse(URL))
    assert screen_table(response)[1] == []
    assert "Choose an activity to see its evaluation summary." in response.content.decode()


def test_an_activity_without_evaluations_has_no_rows(admin_client, records, catalog):
    quiet = make_activity(catalog, "quiet", "Quiet activity")
    response = admin_client.get(reverse(URL), {"activity": quiet.pk})
    assert screen_table(response)[1] == []
    assert "No evaluations match these filters." in response.content.decode()


def test_exports_say_what_the_screen_says(admin_client, records, asthma):
    screen = assert_exports_match_screen(admin_client, reverse(URL), {"activity": asthma.pk})
    assert len(screen[1]) == 14
    assert ["Other comments", "More cases, please.", "", ""] in screen[1]
    assert ["Practice change", "Yes, I intend to change my practice", "", "2"] in screen[1]
    without_activity = admin_client.get(reverse(URL), {"export": "csv"})
    assert csv_table(without_activity) == (["Kind", "Item", "Average (1-5)", "Count"], [])
