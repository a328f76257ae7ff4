"""Progress answers carry an ETag; a portal polling with If-None-Match gets 304 until something
that progress shows changes, and the version check costs no query of its own."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CreditType, ModulePage
from lms.models import Enrollment
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from quizzes.models import QuizRole
from tests.api.conftest import session_client
from tests.factories import MemberFactory, UserFactory, make_course, make_module, make_quiz
from tests.lms.conftest import evaluation_answers, pass_post_test

URL = "/api/v1/members/A-1/progress/"


def get(client, url=URL, etag=None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


def test_progress_sends_an_etag_and_answers_304_while_unchanged(portal, learner_a):
    first, _ = get(portal)
    get(portal)  # with the shared cache, the second answer is stored
    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert first["Cache-Control"] == "private, no-cache"
    again, queries = get(portal, etag=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert queries == 0, "the key and the answer come from the shared cache"
    assert get(portal, etag='"something-else"')[0].status_code == 200
    assert get(portal, etag=f'"older", {first["ETag"]}')[0].status_code == 304


@pytest.mark.parametrize("shared_cache", [True, False])
def test_full_progress_takes_at_most_4_queries_for_50_activities(
    portal, activity_with_post_test, learner_a, settings, shared_cache
):
    settings.CME_SHARED_CACHE = shared_cache
    catalog = activity_with_post_test.get_parent()
    courses = [make_course(catalog, slug=f"e-{index}") for index in range(49)]
    for extra in courses:
        make_module(extra, slug="a")
        make_quiz(extra, role=QuizRole.POST_TEST)
    for extra in courses[:-1]:
        Enrollment.objects.create(member=learner_a, course=extra)
    get(portal)  # the key's last-used time is written at most once a minute
    get(portal)
    Enrollment.objects.create(member=learner_a, course=courses[-1])
    response, queries = get(portal)
    assert len(response.json()["enrollments"]) == 50, "computed afresh after the change"
    assert queries <= 4


def etag_now(client):
    return get(client)[0]["ETag"]


@pytest.mark.parametrize(
    "change",
    [
        "enrol",
        "complete module",
        "fail post-test",
        "evaluate",
        "claim credit",
        "revoke certificate",
        "publish course",
        "unpublish module",
    ],
)
def test_every_change_progress_shows_changes_the_etag(portal, activity_with_post_test, learner_a, change):
    module = ModulePage.objects.child_of(activity_with_post_test).get()
    if change in ("claim credit", "revoke certificate"):
        complete_module(learner_a, module, activity_with_post_test)
        pass_post_test(learner_a, activity_with_post_test)
        submit_evaluation(learner_a, activity_with_post_test, evaluation_answers(activity_with_post_test))
    before = etag_now(portal)
    if change == "enrol":
        Enrollment.objects.create(
            member=learner_a, course=make_course(activity_with_post_test.get_parent(), slug="more")
        )
    elif change == "complete module":
        complete_module(learner_a, module, activity_with_post_test)
    elif change == "fail post-test":
        pass_post_test(learner_a, activity_with_post_test, correct=False)
    elif change == "evaluate":
        submit_evaluation(learner_a, activity_with_post_test, evaluation_answers(activity_with_post_test))
    elif change == "claim credit":
        claim_credit(
            learner_a,
            activity_with_post_test,
            45,
            {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.5")},
            True,
        )
    elif change == "revoke certificate":
        certificate = claim_credit(
            learner_a,
            activity_with_post_test,
            45,
            {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.5")},
            True,
        )
        before = etag_now(portal)
        revoke_certificate(certificate, UserFactory(username="registrar"), "Issued in error")
    elif change == "publish course":
        activity_with_post_test.title = "API course, second edition"
        activity_with_post_test.save_revision().publish()
    elif change == "unpublish module":
        module.unpublish()
    response, _ = get(portal, etag=before)
    assert response.status_code == 200 and response["ETag"] != before


def test_another_members_change_keeps_the_etag(portal, activity_with_post_test, learner_a, learner_b):
    before = etag_now(portal)
    complete_module(learner_b, ModulePage.objects.child_of(activity_with_post_test).get(), activity_with_post_test)
    assert get(portal, etag=before)[0].status_code == 304


def test_the_learners_own_progress_answers_304_too(learner_a):
    client = session_client(learner_a.user)
    first = client.get("/api/v1/me/progress/")
    assert first.status_code == 200
    assert client.get("/api/v1/me/progress/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    other = session_client(MemberFactory(user__username="other").user).get("/api/v1/me/progress/")
    assert other["ETag"] != first["ETag"]
