"""Submissions no honest form sends are refused whole, through the page and the API alike (the
attempt service judges them), and cost the learner nothing: the attempt stays open, unanswered."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from quizzes.models import Answer, AttemptStatus
from quizzes.services.attempts import SubmissionRefused, start_attempt, submit_attempt

HONEST = [(1, ["q1b"]), (2, ["q2a"]), (3, ["q3true"]), (4, ["q4a", "q4b"])]

# name: (answers sent, [(path of the answer at fault, words of the message)])
TAMPERINGS = {
    "an unknown position": (
        HONEST + [(5, ["q1b"])],
        [("answers[4].position", "This attempt has no question 5; it has 4.")],
    ),
    "a choice of another question": (
        [(1, ["q2a"])] + HONEST[1:],
        [("answers[0].choices", "Question 1 was sent a choice it does not offer.")],
    ),
    "an unknown choice id": (
        HONEST[:2] + [(3, ["not-a-choice"])] + HONEST[3:],
        [("answers[2].choices", "Question 3 was sent a choice it does not offer.")],
    ),
    "two answers to a single-answer question": (
        [(1, ["q1a", "q1b"])] + HONEST[1:],
        [("answers[0].choices", "Question 1 takes one answer; 2 were sent.")],
    ),
    "two answers to a true/false question": (
        HONEST[:2] + [(3, ["q3true", "q3false"])] + HONEST[3:],
        [("answers[2].choices", "Question 3 takes one answer; 2 were sent.")],
    ),
    "a duplicated position": (
        HONEST[:2] + [(2, ["q2b"])] + HONEST[2:],
        [("answers[2].position", "Question 2 is answered more than once.")],
    ),
    "the same choice twice": (
        HONEST[:3] + [(4, ["q4a", "q4a"])],
        [("answers[3].choices", "Question 4 was sent the same choice twice.")],
    ),
}


def assert_open_and_unanswered(attempt):
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.submitted_at is None and attempt.score_percent is None and attempt.passed is None
    assert not Answer.objects.filter(attempt=attempt).exists()


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_the_service_refuses_a_tampered_submission_and_writes_nothing(quiz, learner, tampering):
    answers, expected = TAMPERINGS[tampering]
    attempt = start_attempt(quiz, learner)
    with pytest.raises(SubmissionRefused) as refused:
        submit_attempt(attempt.pk, learner, answers)
    assert [(problem.path, problem.message) for problem in refused.value.problems] == expected
    assert_open_and_unanswered(attempt)
    assert submit_attempt(attempt.pk, learner, HONEST).score_percent == 100


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_the_api_answers_400_with_the_path_and_the_attempt_stays_open(quiz, learner, tampering):
    answers, expected = TAMPERINGS[tampering]
    api = APIClient()
    api.force_login(learner)
    attempt = start_attempt(quiz, learner)
    body = {"answers": [{"position": position, "choices": choices} for position, choices in answers]}
    response = api.post(f"/api/v1/me/attempts/{attempt.pk}/submit/", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"] == [{"field": path, "message": message} for path, message in expected]
    assert_open_and_unanswered(attempt)


def form_data(answers):
    data = {}
    for position, choices in answers:
        name = f"q{position}"
        # A duplicated position reaches the page as the same question under another spelling.
        while name in data:
            name = "q0" + name[1:]
        data[name] = choices
    return data


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_the_page_shows_a_form_error_and_the_attempt_stays_open(learner_client, quiz, learner, tampering):
    answers, expected = TAMPERINGS[tampering]
    attempt = start_attempt(quiz, learner)
    response = learner_client.post(reverse("quizzes:attempt", args=[attempt.pk]), form_data(answers))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was submitted" in html
    for _, message in expected:
        assert message in html
    assert_open_and_unanswered(attempt)


def test_a_question_left_out_of_an_api_submission_scores_zero(quiz, learner):
    api = APIClient()
    api.force_login(learner)
    attempt = start_attempt(quiz, learner)
    body = {"answers": [{"position": 1, "choices": ["q1b"]}, {"position": 2, "choices": []}]}
    response = api.post(f"/api/v1/me/attempts/{attempt.pk}/submit/", body, format="json")
    assert response.status_code == 200
    assert response.json()["score_percent"] == "25.00"
    assert list(Answer.objects.filter(attempt=attempt).order_by("position").values_list("correct", flat=True)) == [
        True,
        False,
        False,
        False,
    ]


def test_after_the_time_limit_a_tampered_submission_closes_the_attempt_with_nothing_counted(quiz, learner):
    import datetime

    from django.utils import timezone

    quiz.time_limit_minutes = 5
    quiz.save()
    started = timezone.now() - datetime.timedelta(minutes=30)
    attempt = start_attempt(quiz, learner, now=started)
    graded = submit_attempt(attempt.pk, learner, TAMPERINGS["an unknown position"][0])
    assert graded.timed_out and graded.score_percent == 0
