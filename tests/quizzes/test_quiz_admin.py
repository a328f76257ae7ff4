"""Authoring in the Wagtail admin: clear errors, nothing saved; questions keep their identity."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from quizzes.models import Answer, Question, Quiz
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def choice_blocks(*specs, ids=None):
    data = {}
    for index, spec in enumerate(specs):
        data[str(index)] = {
            "type": "choice",
            "value": {"text": spec.lstrip("+"), "correct": "on" if spec.startswith("+") else ""},
            "deleted": "",
            "order": str(index),
            "id": ids[index] if ids else "",
        }
    data["count"] = str(len(specs))
    return data


def question_row(kind="single", specs=("a", "+b", "c"), stem="Which one?", row_id="", ids=None):
    return {
        "id": row_id,
        "kind": kind,
        "stem": rich_text(f"<p>{stem}</p>"),
        "choices": choice_blocks(*specs, ids=ids),
        "rationale": "Because.",
        "reference": "An article",
    }


def quiz_data(course, rows=None, draws=None, **settings):
    values = {
        "title": "Admin post-test",
        "role": "post_test",
        "course": course.pk,
        "module": "",
        "instructions": "",
        "passing_score": "70",
        "max_attempts": "0",
        "time_limit_minutes": "",
        "question_count": "",
        "shuffle_questions": "on",
        "shuffle_choices": "on",
        "multiple_response_scoring": "all_or_nothing",
        "feedback_policy": "wrong_then_key",
        "action-publish": "action-publish",
    }
    values.update(settings)
    rows = rows if rows is not None else [question_row(), question_row(stem="Second?")]
    # Every item assesses every objective unless a test says otherwise, so the post-test blueprint is filled.
    objective_ids = [block.id for block in course.learning_objectives]
    values["questions"] = inline_formset([{k: v for k, v in row.items() if k != "objectives"} for row in rows], min=1)
    values.setdefault("draws", inline_formset(draws or []))
    data = nested_form_data(values)
    for index, row in enumerate(rows):
        data[f"questions-{index}-objectives"] = row.get("objectives", objective_ids)
    return data


ADD = "wagtailsnippets_cme_quizzes_quiz:add"


def test_valid_quiz_is_saved(admin_client, bare_activity):
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity))
    assert response.status_code == 302, response.content.decode()[-3000:]
    quiz = Quiz.objects.get(title="Admin post-test")
    assert quiz.questions.count() == 2
    assert quiz.passing_score == 70


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rows": [question_row(specs=("a", "b", "c"))]}, "Mark the correct choice: this question has none."),
        ({"rows": [question_row(specs=("+a", "+b", "c"))]}, "exactly one correct choice; 2 are marked"),
        ({"rows": [question_row(kind="true_false", specs=("+True", "+False"))]}, "exactly one correct choice"),
        ({"rows": [question_row(kind="true_false", specs=("+True", "False", "Maybe"))]}, "exactly two choices"),
        ({"question_count": "5"}, "draws 5 questions but its bank holds only 2"),
        ({"passing_score": "101"}, "less than or equal to 100"),
        ({"passing_score": "-1"}, "greater than or equal to 0"),
        ({"role": "knowledge_check"}, "A knowledge check follows a module"),
        ({"feedback_policy": "everything"}, "A post-test decides credit, so it cannot show every answer"),
    ],
)
def test_invalid_quiz_shows_the_reason_and_saves_nothing(admin_client, bare_activity, change, message):
    rows = change.pop("rows", None)
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity, rows=rows, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Quiz.objects.exists()
    assert not Question.objects.exists()


def test_question_keeps_its_identity_when_an_editor_fixes_a_typo(admin_client, bare_activity, learner):
    admin_client.post(reverse(ADD), quiz_data(bare_activity, rows=[question_row(stem="Whcih one?")]))
    quiz = Quiz.objects.get()
    question = quiz.questions.get()
    choice_ids = [block.id for block in question.choices]
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt.pk, learner, {1: [choice_ids[1]]})

    edit = quiz_data(bare_activity, rows=[question_row(stem="Which one?", row_id=question.pk, ids=choice_ids)])
    edit["questions-INITIAL_FORMS"] = "1"
    response = admin_client.post(reverse("wagtailsnippets_cme_quizzes_quiz:edit", args=[quiz.pk]), edit)
    assert response.status_code == 302, response.content.decode()[-3000:]

    fixed = Question.objects.get()
    assert (fixed.pk, fixed.key) == (question.pk, question.key)
    assert "Which one?" in fixed.stem
    assert [block.id for block in fixed.choices] == choice_ids
    answer = Answer.objects.get()
    assert answer.question_id == fixed.pk and answer.correct
    assert answer.selected == [choice_ids[1]]
