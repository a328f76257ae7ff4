"""A live activity that designates credit keeps its live post-test: without one, completing the activity
asks for no assessment, so credit could be claimed on reading alone. The post-test is not unpublished,
deleted, or published as another role's test, by the admin, by code or by a schedule, while the activity
is live (quizzes/post_test_guard.py)."""

import datetime
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from content.scheduling import PUBLISH_CANCELLED, UNPUBLISH_CANCELLED
from courses.models import CoursePage
from quizzes.models import Quiz, QuizRole
from quizzes.post_test_guard import PostTestKept
from tests.quizzes.test_quiz_admin import admin_client, quiz_data  # noqa: F401

KEPT = "It is the post-test of the live activity"


def edit_url(quiz):
    return reverse("wagtailsnippets_cme_quizzes_quiz:edit", args=[quiz.pk])


def shown(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def still_the_live_post_test(quiz):
    return Quiz.objects.filter(pk=quiz.pk, live=True, role=QuizRole.POST_TEST, course=quiz.course).exists()


def as_a_pre_test(quiz):
    draft = quiz.get_latest_revision_as_object() if quiz.latest_revision else quiz
    draft.role = QuizRole.PRE_TEST
    return draft.save_revision()


def test_the_admins_unpublish_is_refused(admin_client, quiz):  # noqa: F811
    response = admin_client.post(reverse("wagtailsnippets_cme_quizzes_quiz:unpublish", args=[quiz.pk]))
    assert response.status_code == 302 and response.url == edit_url(quiz)
    assert any(message.startswith(f"Not unpublished: {KEPT}") for message in shown(response))
    assert still_the_live_post_test(quiz)


def test_the_admins_delete_is_refused(admin_client, quiz):  # noqa: F811
    response = admin_client.post(reverse("wagtailsnippets_cme_quizzes_quiz:delete", args=[quiz.pk]))
    assert response.status_code == 302 and response.url == edit_url(quiz)
    assert any(message.startswith(f"Not deleted: {KEPT}") for message in shown(response))
    assert still_the_live_post_test(quiz)


def test_the_admins_publish_as_a_pre_test_keeps_the_draft(admin_client, quiz):  # noqa: F811
    response = admin_client.post(edit_url(quiz), quiz_data(quiz.course, role="pre_test", title=quiz.title))
    assert response.status_code == 302 and response.url == edit_url(quiz), response.content.decode()[-2000:]
    assert any(message.startswith(f"Not published, saved as a draft: {KEPT}") for message in shown(response))
    assert still_the_live_post_test(quiz)
    assert Quiz.objects.get(pk=quiz.pk).get_latest_revision_as_object().role == QuizRole.PRE_TEST


def test_code_is_refused_too(quiz):
    with pytest.raises(PostTestKept, match=KEPT):
        Quiz.objects.get(pk=quiz.pk).unpublish()
    with pytest.raises(PostTestKept, match=KEPT):
        Quiz.objects.get(pk=quiz.pk).delete()
    with pytest.raises(PostTestKept, match=KEPT):
        as_a_pre_test(quiz).publish()
    assert still_the_live_post_test(quiz)


def test_scheduled_changes_are_cancelled(quiz):
    revision = as_a_pre_test(quiz)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=2)
    revision.save(update_fields=["approved_go_live_at"])
    Quiz.objects.filter(pk=quiz.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())

    kept = Quiz.objects.get(pk=quiz.pk)
    assert still_the_live_post_test(quiz) and kept.expire_at is None
    logged = ModelLogEntry.objects.for_instance(kept)
    assert logged.filter(action=PUBLISH_CANCELLED).count() == 1
    assert logged.filter(action=UNPUBLISH_CANCELLED).count() == 1


def test_the_post_test_of_an_activity_that_is_offline_may_go(quiz):
    CoursePage.objects.get(pk=quiz.course_id).unpublish()
    Quiz.objects.filter(pk=quiz.pk).update(live=True)  # offline with the activity; made live again to try
    Quiz.objects.get(pk=quiz.pk).unpublish()
    assert not Quiz.objects.get(pk=quiz.pk).live


def test_a_pre_test_may_go(quiz):
    pre_test = Quiz.objects.create(
        title="Before you start", course=quiz.course, role=QuizRole.PRE_TEST, live=True, passing_score=70
    )
    pre_test.unpublish()
    assert not Quiz.objects.get(pk=pre_test.pk).live


def test_the_admins_bulk_delete_is_refused(admin_client, quiz):  # noqa: F811
    url = reverse("wagtail_bulk_action", args=("cme_quizzes", "quiz", "delete")) + f"?id={quiz.pk}"
    response = admin_client.post(url)
    assert response.status_code == 302 and response.url == edit_url(quiz)
    assert any(message.startswith(f"Not deleted: {KEPT}") for message in shown(response))
    assert still_the_live_post_test(quiz)
