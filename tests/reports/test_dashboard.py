"""The dashboard panel: recent figures, expiring activities and the weekly chart, in five queries."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import CreditClaim, ModuleProgress
from lms.reports.chart import weekly_chart
from lms.reports.dashboard import week_starts
from lms.reports.panel import CMEDashboardPanel
from quizzes.models import QuizRole
from tests.factories import make_course

from .conftest import claim, complete, learner, take_test

DAY = datetime.timedelta(days=1)


def monday_of(moment):
    day = timezone.localdate(moment)
    return day - datetime.timedelta(days=day.weekday())


def week_start(weeks_ago):
    monday = monday_of(timezone.now()) - datetime.timedelta(weeks=weeks_ago)
    return datetime.datetime.combine(monday, datetime.time(1), tzinfo=timezone.get_current_timezone())


def age(member, moment):
    """Move a member's module progress back to `moment`, as if they had studied then."""
    ModuleProgress.objects.filter(member=member).update(started_at=moment, completed_at=moment)


@pytest.fixture
def records(catalog, asthma, back_pain):
    now = timezone.now()
    this_week = [learner(back_pain) for _ in range(3)]
    for offset, member in enumerate(this_week):
        complete(member, back_pain, now - datetime.timedelta(seconds=offset + 1))
    two_weeks_ago = learner(back_pain)
    complete(two_weeks_ago, back_pain, week_start(2))
    age(two_weeks_ago, week_start(2))
    ten_weeks_ago = [learner(back_pain) for _ in range(2)]
    for member in ten_weeks_ago:
        complete(member, back_pain, week_start(10))
        age(member, week_start(10))
    long_ago = learner(back_pain)
    complete(long_ago, back_pain, week_start(60))
    age(long_ago, week_start(60))

    claim(this_week[0], back_pain, "0.50", minutes=30)
    claim(ten_weeks_ago[0], back_pain, "0.75", minutes=45)  # an old completion, claimed today: active
    claim(long_ago, back_pain, "1.00")
    CreditClaim.objects.filter(completion__member=long_ago).update(claimed_at=now - 40 * DAY)

    tester = learner(asthma)  # only a pre-test today: active
    take_test(tester, asthma, QuizRole.PRE_TEST, correct=2)
    learner(asthma)  # enrolled, nothing since: not active

    today = timezone.localdate()
    make_course(catalog, slug="soon", title="Expires soon", expiration_date=today + 30 * DAY)
    make_course(catalog, slug="sooner", title="Expires sooner", expiration_date=today + 5 * DAY)
    make_course(catalog, slug="later", title="Expires later", expiration_date=today + 120 * DAY)
    make_course(catalog, slug="gone", title="Already expired", expiration_date=today - DAY)


def render_panel(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return CMEDashboardPanel().render_html({"request": request, "csrf_token": "x"})


def test_panel_figures(records, society_admin):
    html = render_panel(society_admin)
    soup = BeautifulSoup(html, "html.parser")
    figures = {
        " ".join(dt.get_text().split()): " ".join(dt.find_next_sibling("dd").get_text().split())
        for dt in soup.select("dl dt")
    }
    assert figures == {
        "Completions in the last 30 days": "4",
        "Active learners in the last 30 days": "6",
        "Credit issued in the last 30 days": "1.25 AMA PRA Category 1 Credit™",
    }
    expiring = [" ".join(li.get_text().split()) for li in soup.select("ul li") if "Expires" in li.get_text()]
    sooner, soon = (timezone.localdate() + 5 * DAY, timezone.localdate() + 30 * DAY)
    assert expiring == [
        f"Expires sooner: {sooner.day} {sooner:%B %Y}",
        f"Expires soon: {soon.day} {soon:%B %Y}",
    ]


def test_chart_has_a_bar_per_week_and_heights_follow_the_counts(records, society_admin):
    soup = BeautifulSoup(render_panel(society_admin), "html.parser")
    svg = soup.select_one("svg.cme-chart")
    assert svg["role"] == "img"
    assert svg["aria-label"].startswith("Completions per week, last 52 weeks: 6 in total;")
    assert svg.find("title").get_text() == "Completions per week, last 52 weeks"
    bars = svg.select("rect.cme-chart-bar")
    assert len(bars) == 52
    weeks = [bar["data-week"] for bar in bars]
    assert weeks == [monday.isoformat() for monday in week_starts(timezone.localdate())]
    heights = {bar["data-week"]: float(bar["height"]) for bar in bars}
    counts = {bar["data-week"]: int(bar["data-count"]) for bar in bars}
    this_week, two_ago, ten_ago = (monday_of(week_start(n)).isoformat() for n in (0, 2, 10))
    assert {week: count for week, count in counts.items() if count} == {this_week: 3, two_ago: 1, ten_ago: 2}
    assert heights[this_week] > heights[ten_ago] > heights[two_ago] > 0
    assert all(height == 0 for week, height in heights.items() if week not in (this_week, two_ago, ten_ago))
    # The tallest bar reaches the top of the axis in proportion: 3 of an axis topped at 5.
    assert heights[this_week] == pytest.approx(3 * heights[two_ago], abs=0.2)


def test_panel_uses_five_queries_and_no_styles_or_scripts(records, society_admin):
    with CaptureQueriesContext(connection) as captured:
        html = render_panel(society_admin)
    assert len(captured) == 5
    assert not re.search(r"\sstyle=", html)
    assert "<script" not in html


def test_chart_layout_from_hand_made_counts():
    weeks = week_starts(datetime.date(2026, 11, 18))
    assert len(weeks) == 52 and weeks[-1] == datetime.date(2026, 11, 16) and weeks[0] == datetime.date(2025, 11, 24)
    counts = dict.fromkeys(weeks, 0)
    counts[weeks[0]], counts[weeks[20]], counts[weeks[-1]] = 2, 8, 4
    chart = weekly_chart(counts)
    heights = [bar.height for bar in chart.bars]
    assert len(heights) == 52
    assert heights[20] > heights[-1] > heights[0] > 0
    assert heights[20] == pytest.approx(
        0.8 * (chart.plot_bottom - chart.plot_top), abs=0.1
    )  # 8 on an axis topped at 10
    assert [tick.value for tick in chart.y_ticks] == [0, 5, 10]
    assert [label.text for label in chart.x_labels][0] == "24 Nov 2025"
    assert chart.description == (
        "Completions per week, last 52 weeks: 14 in total; the busiest was the week of 13 April 2026 with 8."
    )


def test_an_empty_year_draws_flat_bars():
    chart = weekly_chart(dict.fromkeys(week_starts(datetime.date(2026, 11, 18)), 0))
    assert {bar.height for bar in chart.bars} == {0}
    assert chart.description == "Completions per week, last 52 weeks: no completions."


def test_panel_on_the_dashboard_page(admin_client, records):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.count('class="cme-chart-bar"') == 52
    assert "1.25 AMA PRA Category 1 Credit™" in html
