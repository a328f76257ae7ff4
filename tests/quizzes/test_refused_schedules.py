"""A scheduled change the rules refuse is cancelled, not raised: Wagtail's `publish_scheduled` goes on
to the other scheduled changes, does not try the refused one again, and the object's history says why
(content/scheduling.py). Every other way of making the change still raises the refusal."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from content.scheduling import PUBLISH_CANCELLED, UNPUBLISH_CANCELLED
from quizzes.banks.publishing import BankUnpublishRefused
from quizzes.models import Question, QuestionBank
from tests.factories import CourseFactory
from tests.quizzes import test_bank_drafts as drafts
from tests.quizzes.test_assessment_required import NO_POST_TEST, edited
from tests.quizzes.test_quiz_admin import admin_client  # noqa: F401

bank, post_test = drafts.bank, drafts.post_test  # the fixtures


def scheduled(revision, minutes_ago):
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    revision.save(update_fields=["approved_go_live_at"])
    return revision


def run_the_scheduler():
    call_command("publish_scheduled", stdout=StringIO())


def logged(instance, action):
    return [entry.data["problems"] for entry in ModelLogEntry.objects.for_instance(instance).filter(action=action)]


@pytest.fixture
def refused_activity(db):
    """An activity designating credit, without a post-test, with an edit scheduled two minutes ago."""
    course = edited(CourseFactory(slug="no-post-test"))
    scheduled(course.latest_revision, minutes_ago=2)
    return course


def test_a_refused_scheduled_publication_is_cancelled_and_the_next_one_goes_live(refused_activity, post_test, bank):
    later = scheduled(drafts.save_draft(bank, drafts.reworded), minutes_ago=1)
    run_the_scheduler()

    refused_activity.refresh_from_db()
    assert refused_activity.summary == "A sample activity."
    assert Revision.objects.get(pk=refused_activity.latest_revision.pk).approved_go_live_at is None
    entry = PageLogEntry.objects.get(page=refused_activity, action=PUBLISH_CANCELLED)
    assert any(NO_POST_TEST in problem for problem in entry.data["problems"])
    # The bank scheduled after it went live in the same run.
    assert all("Reworded" in question.stem for question in Question.objects.filter(bank=bank))
    assert Revision.objects.get(pk=later.pk).approved_go_live_at is None

    run_the_scheduler()  # not tried again
    assert PageLogEntry.objects.filter(page=refused_activity, action=PUBLISH_CANCELLED).count() == 1


def test_the_activity_history_says_why(admin_client, refused_activity):  # noqa: F811
    run_the_scheduler()
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[refused_activity.pk]))
    assert "Scheduled publication cancelled: " in history.content.decode()
    assert NO_POST_TEST in history.content.decode()


def test_a_refused_scheduled_bank_publication_is_cancelled(admin_client, post_test, bank):  # noqa: F811
    revision = scheduled(drafts.save_draft(bank, lambda draft: setattr(draft, "questions", [])), minutes_ago=1)
    run_the_scheduler()
    assert Question.objects.filter(bank=bank).count() == 3
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None
    (problems,) = logged(bank, PUBLISH_CANCELLED)
    assert "this version holds 0" in " ".join(problems)
    history = admin_client.get(reverse("wagtailsnippets_cme_quizzes_questionbank:history", args=[bank.pk]))
    assert "Scheduled publication cancelled: The live post-test" in history.content.decode()


def test_a_bank_a_live_test_draws_from_outlives_its_expiry_date(admin_client, post_test, bank):  # noqa: F811
    QuestionBank.objects.filter(pk=bank.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    run_the_scheduler()
    kept = QuestionBank.objects.get(pk=bank.pk)
    assert kept.live and kept.expire_at is None
    assert len(logged(bank, UNPUBLISH_CANCELLED)) == 1
    history = admin_client.get(reverse("wagtailsnippets_cme_quizzes_questionbank:history", args=[bank.pk]))
    assert "Scheduled unpublication cancelled: The live post-test" in history.content.decode()

    run_the_scheduler()  # no expiry date left to act on
    assert len(logged(bank, UNPUBLISH_CANCELLED)) == 1


def test_a_bank_no_live_test_draws_from_goes_offline_at_its_expiry_date(post_test, bank):
    drafts.take_offline(post_test)
    QuestionBank.objects.filter(pk=bank.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    run_the_scheduler()
    assert not QuestionBank.objects.get(pk=bank.pk).live


def test_unpublishing_from_code_is_refused_while_a_live_test_draws_from_it(post_test, bank):
    with pytest.raises(BankUnpublishRefused, match="The live post-test"):
        QuestionBank.objects.get(pk=bank.pk).unpublish()
    assert QuestionBank.objects.get(pk=bank.pk).live

    drafts.take_offline(post_test)
    QuestionBank.objects.get(pk=bank.pk).unpublish()
    assert not QuestionBank.objects.get(pk=bank.pk).live
