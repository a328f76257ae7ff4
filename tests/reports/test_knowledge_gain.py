"""Pre/post knowledge gain: best submitted attempt per learner and test, learners with both only."""

import pytest
from django.urls import reverse

from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt

from .conftest import assert_exports_match_screen, at, learner, make_activity, screen_table, take_test

URL = "lms_reports:knowledge_gain"
PRE, POST = QuizRole.PRE_TEST, QuizRole.POST_TEST
JUNE, JULY = at(2026, 6, 1), at(2026, 7, 1)


@pytest.fixture
def cardio(catalog):
    return make_activity(catalog, "cardio", "Cardiology refresher")


@pytest.fixture
def records(asthma, cardio):
    ada = learner(asthma, member_id="M-ADA")
    take_test(ada, asthma, PRE, correct=1, when=JUNE)
    take_test(ada, asthma, POST, correct=3, when=JUNE)
    take_test(ada, asthma, PRE, correct=2, when=JULY)
    take_test(ada, asthma, POST, correct=4, when=JULY)
    grace = learner(asthma, member_id="M-GRACE")
    take_test(grace, asthma, PRE, correct=0, when=JUNE)
    take_test(grace, asthma, POST, correct=3, when=JUNE)
    hedy = learner(asthma, member_id="M-HEDY")
    take_test(hedy, asthma, PRE, correct=2, when=JUNE)
    linus = learner(asthma, member_id="M-LINUS")
    take_test(linus, asthma, POST, correct=4, when=JUNE)
    start_attempt(asthma.quizzes.get(role=PRE), linus.user)  # never submitted: does not count
    marie = learner(cardio, member_id="M-MARIE")
    take_test(marie, cardio, PRE, correct=3, when=JUNE)
    take_test(marie, cardio, POST, correct=2, when=JUNE)


HEADINGS = [
    "Activity",
    "Learners with both tests",
    "Average best pre-test score (%)",
    "Average best post-test score (%)",
    "Average gain (percentage points)",
]


def test_averages_best_scores_of_learners_with_both_tests(admin_client, records):
    headings, rows = screen_table(admin_client.get(reverse(URL)))
    assert headings == HEADINGS
    assert rows == [
        ["Asthma update", "2", "25.00", "87.50", "62.50"],
        ["Cardiology refresher", "1", "75.00", "50.00", "-25.00"],
    ]


def test_filters(admin_client, records, asthma):
    _, rows = screen_table(admin_client.get(reverse(URL), {"activity": asthma.pk}))
    assert [row[0] for row in rows] == ["Asthma update"]
    _, rows = screen_table(admin_client.get(reverse(URL), {"submitted_at_to": "2026-06-30"}))
    assert rows[0] == ["Asthma update", "2", "12.50", "75.00", "62.50"]


def test_exports_say_what_the_screen_says(admin_client, records, asthma):
    assert len(assert_exports_match_screen(admin_client, reverse(URL))[1]) == 2
    assert len(assert_exports_match_screen(admin_client, reverse(URL), {"activity": asthma.pk})[1]) == 1
