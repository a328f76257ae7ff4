"""One lookup of a live activity for the learner pages and the learner API, each answering 404 its own way."""

import pytest
from django.urls import reverse

from courses.models import CoursePage
from lms.services.access import ActivityNotFound, live_course
from tests.api.conftest import session_client


@pytest.fixture
def withdrawn(activity_with_optional_module):
    CoursePage.objects.filter(pk=activity_with_optional_module.pk).update(live=False)
    return activity_with_optional_module


def test_the_live_activity_is_found_as_its_own_page_type(activity_with_optional_module):
    activity = activity_with_optional_module
    assert live_course(activity.pk) == activity
    assert type(live_course(activity.pk)) is type(activity.specific)


def test_a_withdrawn_or_unknown_activity_is_not_found(withdrawn):
    for course_id in (withdrawn.pk, withdrawn.pk + 1000):
        with pytest.raises(ActivityNotFound):
            live_course(course_id)


def test_the_learner_page_answers_404(client, member, withdrawn):
    client.force_login(member.user)
    assert client.post(reverse("lms:enrol", args=[withdrawn.pk])).status_code == 404


def test_the_learner_api_answers_404_problem(member, withdrawn):
    response = session_client(member.user).post(f"/api/v1/me/courses/{withdrawn.pk}/enrol/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "Not found.",
        "errors": [],
    }
