"""Tests drawing from shared question banks: what an attempt serves and grades, and the banks a pre-test
and a post-test of one activity may not share (quiz form, bank form, publishing check)."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.publishing_checks import publish_problems
from quizzes.feedback import post_test_items_in
from quizzes.models import Answer, Question, QuestionBank, Quiz, QuizDraw, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import choices, make_bank, make_quiz
from tests.quizzes.test_assessment_required import edited
from tests.quizzes.test_quiz_admin import ADD, admin_client, question_row, quiz_data  # noqa: F401

BANK_EDIT = "wagtailsnippets_cme_quizzes_questionbank:edit"


def all_correct(attempt):
    return {position: question["correct"] for position, question in enumerate(attempt.presented, start=1)}


def drawing(quiz, bank, count, objective=""):
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=count, objective=objective)
    return quiz


def error_text(response):
    assert response.status_code == 200, response.status_code
    return " ".join(str(message) for message in response.context["form"].non_field_errors())


@pytest.fixture
def bank(bare_activity):
    objective = bare_activity.learning_objectives[0].id
    return make_bank(
        "Pain items",
        course=bare_activity,
        questions=[("single", (f"x{n}", f"+y{n}")) for n in range(6)],
        objectives=[objective],
    )


def test_an_attempt_serves_its_own_items_and_the_drawn_number_from_the_bank(quiz, bank, learner):
    drawing(quiz, bank, 3)
    attempt = start_attempt(quiz, learner)
    keys = [question["key"] for question in attempt.presented]
    assert len(keys) == 4 + 3 == len(set(keys))
    assert keys[:4] == ["k1", "k2", "k3", "k4"]
    drawn = set(keys[4:])
    assert drawn <= set(bank.questions.values_list("key", flat=True))
    graded = submit_attempt(attempt.pk, learner, all_correct(attempt))
    assert graded.passed and graded.score_percent == 100
    answers = Answer.objects.filter(attempt=attempt, question_key__in=drawn)
    assert answers.count() == 3 and all(answer.correct and answer.question.bank_id == bank.pk for answer in answers)


def test_a_wrong_answer_to_a_drawn_item_counts_against_the_score(quiz, bank, learner):
    drawing(quiz, bank, 4)
    attempt = start_attempt(quiz, learner)
    selections = all_correct(attempt)
    wrong = next(
        position for position, question in enumerate(attempt.presented, 1) if question["key"].startswith("pain")
    )
    selections[wrong] = [
        choice["id"] for choice in attempt.presented[wrong - 1]["choices"] if choice["id"].startswith("x")
    ]
    graded = submit_attempt(attempt.pk, learner, selections)
    assert graded.score_percent == 87.5


def test_a_quiz_may_draw_all_its_items_from_banks(bare_activity, bank, learner):
    quiz = drawing(make_quiz(bare_activity, questions=[], shuffle_questions=False), bank, 2)
    assert len(start_attempt(quiz, learner).presented) == 2


def test_a_draw_for_one_objective_takes_only_items_assessing_it(bare_activity, learner):
    tagged = make_bank("Tagged", course=bare_activity, questions=[("single", ("a", "+b"))] * 2, objectives=["obj-a"])
    Question.objects.filter(bank=tagged, key="tagged-2").update(objectives=["obj-b"])
    quiz = drawing(make_quiz(bare_activity, questions=[], role=QuizRole.PRE_TEST), tagged, 1, objective="obj-b")
    for _ in range(3):
        attempt = start_attempt(quiz, learner)
        assert [question["key"] for question in attempt.presented] == ["tagged-2"]
        submit_attempt(attempt.pk, learner, {})


def test_a_retake_draws_the_bank_items_not_yet_seen(bare_activity, bank, learner):
    quiz = drawing(make_quiz(bare_activity, questions=[], role=QuizRole.PRE_TEST), bank, 3)
    first = start_attempt(quiz, learner)
    submit_attempt(first.pk, learner, {})
    second = start_attempt(quiz, learner)
    assert not {q["key"] for q in first.presented} & {q["key"] for q in second.presented}


def test_a_question_belongs_to_a_quiz_or_a_bank_never_both_nor_neither(quiz, bank):
    for owners in ({"quiz": quiz, "bank": bank}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Question.objects.create(kind="single", stem="<p>?</p>", choices=choices("a", "+b"), rationale="r", **owners)


def test_a_bank_a_quiz_draws_from_cannot_be_deleted(quiz, bank):
    drawing(quiz, bank, 1)
    with pytest.raises(ProtectedError):
        bank.delete()


def test_an_answer_outlives_its_bank_item(quiz, bank, learner):
    drawing(quiz, bank, 6)
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt.pk, learner, all_correct(attempt))
    QuizDraw.objects.all().delete()
    bank.delete()
    assert Answer.objects.filter(attempt=attempt).count() == 10
    assert Answer.objects.filter(attempt=attempt, question__isnull=True).count() == 6
    attempt.refresh_from_db()
    assert attempt.score_percent == 100


# --- The admin: a quiz's draws and what they may take ---------------------------------------------


def quiz_post(course, role, draws, rows=None, title="Admin test"):
    rows_of_draws = [{"id": "", "bank": str(bank.pk), "count": str(count), "objective": ""} for bank, count in draws]
    passing_score = "0" if role == "pre_test" else "70"
    return quiz_data(course, rows=rows, role=role, title=title, passing_score=passing_score, draws=rows_of_draws)


def test_the_quiz_form_saves_draws(admin_client, bare_activity, bank):  # noqa: F811
    response = admin_client.post(reverse(ADD), quiz_post(bare_activity, "post_test", [(bank, 2)]))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert list(Quiz.objects.get(title="Admin test").draws.values_list("bank_id", "count")) == [(bank.pk, 2)]


def test_a_post_test_may_not_draw_from_the_pre_tests_bank(admin_client, bare_activity, bank):  # noqa: F811
    drawing(make_quiz(bare_activity, role=QuizRole.PRE_TEST, questions=[]), bank, 2)
    response = admin_client.post(reverse(ADD), quiz_post(bare_activity, "post_test", [(bank, 2)]))
    assert "may not draw from the same bank ('Pain items')" in error_text(response)
    assert not Quiz.objects.filter(title="Admin test").exists()


def test_a_pre_test_may_not_draw_from_the_post_tests_bank(admin_client, bare_activity, bank):  # noqa: F811
    drawing(make_quiz(bare_activity, questions=[("single", ("own-a", "+own-b"))]), bank, 2)
    response = admin_client.post(
        reverse(ADD), quiz_post(bare_activity, "pre_test", [(bank, 2)], rows=[question_row(stem="Own?")])
    )
    assert "may not draw from the same bank" in error_text(response)


def test_a_bank_kept_for_post_tests_is_refused_to_a_pre_test(admin_client, bare_activity):  # noqa: F811
    post_only = make_bank("Post only", course=bare_activity, role="post_test")
    response = admin_client.post(reverse(ADD), quiz_post(bare_activity, "pre_test", [(post_only, 1)]))
    assert "kept for post-tests; a pre-test may not draw from it" in error_text(response)


def test_a_bank_never_published_is_refused_to_a_test(admin_client, bare_activity):  # noqa: F811
    draft_only = make_bank("Draft only", course=bare_activity)
    QuestionBank.objects.filter(pk=draft_only.pk).update(live=False)
    draft_only.refresh_from_db()
    response = admin_client.post(reverse(ADD), quiz_post(bare_activity, "pre_test", [(draft_only, 1)]))
    assert "The bank 'Draft only' is not published; publish it before a test draws from it." in error_text(response)


def test_a_draw_larger_than_the_bank_is_refused(admin_client, bare_activity, bank):  # noqa: F811
    response = admin_client.post(reverse(ADD), quiz_post(bare_activity, "pre_test", [(bank, 7)]))
    assert "holds 6 items; the draw takes 7" in error_text(response)


def test_separate_banks_for_the_two_tests_are_accepted(admin_client, bare_activity, bank):  # noqa: F811
    drawing(
        make_quiz(bare_activity, role=QuizRole.PRE_TEST, questions=[]), make_bank("Pre items", course=bare_activity), 1
    )
    response = admin_client.post(reverse(ADD), quiz_post(bare_activity, "post_test", [(bank, 2)]))
    assert response.status_code == 302


def test_a_bank_may_not_be_moved_to_the_other_test(admin_client, bare_activity, bank):  # noqa: F811
    drawing(make_quiz(bare_activity, role=QuizRole.PRE_TEST, questions=[]), bank, 2)
    data = nested_form_data(
        {"name": bank.name, "course": str(bare_activity.pk), "role": "post_test", "questions": inline_formset([])}
    )
    response = admin_client.post(reverse(BANK_EDIT, args=[bank.pk]), data)
    assert "kept for post-tests; a pre-test may not draw from it" in error_text(response)
    bank.refresh_from_db()
    assert bank.role == ""


def test_an_activity_whose_tests_share_a_bank_is_not_published(bare_activity, bank):
    drawing(make_quiz(bare_activity, role=QuizRole.PRE_TEST, questions=[]), bank, 1)
    post_test = make_quiz(bare_activity)
    assert publish_problems(edited(bare_activity).latest_revision.as_object()) == []
    drawing(post_test, bank, 1)
    (problem,) = publish_problems(edited(bare_activity).latest_revision.as_object())
    assert "pre-test and post-test both draw from the bank 'Pain items'" in problem
    assert QuestionBank.objects.count() == 1


def test_a_pre_test_item_the_post_test_can_draw_from_a_bank_is_guarded(bare_activity, bank, learner):
    drawing(make_quiz(bare_activity, questions=[]), bank, 2)
    pre_test = make_quiz(
        bare_activity, role=QuizRole.PRE_TEST, questions=[("single", ("x", "+y"))], shares_post_test_items=True
    )
    Question.objects.filter(quiz=pre_test).update(stem="<p>Pain items item 1</p>")
    attempt = submit_attempt(start_attempt(pre_test, learner).pk, learner, {})
    assert post_test_items_in(attempt) == {"k1"}
