"""Scores back to the platform through Assignment and Grade Services, by the lti_grade outbox channel."""

import datetime

import pytest
from django.db.models import F

from courses.models import ModulePage
from lms.lti.grades import CHANNEL
from lms.lti.launch import AGS_ENDPOINT
from lms.models import DeliveryStatus, LtiGradeDelivery
from lms.outbox import sending
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import MemberFactory
from tests.lms.conftest import evaluation_answers, pass_post_test

from .test_launch import CUSTOM, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def launched(client, platform, activity_with_optional_module):
    """The member opened the activity from the platform's course (tests/lms's activity with a post-test)."""
    platform.register()
    member = MemberFactory(member_id="S-700")
    reply = launch(
        client, platform, **{CUSTOM: {"member_id": "S-700", "cme_activity": str(activity_with_optional_module.pk)}}
    )
    assert reply.status_code == 302
    platform.trust_tool(client)
    return member


def finish(member, course):
    for module in ModulePage.objects.child_of(course).filter(required=True):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))


def deliver(delivery):
    return sending.deliver(CHANNEL, delivery.pk)


def test_completing_the_activity_sends_score_and_completion_to_the_platform(
    platform, activity_with_optional_module, launched, tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        finish(launched, activity_with_optional_module)

    delivery = LtiGradeDelivery.objects.get()
    queued = [(result.args[0], result.args[1]) for result in tasks.results]
    assert (CHANNEL, delivery.pk) in queued
    assert deliver(delivery).status == DeliveryStatus.DELIVERED

    ((path, score, content_type),) = platform.scores
    assert path == "/lineitems/7/scores" and content_type == "application/vnd.ims.lis.v1.score+json"
    assert score["userId"] == "user-42"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (100, 100)
    assert (score["activityProgress"], score["gradingProgress"]) == ("Completed", "FullyGraded")
    # The token was asked for with an assertion signed by a key the tool publishes (checked by the platform).
    (token_request,) = platform.token_requests
    assert token_request["grant_type"] == ["client_credentials"]
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in token_request["scope"][0]


def test_the_score_is_the_best_post_test_result(platform, activity_with_optional_module, launched):
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(launched, module, activity_with_optional_module)
    pass_post_test(launched, activity_with_optional_module, correct=False)
    pass_post_test(launched, activity_with_optional_module)
    submit_evaluation(launched, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    assert LtiGradeDelivery.objects.get().score_given == 100


def test_a_platform_that_is_down_gets_the_score_once_it_is_back(platform, activity_with_optional_module, launched):
    platform.down = True
    finish(launched, activity_with_optional_module)
    delivery = LtiGradeDelivery.objects.get()

    attempt = deliver(delivery)

    assert attempt.status == DeliveryStatus.PENDING and attempt.last_status_code == 503
    assert platform.scores == []

    platform.down = False
    LtiGradeDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=F("next_attempt_at") - datetime.timedelta(days=1)
    )
    assert deliver(delivery).status == DeliveryStatus.DELIVERED
    assert len(platform.scores) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2


def test_nothing_is_queued_for_members_who_did_not_launch_from_a_platform(
    platform, activity_with_optional_module, member
):
    platform.register()
    finish(member, activity_with_optional_module)
    assert not LtiGradeDelivery.objects.exists()


def test_nothing_is_queued_when_the_platform_granted_no_score_scope(client, platform, activity_with_optional_module):
    platform.register()
    member = MemberFactory(member_id="S-701")
    ags = {"scope": [], "lineitem": platform.url + "/lineitems/7"}
    claims = {CUSTOM: {"member_id": "S-701", "cme_activity": str(activity_with_optional_module.pk)}, AGS_ENDPOINT: ags}
    launch(client, platform, member_id="S-701", **claims)
    finish(member, activity_with_optional_module)
    assert not LtiGradeDelivery.objects.exists()


def test_a_rolled_back_completion_queues_nothing(platform, activity_with_optional_module, launched):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        finish(launched, activity_with_optional_module)
        assert LtiGradeDelivery.objects.exists()
        raise RuntimeError("the request failed after the completion")
    assert not LtiGradeDelivery.objects.exists()


def test_anonymizing_a_member_removes_who_they_are_on_the_platform_and_at_the_provider(
    platform, activity_with_optional_module, launched
):
    from lms.models import LtiLaunch, SsoLink
    from lms.services.members import anonymize_member

    SsoLink.objects.create(user=launched.user, issuer="https://id.example.org", subject="sub-700")
    finish(launched, activity_with_optional_module)

    anonymize_member(launched, by=None, reason="asked to be forgotten")

    assert not LtiLaunch.objects.filter(member=launched).exists()
    assert not SsoLink.objects.exists() and not LtiGradeDelivery.objects.exists()
