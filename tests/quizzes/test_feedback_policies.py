"""Each feedback policy on every surface that shows a result (the result page, the learner API, the
learner's data export): what a learner who fails, then passes, or runs out of attempts, sees of the
attempt they failed. One function decides (quizzes.feedback); these tests read what each surface
actually sends."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from quizzes.models import FeedbackPolicy, Quiz, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import make_quiz

SCORE, WRONG, RATIONALE, KEY = "score", "which were wrong", "rationale of a right answer", "key"
EVERYTHING = {SCORE, WRONG, RATIONALE, KEY}

# What the failed first attempt shows (after that failure, after passing the next attempt, after
# running out of attempts). Pass or fail is shown under every policy.
EXPECTED = {
    FeedbackPolicy.NOTHING: (set(), set(), set()),
    FeedbackPolicy.SCORE: ({SCORE}, {SCORE}, {SCORE}),
    FeedbackPolicy.WRONG_ANSWERS: ({SCORE, WRONG}, {SCORE, WRONG}, {SCORE, WRONG}),
    FeedbackPolicy.KEY_AFTER_PASSING: ({SCORE}, EVERYTHING, {SCORE}),
    FeedbackPolicy.KEY_WHEN_NO_ATTEMPTS_LEFT: ({SCORE}, {SCORE}, EVERYTHING),
    FeedbackPolicy.WRONG_THEN_KEY: ({SCORE, WRONG, RATIONALE}, EVERYTHING, EVERYTHING),
    FeedbackPolicy.EVERYTHING: (EVERYTHING, EVERYTHING, EVERYTHING),
}
AFTER_FAILING, AFTER_PASSING, OUT_OF_ATTEMPTS = range(3)

# Question 1 right, questions 2-4 wrong: 25 %.
FAILING = {1: ["q1b"], 2: ["q2b"], 3: ["q3false"], 4: ["q4c"]}
PASSING = {1: ["q1b"], 2: ["q2a"], 3: ["q3true"], 4: ["q4a", "q4b"]}


def quiz_with(course, policy, max_attempts):
    # A post-test may not show everything after each attempt; a pre-test with a pass mark may.
    role = QuizRole.PRE_TEST if policy == FeedbackPolicy.EVERYTHING else QuizRole.POST_TEST
    return make_quiz(
        course,
        role=role,
        feedback_policy=policy,
        max_attempts=max_attempts,
        shuffle_questions=False,
        shuffle_choices=False,
    )


def take(quiz, learner, answers):
    return submit_attempt(start_attempt(quiz, learner).pk, learner, answers)


def on_the_page(learner, attempt):
    client = APIClient()
    client.force_login(learner)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    status = BeautifulSoup(html, "html.parser").select_one(".result-score").get_text()
    key_parts = {"(correct)" in html, "Rationale 2" in html}
    assert len(key_parts) == 1, "the key comes whole or not at all"
    shown = {
        SCORE: "25.00%" in html,
        WRONG: "Not correct." in html,
        RATIONALE: "Rationale 1" in html,
        KEY: key_parts == {True},
    }
    return "did not pass" in status, {name for name, present in shown.items() if present}


def through_the_api(learner, attempt):
    client = APIClient()
    client.force_login(learner)
    body = client.get(f"/api/v1/me/attempts/{attempt.pk}/").json()
    feedback = body["feedback"]
    assert all(value is not None for entry in feedback for value in entry.values()), "hidden parts are left out"
    assert len({"correct" in entry for entry in feedback}) == 1
    shown = {
        SCORE: body["score_percent"] == "25.00",
        WRONG: "correct" in feedback[1] and feedback[1]["correct"] is False,
        RATIONALE: feedback[0].get("rationale") == "Rationale 1",
        KEY: "correct_choices" in feedback[1] and feedback[1].get("rationale") == "Rationale 2",
    }
    return body["passed"] is False, {name for name, present in shown.items() if present}


def in_the_export(learner, attempt):
    client = APIClient()
    client.force_login(learner)
    response = client.get("/learn/my-data.json")
    text = response.content.decode()
    assert "Rationale" not in text and "correct_choices" not in text, "the export never carries the key"
    entry = next(a for a in response.json()["quiz_attempts"] if a["number"] == attempt.number)
    shown = {
        SCORE: entry["score_percent"] == "25.00",
        WRONG: "correct" in entry["answers"][1] and entry["answers"][1]["correct"] is False,
    }
    return entry["passed"] is False, {name for name, present in shown.items() if present}


# surface: (how to read it, what it can show at most)
SURFACES = {
    "page": (on_the_page, EVERYTHING),
    "api": (through_the_api, EVERYTHING),
    "export": (in_the_export, {SCORE, WRONG}),
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("policy", EXPECTED)
def test_a_learner_who_fails_then_passes_sees_what_the_policy_allows(bare_activity, learner, policy, surface):
    read, can_show = SURFACES[surface]
    quiz = quiz_with(bare_activity, policy, max_attempts=3)
    failed = take(quiz, learner, FAILING)
    assert read(learner, failed) == (True, EXPECTED[policy][AFTER_FAILING] & can_show)
    assert take(quiz, learner, PASSING).passed
    assert read(learner, failed) == (True, EXPECTED[policy][AFTER_PASSING] & can_show)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("policy", EXPECTED)
def test_a_learner_who_runs_out_of_attempts_sees_what_the_policy_allows(bare_activity, learner, policy, surface):
    read, can_show = SURFACES[surface]
    quiz = quiz_with(bare_activity, policy, max_attempts=2)
    failed = take(quiz, learner, FAILING)
    assert read(learner, failed) == (True, EXPECTED[policy][AFTER_FAILING] & can_show)
    take(quiz, learner, FAILING)
    assert read(learner, failed) == (True, EXPECTED[policy][OUT_OF_ATTEMPTS] & can_show)


@pytest.mark.parametrize("read", [on_the_page, through_the_api])
def test_no_key_is_shown_while_another_attempt_is_open(bare_activity, learner, read):
    quiz = quiz_with(bare_activity, FeedbackPolicy.KEY_AFTER_PASSING, max_attempts=0)
    failed = take(quiz, learner, FAILING)
    take(quiz, learner, PASSING)
    start_attempt(quiz, learner)
    assert read(learner, failed) == (True, {SCORE})


def test_the_page_says_what_is_shown_later(bare_activity, learner, client):
    quiz = quiz_with(bare_activity, FeedbackPolicy.WRONG_THEN_KEY, max_attempts=3)
    failed = take(quiz, learner, FAILING)
    client.force_login(learner)
    html = client.get(reverse("quizzes:result", args=[failed.pk])).content.decode()
    assert "Every correct answer and explanation is shown once you pass or have no attempts left." in html
    assert "You have 2 attempts left." in html


def test_under_show_nothing_the_quiz_page_lists_attempts_as_passed_or_not_without_a_score(
    bare_activity, learner, client
):
    quiz = quiz_with(bare_activity, FeedbackPolicy.NOTHING, max_attempts=3)
    take(quiz, learner, FAILING)
    take(quiz, learner, PASSING)
    client.force_login(learner)
    html = client.get(reverse("quizzes:intro", args=[quiz.pk])).content.decode()
    assert "Attempt 1: " in html and "not passed" in html and ">passed<" in html
    assert "25.00" not in html and "100.00" not in html
    assert "Whether you passed; no score and no answers are shown." in html


def test_a_new_quiz_shows_the_post_test_default():
    assert Quiz().feedback_policy == FeedbackPolicy.WRONG_THEN_KEY


def test_a_post_test_refuses_showing_everything_after_each_attempt(bare_activity):
    quiz = Quiz(
        title="Post-test", role=QuizRole.POST_TEST, course=bare_activity, feedback_policy=FeedbackPolicy.EVERYTHING
    )
    with pytest.raises(ValidationError) as refused:
        quiz.full_clean()
    assert "cannot show every answer after each attempt" in refused.value.message_dict["feedback_policy"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        quiz.save()


def test_a_pre_test_may_show_everything_after_each_attempt(bare_activity):
    quiz = Quiz(
        title="Pre-test", role=QuizRole.PRE_TEST, course=bare_activity, feedback_policy=FeedbackPolicy.EVERYTHING
    )
    quiz.full_clean()
