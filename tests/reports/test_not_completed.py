"""Enrolled but not completed: progress per enrollment, in one query whatever the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import Enrollment
from lms.services.progress import complete_module
from quizzes.models import QuizRole
from tests.factories import make_module

from .conftest import assert_exports_match_screen, at, complete, complete_modules, learner, screen_table, take_test

URL = "lms_reports:not_completed"


@pytest.fixture
def records(asthma, back_pain):
    optional = make_module(asthma, slug="asthma-extra", title="Optional reading", required=False)
    ada = learner(asthma, member_id="M-ADA", first_name="Ada", last_name="Lovelace")
    grace = learner(asthma, member_id="M-GRACE", first_name="Grace", last_name="Hopper")
    linus = learner(back_pain, member_id="M-LINUS", first_name="Linus", last_name="Pauling")
    hedy = learner(asthma, member_id="M-HEDY", first_name="Hedy", last_name="Lamarr")
    complete_modules(ada, asthma, count=1)
    complete_module(ada, optional, asthma)
    take_test(ada, asthma, QuizRole.POST_TEST, correct=1)
    complete_modules(grace, asthma)
    take_test(grace, asthma, QuizRole.POST_TEST, correct=3)
    complete(hedy, asthma, at(2026, 5, 5))
    for member, day in (
        (ada, at(2026, 2, 1)),
        (grace, at(2026, 3, 15)),
        (linus, at(2026, 4, 1)),
        (hedy, at(2026, 1, 5)),
    ):
        Enrollment.objects.filter(member=member).update(enrolled_at=day)


def test_shows_where_each_unfinished_learner_stands(admin_client, records):
    headings, rows = screen_table(admin_client.get(reverse(URL)))
    assert headings == ["Member id", "Learner", "Activity", "Enrolled on", "Required modules done", "Post-test passed"]
    assert rows == [
        ["M-ADA", "Ada Lovelace", "Asthma update", "2026-02-01", "1 / 2", "no"],
        ["M-GRACE", "Grace Hopper", "Asthma update", "2026-03-15", "2 / 2", "yes"],
        ["M-LINUS", "Linus Pauling", "Back pain basics", "2026-04-01", "0 / 1", "no post-test"],
    ]


@pytest.mark.parametrize(
    ("params", "expected_members"),
    [
        ({"activity": "back_pain"}, ["M-LINUS"]),
        ({"enrolled_at_from": "2026-03-01"}, ["M-GRACE", "M-LINUS"]),
        ({"enrolled_at_to": "2026-02-01"}, ["M-ADA"]),
        ({"activity": "asthma", "enrolled_at_from": "2026-03-01"}, ["M-GRACE"]),
    ],
)
def test_filters(admin_client, records, request, params, expected_members):
    if "activity" in params:
        params = {**params, "activity": request.getfixturevalue(params["activity"]).pk}
    _, rows = screen_table(admin_client.get(reverse(URL), params))
    assert [row[0] for row in rows] == expected_members


def test_exports_say_what_the_screen_says(admin_client, records, asthma):
    assert len(assert_exports_match_screen(admin_client, reverse(URL))[1]) == 3
    assert len(assert_exports_match_screen(admin_client, reverse(URL), {"activity": asthma.pk})[1]) == 2


def test_queries_do_not_grow_with_rows(admin_client, records):
    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(reverse(URL), params)
        return len(captured)

    assert queries({"enrolled_at_from": "2026-04-01"}) == queries({"enrolled_at_from": "2026-01-01"})
