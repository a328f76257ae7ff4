"""Scores back to the platforms: the `lti_grade` channel of the outbox (Assignment and Grade Services).

When a member completes an activity they launched from a platform that granted the score scope,
one `LtiGradeDelivery` per such link is written in the completion's transaction, and the outbox
sends it after commit, retrying while the platform is down. The score is the member's best
post-test result in percent, or 100 for an activity without a post-test; the activity is
"Completed" and "FullyGraded".
"""

import requests
from django.db.models import Max
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from lms.models import LtiGradeDelivery, LtiLaunch
from lms.outbox.channels import Channel, register
from lms.outbox.retry import DELIVERY_WINDOW
from lms.outbox.tasks import enqueue_after_commit
from quizzes.models import Attempt, AttemptStatus, Quiz, QuizRole

from .launch import SCORE_SCOPE
from .platform_http import PlatformSession
from .tool_config import PlatformToolConf

CHANNEL = "lti_grade"


def best_post_test_score(completion):
    post_tests = Quiz.objects.filter(course_id=completion.course_id, role=QuizRole.POST_TEST)
    if not post_tests.exists():
        return 100
    best = Attempt.objects.filter(
        quiz__in=post_tests, user_id=completion.member.user_id, status=AttemptStatus.SUBMITTED
    ).aggregate(best=Max("score_percent"))["best"]
    return best if best is not None else 100


def queue_grades(completion):
    """In the completion's transaction: one delivery per link through which the member launched the activity."""
    launches = LtiLaunch.objects.filter(
        member_id=completion.member_id,
        resource_link__course_id=completion.course_id,
        resource_link__platform__is_active=True,
    ).exclude(resource_link__lineitem_url="")
    launches = [launch for launch in launches.select_related("resource_link") if launch_may_score(launch)]
    if not launches:
        return []
    score = best_post_test_score(completion)
    deliveries = [
        LtiGradeDelivery.objects.create(
            launch=launch,
            completion=completion,
            score_given=score,
            scored_at=completion.completed_at,
            next_attempt_at=completion.completed_at,
            give_up_at=completion.completed_at + DELIVERY_WINDOW,
        )
        for launch in launches
    ]
    for delivery in deliveries:
        enqueue_after_commit(CHANNEL, delivery.pk)
    return deliveries


def launch_may_score(launch):
    return SCORE_SCOPE in (launch.resource_link.ags_scopes or [])


def post_score(delivery):
    """POST the score to the link's line item: (HTTP status or None, error text or "")."""
    link = delivery.launch.resource_link
    platform = link.platform
    if not platform.is_active:
        return None, f"Platform {platform} is inactive."
    registration = PlatformToolConf().find_registration_by_params(platform.issuer, platform.client_id)
    connector = ServiceConnector(registration, requests_session=PlatformSession())
    service = AssignmentsGradesService(connector, {"scope": link.ags_scopes, "lineitem": link.lineitem_url})
    grade = (
        Grade()
        .set_score_given(float(delivery.score_given))
        .set_score_maximum(float(delivery.score_maximum))
        .set_timestamp(delivery.scored_at.isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_user_id(delivery.launch.platform_user_id)
    )
    try:
        service.put_grade(grade)
    except LtiServiceException as error:
        return error.response.status_code, f"HTTP {error.response.status_code}: {error.response.text[:200]}"
    except (LtiException, requests.RequestException, ValueError) as error:
        return None, f"{type(error).__name__}: {error}"
    return 200, ""


register(
    Channel(
        name=CHANNEL,
        deliveries=lambda: LtiGradeDelivery.objects.select_related("launch__resource_link__platform"),
        send=post_score,
    )
)
