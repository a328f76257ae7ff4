"""The learner's pages: start, answer, submit, result; the answer key stays on the server."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from quizzes.models import Answer, Attempt, AttemptStatus
from quizzes.services.attempts import start_attempt
from tests.factories import UserFactory


def start(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.get(pk=int(re.search(r"/attempts/(\d+)/", response["Location"]).group(1)))


def correct_answers(attempt):
    data = {}
    for position, question in enumerate(attempt.presented, start=1):
        data[f"q{position}"] = question["correct"] if question["kind"] == "multiple" else question["correct"][0]
    return data


def test_intro_tells_the_pass_mark_and_attempts_before_starting(learner_client, quiz):
    quiz.max_attempts = 3
    quiz.save()
    html = learner_client.get(reverse("quizzes:intro", args=[quiz.pk])).content.decode()
    assert "70% or higher" in html
    assert "3 per learner; you have 3 left" in html


def test_starting_needs_a_post_request(learner_client, quiz):
    assert learner_client.get(reverse("quizzes:start", args=[quiz.pk])).status_code == 405
    assert not Attempt.objects.exists()


def test_answer_key_is_absent_from_the_page_before_submission(learner_client, quiz):
    attempt = start(learner_client, quiz)
    html = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "correct" not in html.lower()
    assert "Rationale" not in html
    soup = BeautifulSoup(html, "html.parser")
    inputs = soup.select("input[type=radio], input[type=checkbox]")
    assert len(inputs) == 3 + 3 + 2 + 4
    allowed = {"type", "name", "value", "id", "required", "class", "aria-invalid", "aria-describedby"}
    for element in inputs:
        assert set(element.attrs) <= allowed, element.attrs
        assert not [name for name in element.attrs if name.startswith("data-")]


def test_a_full_pass_is_graded_on_the_server(learner_client, quiz):
    attempt = start(learner_client, quiz)
    response = learner_client.post(reverse("quizzes:attempt", args=[attempt.pk]), correct_answers(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.score_percent == 100
    assert attempt.passed
    html = learner_client.get(response["Location"]).content.decode()
    assert "100.00%" in html and "passed" in html
    assert "Rationale 1" in html


def test_double_submission_yields_one_graded_attempt(learner_client, quiz):
    attempt = start(learner_client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    first = learner_client.post(url, correct_answers(attempt))
    wrong = dict.fromkeys(correct_answers(attempt), "q1a")
    second = learner_client.post(url, wrong)
    assert first.status_code == second.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score_percent == 100
    assert Answer.objects.filter(attempt=attempt).count() == 4
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_reload_keeps_the_attempt_and_its_order(learner_client, bare_activity):
    from tests.factories import make_quiz

    quiz = make_quiz(bare_activity, question_count=3, shuffle_questions=True, shuffle_choices=True)
    attempt = start(learner_client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])

    def order(html):
        soup = BeautifulSoup(html, "html.parser")
        return [
            (element["name"], element["value"]) for element in soup.select("input[type=radio], input[type=checkbox]")
        ]

    first = order(learner_client.get(url).content.decode())
    again = start(learner_client, quiz)
    assert again.pk == attempt.pk
    assert order(learner_client.get(url).content.decode()) == first
    assert [name for name, _ in first][:1] == ["q1"]


def test_missing_answer_is_a_form_error_and_nothing_is_graded(learner_client, quiz):
    attempt = start(learner_client, quiz)
    data = correct_answers(attempt)
    del data["q2"]
    response = learner_client.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    assert response.status_code == 200
    assert "Choose an answer." in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert not Answer.objects.exists()


def test_another_learners_attempt_is_not_found(client, quiz, learner):
    attempt = start_attempt(quiz, learner)
    intruder = UserFactory(username="intruder")
    client.force_login(intruder)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("quizzes:attempt", args=[attempt.pk]), correct_answers(attempt)).status_code == 404
    assert client.get(reverse("quizzes:result", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_signed_out_visitor_is_sent_to_sign_in(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Attempt.objects.exists()


def test_failed_attempt_shows_attempts_left(learner_client, quiz):
    quiz.max_attempts = 2
    quiz.save()
    attempt = start(learner_client, quiz)
    wrong = {f"q{n}": choice for n, choice in enumerate(["q1a", "q2b", "q3false", ["q4c"]], start=1)}
    response = learner_client.post(reverse("quizzes:attempt", args=[attempt.pk]), wrong, follow=True)
    html = response.content.decode()
    assert "did not pass" in html
    assert "You have 1 attempt left." in html


def test_module_page_links_its_knowledge_check(client, bare_activity):
    from quizzes.models import Quiz, QuizRole
    from tests.factories import make_module

    module = make_module(bare_activity, slug="with-check", title="Module with a check")
    Quiz.objects.create(
        title="Check your understanding", role=QuizRole.KNOWLEDGE_CHECK, module=module, passing_score=80
    )
    html = client.get(module.url).content.decode()
    assert "Knowledge check" in html
    assert "Check your understanding</a>: passing score 80%" in html


def test_database_refuses_a_knowledge_check_attached_to_a_course(bare_activity):
    from django.db import IntegrityError, transaction

    from quizzes.models import Quiz, QuizRole

    with pytest.raises(IntegrityError), transaction.atomic():
        Quiz.objects.create(title="Misplaced", role=QuizRole.KNOWLEDGE_CHECK, course=bare_activity)
