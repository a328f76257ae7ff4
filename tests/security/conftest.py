"""Fixtures for the hostile-input suites: a seeded world for the API fuzzer, and the e2e browser."""

from decimal import Decimal

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from rest_framework.test import APIClient

from courses.models import CreditType, ModulePage
from lms.models import Enrollment, PortalAPIKey, PortalClient, Scope
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt
from tests.e2e.conftest import browser  # noqa: F401  (reuse the Chromium fixture, not its launch code)
from tests.factories import MemberFactory, UserFactory, make_catalog, make_course, make_home, make_module, make_quiz
from tests.lms.conftest import evaluation_answers, pass_post_test

ALL_SCOPES = [scope.value for scope in Scope]
CSRF_SECRET = "a" * 32  # an unmasked CSRF secret: Django accepts it as cookie and header alike
FUZZ_RATES = {"portal": "1000000/min", "learner": "1000000/min", "anonymous": "1000000/min"}


@pytest.fixture
def unthrottled(settings):
    """The fuzzer sends thousands of requests a minute; raise every API throttle out of its way."""
    from django.core.cache import cache

    settings.LMS = {"API_THROTTLE_RATES": FUZZ_RATES}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Requests sent through the WSGI application, as the fuzzer sends them, are treated as the test
    client treats them: Django's request signals would otherwise close the test transaction's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def all_scopes_key(name="Fuzz portal"):
    client = PortalClient.objects.create(name=name, scopes=ALL_SCOPES)
    _, key = PortalAPIKey.objects.create_key(name=f"{name} key", client=client)
    return key


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def fuzz_world(db, unthrottled):
    """A catalog with a course, modules and a post-test; a learner mid-way (enrolled, an attempt
    open); a second member who completed, evaluated and claimed (a certificate to verify)."""
    course = make_course(
        make_catalog(make_home()), slug="fuzz-course", title="Fuzz course", credit="0.75", estimated_minutes=45
    )
    first = make_module(course, slug="m1")
    second = make_module(course, slug="m2")
    # The post-test first: an activity that designates credit is published only with one.
    quiz = make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False, max_attempts=50)
    for page in (course, first, second):  # published as an editor would: last_published_at is set
        page.save_revision().publish()
    course.refresh_from_db()

    learner = MemberFactory(user__username="fuzz-learner", member_id="FUZZ-1")
    Enrollment.objects.create(member=learner, course=course)
    complete_module(learner, first, course)
    attempt = start_attempt(quiz, learner.user)

    graduate = MemberFactory(user__username="fuzz-graduate", member_id="FUZZ-2")
    Enrollment.objects.create(member=graduate, course=course)
    for module in ModulePage.objects.child_of(course):
        complete_module(graduate, module, course)
    pass_post_test(graduate, course)
    submit_evaluation(graduate, course, evaluation_answers(course))
    certificate = claim_credit(
        graduate, course, 45, {CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1): Decimal("0.75")}, True
    )
    return {
        "key": all_scopes_key(),
        "session": session_cookie(learner.user),
        "ids": {
            "id": course.pk,
            "course_id": course.pk,
            "module_id": first.pk,
            "quiz_id": quiz.pk,
            "attempt_id": attempt.pk,
            "member_id": learner.member_id,
            "code": certificate.code,
        },
    }


@pytest.fixture
def catalog(db):
    """An empty catalog under a home page, for the hostile-input suites to fill."""
    return make_catalog(make_home())


@pytest.fixture
def portal():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {all_scopes_key('XSS portal')}")
    return client


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="xss-admin", is_staff=True, is_superuser=True))
    return client
