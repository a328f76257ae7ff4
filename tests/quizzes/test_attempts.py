"""Attempt services: limits, one grading, time limits, the graded signal."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.refusals import Refused
from quizzes.models import Answer, Attempt, AttemptStatus
from quizzes.presentation import present_questions
from quizzes.services.attempts import attempts_left, start_attempt, submit_attempt
from quizzes.services.grants import grant_extra_attempt
from quizzes.signals import attempt_graded
from tests.factories import UserFactory, make_quiz


def all_correct(attempt):
    return {position: question["correct"] for position, question in enumerate(attempt.presented, start=1)}


def test_attempt_limit_refuses_the_next_start_with_a_reason(quiz, learner):
    quiz.max_attempts = 2
    quiz.save()
    for _ in range(2):
        submit_attempt(start_attempt(quiz, learner).pk, learner, {})
    with pytest.raises(Refused, match="used all 2 attempts"):
        start_attempt(quiz, learner)
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 2
    assert attempts_left(quiz, learner) == 0


def test_unlimited_attempts(quiz, learner):
    for _ in range(5):
        submit_attempt(start_attempt(quiz, learner).pk, learner, {})
    assert attempts_left(quiz, learner) is None
    assert list(Attempt.objects.filter(user=learner).values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_starting_while_an_attempt_is_open_resumes_it(quiz, learner):
    first = start_attempt(quiz, learner)
    assert start_attempt(quiz, learner).pk == first.pk
    assert Attempt.objects.count() == 1


def test_database_allows_one_open_attempt_per_learner(quiz, learner):
    attempt = start_attempt(quiz, learner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=learner, number=2, seed=1, presented=attempt.presented, passing_score=70)


def test_database_refuses_a_repeated_attempt_number(quiz, learner):
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt.pk, learner, {})
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=learner, number=1, seed=1, presented=[], passing_score=70)


def test_submitted_attempt_is_never_regraded(quiz, learner):
    attempt = start_attempt(quiz, learner)
    graded = submit_attempt(attempt.pk, learner, all_correct(attempt))
    again = submit_attempt(attempt.pk, learner, {})
    assert again.score_percent == graded.score_percent == Decimal("100.00")
    assert Answer.objects.filter(attempt=attempt).count() == len(attempt.presented)


def test_pass_mark_is_fixed_when_the_attempt_starts(quiz, learner):
    attempt = start_attempt(quiz, learner)
    quiz.passing_score = 100
    quiz.save()
    selections = all_correct(attempt)
    selections[1] = []
    graded = submit_attempt(attempt.pk, learner, selections)
    assert graded.score_percent == Decimal("75.00")
    assert graded.passed  # judged by the 70% in force at the start, not the later 100%
    assert graded.passing_score == 70


def test_a_graded_attempt_holds_the_answers_it_stored(quiz, learner, django_assert_num_queries):
    attempt = start_attempt(quiz, learner)
    selections = all_correct(attempt)
    selections[2] = []
    graded = submit_attempt(attempt.pk, learner, selections)
    with django_assert_num_queries(0):
        held = [(a.pk, a.position, a.question_id, a.selected, a.credit, a.correct) for a in graded.answers.all()]
    stored = Answer.objects.filter(attempt=attempt).order_by("position")
    assert held == [(a.pk, a.position, a.question_id, a.selected, a.credit, a.correct) for a in stored]
    assert [correct for *_, correct in held] == [True, False, True, True]


def test_attempt_numbers_follow_on_after_timed_out_and_granted_attempts(quiz, learner):
    quiz.max_attempts = 2
    quiz.time_limit_minutes = 5
    quiz.save()
    start_attempt(quiz, learner, now=timezone.now() - datetime.timedelta(hours=1))  # abandoned
    second = start_attempt(quiz, learner)
    submit_attempt(second.pk, learner, {})
    with pytest.raises(Refused, match="used all 2 attempts"):
        start_attempt(quiz, learner)
    grant_extra_attempt(quiz, learner, UserFactory(username="office"), "Fire alarm during the test.")
    third = start_attempt(quiz, learner)
    assert [second.number, third.number] == [2, 3]
    assert start_attempt(quiz, learner).pk == third.pk  # resumed, not a fourth
    assert attempts_left(quiz, learner) == 0


def test_graded_signal_is_sent_once_with_the_attempt(quiz, learner):
    received = []

    def receiver(sender, attempt, **kwargs):
        received.append((attempt.pk, attempt.status, attempt.passed))

    attempt_graded.connect(receiver)
    try:
        attempt = start_attempt(quiz, learner)
        submit_attempt(attempt.pk, learner, all_correct(attempt))
        submit_attempt(attempt.pk, learner, all_correct(attempt))
    finally:
        attempt_graded.disconnect(receiver)
    assert received == [(attempt.pk, AttemptStatus.SUBMITTED, True)]


def test_answers_after_the_time_limit_do_not_count(quiz, learner):
    quiz.time_limit_minutes = 10
    quiz.save()
    started = timezone.now()
    attempt = start_attempt(quiz, learner, now=started)
    assert attempt.deadline == started + datetime.timedelta(minutes=10)
    late = submit_attempt(attempt.pk, learner, all_correct(attempt), now=started + datetime.timedelta(minutes=11))
    assert late.timed_out
    assert late.score_percent == 0
    assert not late.passed


def test_answers_within_the_time_limit_count(quiz, learner):
    quiz.time_limit_minutes = 10
    quiz.save()
    started = timezone.now()
    attempt = start_attempt(quiz, learner, now=started)
    graded = submit_attempt(attempt.pk, learner, all_correct(attempt), now=started + datetime.timedelta(minutes=10))
    assert not graded.timed_out
    assert graded.score_percent == 100


def test_an_abandoned_timed_attempt_is_closed_when_the_learner_returns(quiz, learner):
    quiz.time_limit_minutes = 5
    quiz.max_attempts = 2
    quiz.save()
    started = timezone.now() - datetime.timedelta(hours=1)
    first = start_attempt(quiz, learner, now=started)
    second = start_attempt(quiz, learner)
    first.refresh_from_db()
    assert first.status == AttemptStatus.SUBMITTED and first.timed_out and first.score_percent == 0
    assert second.number == 2


def test_pool_draw_and_shuffle_are_fixed_by_the_seed(bare_activity):
    quiz = make_quiz(
        bare_activity,
        questions=[("single", (f"q{n}a", f"+q{n}b", f"q{n}c", f"q{n}d")) for n in range(1, 13)],
        question_count=8,
        shuffle_questions=True,
        shuffle_choices=True,
    )
    questions = list(quiz.questions.all())
    first = present_questions(quiz, questions, seed=1234)
    assert present_questions(quiz, list(reversed(questions)), seed=1234) == first
    assert len(first) == 8 and len({q["key"] for q in first}) == 8
    others = [present_questions(quiz, questions, seed=seed) for seed in range(20)]
    assert any([q["key"] for q in other] != [q["key"] for q in first] for other in others)
    assert any(
        [c["id"] for c in other[0]["choices"]] != sorted(c["id"] for c in other[0]["choices"]) for other in others
    )


def test_without_shuffling_the_bank_order_is_kept(quiz):
    presented = present_questions(quiz, list(quiz.questions.all()), seed=99)
    assert [q["key"] for q in presented] == ["k1", "k2", "k3", "k4"]
    assert [c["id"] for c in presented[0]["choices"]] == ["q1a", "q1b", "q1c"]
