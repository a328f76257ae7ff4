"""Pre/post knowledge gain on a hand-built history: the first pre-test attempt taken before any
post-test attempt against the first post-test attempt and the passing one, per activity and per
objective, with n, mean, median and Cohen's d_z. A pre-test taken after the post-test is ignored."""

import datetime

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Question, QuizRole
from quizzes.services.attempts import start_attempt

from .conftest import assert_exports_match_screen, at, learner, make_activity, screen_table, take_test

URL = "lms_reports:knowledge_gain"
PRE, POST = QuizRole.PRE_TEST, QuizRole.POST_TEST


def taken(member, course, role, correct, day):
    """An attempt started at noon on 1 June + `day` days and submitted ten minutes later."""
    started = at(2026, 6, 1 + day)
    attempt = take_test(member, course, role, correct, when=started + datetime.timedelta(minutes=10))
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started)
    return attempt


@pytest.fixture
def asthma(catalog):
    course = make_activity(
        catalog, "asthma", "Asthma update", objectives=("Classify asthma severity.", "Choose a controller.")
    )
    first, second = [block.id for block in course.learning_objectives]
    # In both tests, items 1-2 assess objective 1 and items 3-4 objective 2 (drawn in bank order).
    Question.objects.filter(quiz__course=course, key__in=["k1", "k2"]).update(objectives=[first])
    Question.objects.filter(quiz__course=course, key__in=["k3", "k4"]).update(objectives=[second])
    return course


@pytest.fixture
def cardio(catalog):
    return make_activity(catalog, "cardio", "Cardiology refresher")


@pytest.fixture
def records(asthma, cardio):
    ada = learner(asthma, member_id="M-ADA")
    taken(ada, asthma, PRE, correct=1, day=0)  # 25
    taken(ada, asthma, POST, correct=3, day=1)  # 75, passes
    grace = learner(asthma, member_id="M-GRACE")
    taken(grace, asthma, PRE, correct=0, day=0)  # 0
    taken(grace, asthma, POST, correct=2, day=1)  # 50, fails
    taken(grace, asthma, POST, correct=4, day=2)  # 100, passes
    hedy = learner(asthma, member_id="M-HEDY")
    taken(hedy, asthma, POST, correct=1, day=0)
    taken(hedy, asthma, PRE, correct=4, day=1)  # after her first post-test attempt: never a baseline
    taken(hedy, asthma, POST, correct=3, day=2)
    linus = learner(asthma, member_id="M-LINUS")
    taken(linus, asthma, PRE, correct=2, day=0)  # 50: the first pre-test attempt is the baseline
    taken(linus, asthma, PRE, correct=4, day=1)
    taken(linus, asthma, POST, correct=3, day=2)  # 75, passes
    start_attempt(asthma.quizzes.get(role=PRE), learner(asthma, member_id="M-OPEN").user)  # never submitted
    marie = learner(cardio, member_id="M-MARIE")
    taken(marie, cardio, PRE, correct=3, day=0)
    taken(marie, cardio, POST, correct=2, day=1)


HEADINGS = [
    "Activity",
    "Objective",
    "Post-test attempt",
    "Learners (n)",
    "Mean pre-test score (%)",
    "Mean post-test score (%)",
    "Mean gain (percentage points)",
    "Median gain (percentage points)",
    "Effect size (Cohen's d_z)",
]
FIRST, PASSING = "First post-test attempt", "Passing post-test attempt"
SEVERITY, CONTROLLER = "1. Classify asthma severity.", "2. Choose a controller."


def test_gain_pairs_the_first_pre_test_before_any_post_test_with_the_first_and_the_passing_attempt(
    admin_client, records
):
    headings, rows = screen_table(admin_client.get(reverse(URL)))
    assert headings == HEADINGS
    assert rows == [
        # Gains 50, 50, 25 (Hedy's late pre-test is ignored): sd 14.43, d_z 2.89.
        ["Asthma update", "All objectives", FIRST, "3", "25.00", "66.67", "41.67", "50.00", "2.89"],
        # Items 1-2: gains 50, 100, 0.
        ["Asthma update", SEVERITY, FIRST, "3", "50.00", "100.00", "50.00", "50.00", "1.00"],
        # Items 3-4: gains 50, 0, 50.
        ["Asthma update", CONTROLLER, FIRST, "3", "0.00", "33.33", "33.33", "50.00", "1.15"],
        # Grace's passing attempt is her second: gains 50, 100, 25.
        ["Asthma update", "All objectives", PASSING, "3", "25.00", "83.33", "58.33", "50.00", "1.53"],
        ["Asthma update", SEVERITY, PASSING, "3", "50.00", "100.00", "50.00", "50.00", "1.00"],
        ["Asthma update", CONTROLLER, PASSING, "3", "0.00", "66.67", "66.67", "50.00", "2.31"],
        # One learner, who did not pass: no spread, so no effect size, and no passing row.
        ["Cardiology refresher", "All objectives", FIRST, "1", "75.00", "50.00", "-25.00", "-25.00", ""],
        [
            "Cardiology refresher",
            "1. Describe the sample objective.",
            FIRST,
            "1",
            "75.00",
            "50.00",
            "-25.00",
            "-25.00",
            "",
        ],
    ]


def test_a_late_pre_test_alone_gives_no_baseline(admin_client, asthma):
    hedy = learner(asthma, member_id="M-HEDY")
    taken(hedy, asthma, POST, correct=1, day=0)
    taken(hedy, asthma, PRE, correct=4, day=1)
    taken(hedy, asthma, POST, correct=3, day=2)
    assert screen_table(admin_client.get(reverse(URL)))[1] == []


def test_filters(admin_client, records, asthma):
    _, rows = screen_table(admin_client.get(reverse(URL), {"activity": asthma.pk}))
    assert {row[0] for row in rows} == {"Asthma update"}


def test_exports_say_what_the_screen_says(admin_client, records, asthma):
    assert len(assert_exports_match_screen(admin_client, reverse(URL))[1]) == 8
    assert len(assert_exports_match_screen(admin_client, reverse(URL), {"activity": asthma.pk})[1]) == 6
