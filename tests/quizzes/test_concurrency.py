"""Races on PostgreSQL: real threads, real connections, row locks and constraints."""

import threading

import pytest
from django.db import close_old_connections, connection

from content.refusals import Refused
from quizzes.models import Answer, Attempt, AttemptStatus
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import enrolled_learner, make_catalog, make_course, make_home, make_quiz

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def run_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def worker(index):
        try:
            barrier.wait()
            target(index)
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


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

    errors = run_threads(20, take)
    assert errors == []
    numbers = sorted(Attempt.objects.filter(quiz=quiz, user=learner).values_list("number", flat=True))
    assert numbers == sorted(set(numbers))
    assert len(numbers) <= 3


def test_fifty_concurrent_submissions_grade_one_attempt_once(setup):
    quiz, learner = setup
    attempt = start_attempt(quiz, learner)
    correct = {position: q["correct"] for position, q in enumerate(attempt.presented, start=1)}
    results = []
    errors = run_threads(50, lambda index: results.append(submit_attempt(attempt.pk, learner, correct).score_percent))
    assert errors == []
    assert len(results) == 50 and len(set(results)) == 1
    assert Answer.objects.filter(attempt=attempt).count() == len(attempt.presented)
    assert Attempt.objects.get(pk=attempt.pk).status == AttemptStatus.SUBMITTED
