"""A question bank's drafts: an edit or an import waits in a revision, the live items are what tests
draw and grade until the draft is published, and a draft that would break a live test is not published."""

import importlib

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from lms.services.roles import REVIEW_WORKFLOW, SOCIETY_ADMINS, ensure_roles
from quizzes.banks.importing import import_questions
from quizzes.banks.publishing import BankPublishRefused
from quizzes.models import Question, QuestionBank, QuizDraw
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import make_bank, make_quiz, user_in
from tests.quizzes.test_quiz_admin import admin_client, question_row  # noqa: F401

BANK_EDIT = "wagtailsnippets_cme_quizzes_questionbank:edit"


@pytest.fixture
def bank(bare_activity):
    objective = bare_activity.learning_objectives[0].id
    return make_bank(
        "Pain items", course=bare_activity, questions=[("single", ("a", "+b"))] * 3, objectives=[objective]
    )


@pytest.fixture
def post_test(bare_activity, bank):
    quiz = make_quiz(bare_activity, questions=[], shuffle_questions=False)
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=2)
    return quiz


def take_offline(post_test):
    """Unpublish the post-test's activity, which takes its post-test offline with it."""
    post_test.course.specific.unpublish()
    assert not post_test.__class__.objects.get(pk=post_test.pk).live


def save_draft(bank, change):
    """Edit the bank's latest version as the admin's Save draft does; return the new revision."""
    draft = bank.get_latest_revision_as_object()
    draft.questions = list(draft.questions.all())
    change(draft)
    return draft.save_revision()


def reworded(draft):
    for question in draft.questions.all():
        question.stem = f"<p>Reworded {question.key}</p>"


def stems(attempt):
    return sorted(question["stem"] for question in attempt.presented)


def test_a_draft_leaves_what_learners_draw_and_are_graded_on_until_it_is_published(post_test, bank, learner):
    revision = save_draft(bank, reworded)
    attempt = start_attempt(post_test, learner)
    assert all("Pain items item" in stem for stem in stems(attempt))
    selections = {n: question["correct"] for n, question in enumerate(attempt.presented, start=1)}
    assert submit_attempt(attempt.pk, learner, selections).score_percent == 100

    revision.publish()
    assert all("Reworded" in stem for stem in stems(start_attempt(post_test, learner)))
    attempt.refresh_from_db()
    assert all("Pain items item" in stem for stem in stems(attempt)), "a finished attempt keeps what it drew"


def test_an_attempt_in_progress_keeps_its_items_and_key_through_a_publish(post_test, bank, learner):
    attempt = start_attempt(post_test, learner)
    drawn = attempt.presented

    def rekeyed(draft):
        for question in draft.questions.all():
            question.choices = [
                {"type": "choice", "value": {"text": "a", "correct": True}},
                {"type": "choice", "value": {"text": "b", "correct": False}},
            ]

    save_draft(bank, rekeyed).publish()
    attempt.refresh_from_db()
    assert attempt.presented == drawn
    selections = {n: question["correct"] for n, question in enumerate(drawn, start=1)}
    assert submit_attempt(attempt.pk, learner, selections).passed


def test_an_import_waits_in_a_draft_until_it_is_published(post_test, bank, learner):
    editor = user_in(SOCIETY_ADMINS, "coordinator")
    import_questions(bank, "gift", "::new::Which?\n{=yes ~no ####Because.}\n", editor)
    bank.refresh_from_db()
    assert bank.has_unpublished_changes and bank.questions.count() == 3
    assert [question.key for question in bank.get_latest_revision_as_object().questions.all()][-1] == "new"

    bank.latest_revision.publish(user=editor)
    assert "new" in set(bank.questions.values_list("key", flat=True))


def test_a_second_import_adds_to_the_waiting_draft(bank):
    editor = user_in(SOCIETY_ADMINS, "coordinator")
    save_draft(bank, reworded)
    import_questions(bank, "gift", "::new::Which?\n{=yes ~no ####Because.}\n", editor)
    bank.refresh_from_db()
    draft = bank.get_latest_revision_as_object()
    assert [q.stem for q in draft.questions.all()][:3] == [f"<p>Reworded pain-items-{n}</p>" for n in (1, 2, 3)]
    assert draft.questions.all()[3].key == "new"


def test_a_never_published_bank_gives_no_items(bare_activity, learner):
    new_bank = make_bank("New items", course=bare_activity)
    quiz = make_quiz(bare_activity, shuffle_questions=False)
    QuizDraw.objects.create(quiz=quiz, bank=new_bank, count=1)
    QuestionBank.objects.filter(pk=new_bank.pk).update(live=False)
    keys = [question["key"] for question in start_attempt(quiz, learner).presented]
    assert not any(key.startswith("new-items") for key in keys)


def test_a_draft_leaving_a_live_test_too_few_items_is_not_published(post_test, bank):
    revision = save_draft(bank, lambda draft: setattr(draft, "questions", list(draft.questions.all())[:1]))
    with pytest.raises(BankPublishRefused, match=r"draws 2 items from this bank; this version holds 1"):
        revision.publish()
    assert Question.objects.filter(bank=bank).count() == 3


def test_a_draft_leaving_a_live_post_test_without_an_objective_is_not_published(post_test, bank):
    def untagged(draft):
        for question in draft.questions.all():
            question.objectives = []

    with pytest.raises(BankPublishRefused, match=r"leaves no item it can draw assessing objective 1"):
        save_draft(bank, untagged).publish()
    assert all(question.objectives for question in Question.objects.filter(bank=bank))


def test_a_test_that_is_not_live_does_not_hold_a_bank_back(bare_activity, bank):
    quiz = make_quiz(bare_activity, questions=[], publish=False)
    QuizDraw.objects.create(quiz=quiz, bank=bank, count=3)
    save_draft(bank, lambda draft: setattr(draft, "questions", [])).publish()
    assert not Question.objects.filter(bank=bank).exists()


def test_the_publish_button_keeps_a_breaking_draft_and_says_why(admin_client, post_test, bank):  # noqa: F811
    deleted = [
        {**question_row(), "id": str(question.pk), "DELETE": "on"} for question in Question.objects.filter(bank=bank)
    ]
    data = nested_form_data(
        {"name": bank.name, "course": str(bank.course_id), "role": "", "questions": inline_formset(deleted, initial=3)}
    )
    response = admin_client.post(reverse(BANK_EDIT, args=[bank.pk]), {**data, "action-publish": "action-publish"})
    assert response.status_code == 302 and response.url == reverse(BANK_EDIT, args=[bank.pk])
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Not published, saved as a draft" in message and "holds 0" in message for message in shown)
    bank.refresh_from_db()
    assert bank.questions.count() == 3 and bank.has_unpublished_changes


def test_banks_go_through_the_activity_review(db):
    ensure_roles()
    workflow = QuestionBank.get_default_workflow()
    assert workflow.name == REVIEW_WORKFLOW
    admins = list(workflow.tasks.get().specific.groups.values_list("name", flat=True))
    assert admins == [SOCIETY_ADMINS]


def test_the_migration_marks_banks_made_before_drafts_published(bank):
    migration = importlib.import_module("quizzes.migrations.0004_question_banks_drafts_and_review")
    revision = bank.save_revision()
    QuestionBank.objects.filter(pk=bank.pk).update(live=False, has_unpublished_changes=True, live_revision=None)
    migration.mark_existing_banks_published(apps, None)
    bank.refresh_from_db()
    assert bank.live and not bank.has_unpublished_changes
    assert bank.live_revision == revision and bank.last_published_at == bank.updated_at


def approve_in_review(client, bank, change):
    """Save `change` as a draft, submit it for review and approve it through the admin as another Society admin."""
    ensure_roles()
    submitter, reviewer = user_in(SOCIETY_ADMINS, "submitter"), user_in(SOCIETY_ADMINS, "reviewer")
    save_draft(bank, change)
    QuestionBank.get_default_workflow().start(QuestionBank.objects.get(pk=bank.pk), submitter)
    task_state = QuestionBank.objects.get(pk=bank.pk).current_workflow_task_state
    client.force_login(reviewer)
    url = reverse("wagtailsnippets_cme_quizzes_questionbank:workflow_action", args=[bank.pk, "approve", task_state.pk])
    return client.post(url)


def test_an_approved_draft_is_published(client, post_test, bank):
    approve_in_review(client, bank, reworded)
    assert all("Reworded" in question.stem for question in Question.objects.filter(bank=bank))
    assert not QuestionBank.objects.get(pk=bank.pk).workflow_in_progress


def test_an_approval_that_would_break_a_live_test_is_refused(client, post_test, bank):
    refused = approve_in_review(client, bank, lambda draft: setattr(draft, "questions", []))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert Question.objects.filter(bank=bank).count() == 3
    assert QuestionBank.objects.get(pk=bank.pk).workflow_in_progress


def test_a_bank_a_live_test_draws_from_stays_live(admin_client, post_test, bank):  # noqa: F811
    unpublish = reverse("wagtailsnippets_cme_quizzes_questionbank:unpublish", args=[bank.pk])
    response = admin_client.post(unpublish)
    assert response.status_code == 302 and response.url == reverse(BANK_EDIT, args=[bank.pk])
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Not unpublished: The live post-test" in message for message in shown)
    assert QuestionBank.objects.get(pk=bank.pk).live

    take_offline(post_test)
    admin_client.post(unpublish)
    assert not QuestionBank.objects.get(pk=bank.pk).live
