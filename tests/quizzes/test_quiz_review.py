"""A live quiz's pass mark and answer key change only through review: an editor's edit is a draft
learners never see until a Society admin approves it, and an attempt keeps the version it
started with."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content.publishing import publish_snippet
from quizzes.models import Attempt, Quiz
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import make_quiz

EDIT = "wagtailsnippets_cme_quizzes_quiz:edit"


def edit_form(quiz, action, passing_score=None, key_of_question_1=None):
    """The admin's edit form for `quiz` as it stands, with the pass mark and question 1's key changed."""
    rows = []
    for number, question in enumerate(quiz.questions.all(), start=1):
        blocks = {}
        for index, block in enumerate(question.choices):
            rekeyed = number == 1 and key_of_question_1 is not None
            correct = block.id == key_of_question_1 if rekeyed else block.value["correct"]
            blocks[str(index)] = {
                "type": "choice",
                "value": {"text": block.value["text"], "correct": "on" if correct else ""},
                "deleted": "",
                "order": str(index),
                "id": block.id,
            }
        blocks["count"] = str(len(question.choices))
        rows.append(
            {
                "id": question.pk,
                "kind": question.kind,
                "stem": rich_text(question.stem),
                "choices": blocks,
                "rationale": question.rationale,
                "reference": question.reference,
            }
        )
    values = {
        "title": quiz.title,
        "role": quiz.role,
        "course": quiz.course_id,
        "module": "",
        "instructions": "",
        "passing_score": str(passing_score or quiz.passing_score),
        "max_attempts": str(quiz.max_attempts),
        "time_limit_minutes": "",
        "question_count": "",
        "shuffle_questions": "",
        "shuffle_choices": "",
        "multiple_response_scoring": quiz.multiple_response_scoring,
        "feedback_policy": quiz.feedback_policy,
        "questions": inline_formset(rows, initial=len(rows), min=1),
        "draws": inline_formset([]),
        f"action-{action}": f"action-{action}",
    }
    data = nested_form_data(values)
    for index, question in enumerate(quiz.questions.all()):
        data[f"questions-{index}-objectives"] = question.objectives
    return data


def approve_through_the_admin(client, quiz):
    quiz = Quiz.objects.get(pk=quiz.pk)
    task_state = quiz.current_workflow_task_state
    url = reverse("wagtailsnippets_cme_quizzes_quiz:workflow_action", args=[quiz.pk, "approve", task_state.pk])
    return client.post(url)


def key_of(attempt, position):
    return attempt.presented[position - 1]["correct"]


def learner_sees(learner, quiz):
    """What a learner can read of the quiz before starting, and what starting through the API draws."""
    client = APIClient()
    client.force_login(learner)
    intro = client.get(reverse("quizzes:intro", args=[quiz.pk])).content.decode()
    course_page = client.get(quiz.course.url).content.decode()
    started = client.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/").json()
    attempt = Attempt.objects.get(pk=started["id"])
    return {
        "intro pass mark": re.search(r"(\d+)% or higher", intro).group(1),
        "course page pass mark": re.search(r"passing score (\d+)%", course_page).group(1),
        "attempt pass mark": started["passing_score"],
        "key of question 1": key_of(attempt, 1),
    }, attempt


def test_an_editors_change_to_a_live_quiz_is_a_draft_learners_see_only_once_an_admin_approves(
    client, quiz, learner, editor, society_admin
):
    old_revision = quiz.live_revision_id
    client.force_login(editor)
    form = edit_form(quiz, "submit", passing_score=90, key_of_question_1="q1a")
    response = client.post(reverse(EDIT, args=[quiz.pk]), form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    quiz.refresh_from_db()
    assert quiz.has_unpublished_changes and quiz.workflow_in_progress
    assert quiz.live_revision_id == old_revision
    assert (
        "live + in moderation" in client.get(reverse("wagtailsnippets_cme_quizzes_quiz:list_results")).content.decode()
    )

    seen, started_before = learner_sees(learner, quiz)
    assert seen == {
        "intro pass mark": "70",
        "course page pass mark": "70",
        "attempt pass mark": 70,
        "key of question 1": ["q1b"],
    }
    assert started_before.quiz_revision_id == old_revision

    client.force_login(editor)
    refused = approve_through_the_admin(client, quiz)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    quiz.refresh_from_db()
    assert quiz.live_revision_id == old_revision and quiz.workflow_in_progress
    client.force_login(society_admin)
    assert approve_through_the_admin(client, quiz).status_code == 302
    quiz.refresh_from_db()
    assert quiz.live_revision_id != old_revision and not quiz.has_unpublished_changes
    assert (quiz.passing_score, quiz.questions.get(key="k1").correct_choice_ids()) == (90, ["q1a"])

    # The attempt started before the approval is graded with the key and pass mark it was drawn with.
    old_key = {position: key_of(started_before, position) for position in range(1, 5)}
    old_key[2] = []
    graded = submit_attempt(started_before.pk, learner, old_key)
    assert (graded.score_percent, graded.passed, graded.passing_score) == (75, True, 70)

    seen, started_after = learner_sees(learner, quiz)
    assert seen == {
        "intro pass mark": "90",
        "course page pass mark": "90",
        "attempt pass mark": 90,
        "key of question 1": ["q1a"],
    }
    assert started_after.quiz_revision_id == quiz.live_revision_id


def test_an_editor_cannot_publish_a_quiz(client, quiz, editor, learner):
    client.force_login(editor)
    response = client.post(reverse(EDIT, args=[quiz.pk]), edit_form(quiz, "publish", passing_score=90))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.passing_score == 70 and quiz.has_unpublished_changes
    with pytest.raises(PermissionDenied):
        quiz.latest_revision.publish(user=editor)
    quiz.refresh_from_db()
    assert quiz.passing_score == 70
    assert start_attempt(quiz, learner).passing_score == 70


def test_a_society_admin_publishes_directly(client, quiz, society_admin):
    client.force_login(society_admin)
    response = client.post(reverse(EDIT, args=[quiz.pk]), edit_form(quiz, "publish", passing_score=80))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.passing_score == 80 and not quiz.has_unpublished_changes


def test_an_attempt_is_graded_with_the_version_it_started_with(quiz, learner):
    started = start_attempt(quiz, learner)
    drawn_from = quiz.live_revision_id
    question = quiz.questions.get(key="k1")
    question.choices = [
        {"type": "choice", "value": {"text": block.value["text"], "correct": block.id == "q1a"}, "id": block.id}
        for block in question.choices
    ]
    quiz.questions = [question, *quiz.questions.exclude(key="k1")]
    quiz.passing_score = 100
    quiz.multiple_response_scoring = "partial"
    publish_snippet(quiz)
    assert quiz.questions.get(key="k1").correct_choice_ids() == ["q1a"]

    graded = submit_attempt(started.pk, learner, {1: ["q1b"], 2: ["q2a"], 3: ["q3true"], 4: ["q4a"]})
    assert graded.quiz_revision_id == drawn_from
    # Old key for question 1, old pass mark, and all-or-nothing scoring for question 4 (half right).
    assert (graded.score_percent, graded.passed) == (75, True)


def test_a_quiz_never_published_is_hidden_from_learners(bare_activity, learner):
    draft = make_quiz(bare_activity, publish=False)
    assert not draft.live
    client = APIClient()
    client.force_login(learner)
    assert client.get(reverse("quizzes:intro", args=[draft.pk])).status_code == 404
    assert client.post(reverse("quizzes:start", args=[draft.pk])).status_code == 404
    assert client.post(f"/api/v1/me/quizzes/{draft.pk}/attempts/").status_code == 404
    assert draft.title not in client.get(bare_activity.url).content.decode()
    assert not Attempt.objects.exists()


def test_the_service_refuses_to_start_a_quiz_never_published(bare_activity, learner):
    from content.refusals import Refused

    with pytest.raises(Refused, match="not open to learners"):
        start_attempt(make_quiz(bare_activity, publish=False), learner)
