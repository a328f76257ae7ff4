import pytest
from rest_framework.test import APIClient

from lms.models import PortalAPIKey, PortalClient, Scope
from tests.factories import CourseFactory, EnrollmentFactory, ModuleFactory, QuizFactory, UserFactory

ALL_SCOPES = [scope.value for scope in Scope]


def portal_key(name, scopes, revoked=False):
    client = PortalClient.objects.create(name=name, scopes=scopes)
    api_key, key = PortalAPIKey.objects.create_key(name=f"{name} key", client=client)
    if revoked:
        api_key.revoked = True
        api_key.save()
    return key


def key_client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def session_client(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def activity_with_post_test(db):
    course = CourseFactory(slug="api-course", title="API course", credit="0.75", estimated_minutes=45)
    ModuleFactory(parent=course, slug="m1")
    QuizFactory(course=course, shuffle_questions=False, shuffle_choices=False)
    return course


@pytest.fixture
def learner_a(activity_with_post_test):
    return EnrollmentFactory(
        course=activity_with_post_test, member__user__username="learner-a", member__member_id="A-1"
    ).member


@pytest.fixture
def learner_b(activity_with_post_test):
    return EnrollmentFactory(
        course=activity_with_post_test, member__user__username="learner-b", member__member_id="B-1"
    ).member


@pytest.fixture
def portal(db):
    return key_client(portal_key("Full portal", ALL_SCOPES))


@pytest.fixture
def actors(learner_a, learner_b):
    admin = UserFactory(username="society-admin", is_staff=True, is_superuser=True)
    return {
        "anonymous": APIClient(),
        "learner_a": session_client(learner_a.user),
        "learner_b": session_client(learner_b.user),
        "portal_with_scope": key_client(portal_key("Full portal", ALL_SCOPES)),
        "portal_without_scope": key_client(portal_key("Empty portal", [])),
        "revoked_key": key_client(portal_key("Revoked portal", ALL_SCOPES, revoked=True)),
        "society_admin": session_client(admin),
    }
