"""Races on PostgreSQL: real threads, real connections, row locks and constraints."""

import pytest

from content.refusals import Refused
from quizzes.models import Answer, Attempt, AttemptStatus
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import enrolled_learner, make_catalog, make_course, make_home, make_quiz
from tests.support.threads import run_times

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def setup():
    course = make_course(make_catalog(make_home()))
    return make_quiz(course, max_attempts=3), enrolled_learner(course, "racer")


def test_attempt_limit_holds_under_concurrent_starts_and_submits(setup):
    quiz, learner = setup

    def take(index):
        try:
            attempt = start_attempt(quiz, learner)
        except Refused:
            return
        submit_attempt(attempt.pk, learner, {})

    assert run_times(20, take).errors == []
    numbers = sorted(Attempt.objects.filter(quiz=quiz, user=learner).values_list("number", flat=True))
    assert numbers == sorted(set(numbers))
    assert len(numbers) <= 3


def test_fifty_concurrent_submissions_grade_one_attempt_once(setup):
    quiz, learner = setup
    attempt = start_attempt(quiz, learner)
    correct = {position: q["correct"] for position, q in enumerate(attempt.presented, start=1)}
    outcome = run_times(50, lambda index: submit_attempt(attempt.pk, learner, correct).score_percent)
    assert outcome.errors == []
    assert len(set(outcome.results)) == 1 and outcome.results[0] is not None
    assert Answer.objects.filter(attempt=attempt).count() == len(attempt.presented)
    assert Attempt.objects.get(pk=attempt.pk).status == AttemptStatus.SUBMITTED
