"""The pre-test comes first: enrolling offers it before module 1; a required pre-test keeps the
modules, knowledge checks and post-test closed at every entry point (pages, API, service); an
optional one can be skipped, and the skip is recorded."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from content.refusals import Refused
from courses.models import CoursePage, ModulePage
from lms.models import Enrollment, ModuleProgress
from lms.services.pre_test import skip_pre_test
from lms.services.progress import complete_module
from quizzes.models import Attempt, Quiz, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory, choices, make_module, make_quiz

REQUIRED = "Take the pre-test of Records course first"


@pytest.fixture
def pre_test(activity_with_optional_module):
    return make_quiz(activity_with_optional_module, role=QuizRole.PRE_TEST, passing_score=0)


def require_pre_test(course, required=True):
    CoursePage.objects.filter(pk=course.pk).update(pre_test_required=required)
    course.refresh_from_db()


def signed_in(member):
    client = APIClient()
    client.force_login(member.user)
    return client


def take(quiz, member):
    return submit_attempt(start_attempt(quiz, member.user).pk, member.user, {})


def first_module(course):
    return ModulePage.objects.child_of(course).get(slug="m1")


def test_enrolling_lands_on_the_pre_test_offer(client, activity_with_optional_module, pre_test):
    member = MemberFactory(user__username="newcomer")
    client.force_login(member.user)
    response = client.post(reverse("lms:enrol", args=[activity_with_optional_module.pk]))
    assert response.url == reverse("lms:pre_test", args=[activity_with_optional_module.pk])
    page = client.get(response.url).content.decode()
    assert "Take the pre-test" in page and "Skip the pre-test" in page
    assert reverse("quizzes:start", args=[pre_test.pk]) in page


def test_enrolling_in_an_activity_without_a_pre_test_leads_to_module_1(client, activity_with_optional_module):
    member = MemberFactory(user__username="newcomer")
    client.force_login(member.user)
    assert (
        client.post(reverse("lms:enrol", args=[activity_with_optional_module.pk])).url
        == first_module(activity_with_optional_module).url
    )


def test_an_optional_pre_test_is_skipped_and_the_skip_recorded(client, activity_with_optional_module, member, pre_test):
    client.force_login(member.user)
    response = client.post(reverse("lms:skip_pre_test", args=[activity_with_optional_module.pk]))
    assert response.url == first_module(activity_with_optional_module).url
    assert Enrollment.objects.get(member=member, course=activity_with_optional_module).pre_test_skipped_at is not None
    assert client.get(first_module(activity_with_optional_module).url).status_code == 200
    assert (
        "You chose to skip the pre-test"
        in client.get(reverse("lms:pre_test", args=[activity_with_optional_module.pk])).content.decode()
    )


def test_an_optional_pre_test_leaves_the_modules_and_post_test_open(activity_with_optional_module, member, pre_test):
    complete_module(member, first_module(activity_with_optional_module), activity_with_optional_module)
    start_attempt(activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST), member.user)


def test_a_required_pre_test_cannot_be_skipped(client, activity_with_optional_module, member, pre_test):
    require_pre_test(activity_with_optional_module)
    client.force_login(member.user)
    assert (
        "Skip the pre-test"
        not in client.get(reverse("lms:pre_test", args=[activity_with_optional_module.pk])).content.decode()
    )
    client.post(reverse("lms:skip_pre_test", args=[activity_with_optional_module.pk]))
    assert Enrollment.objects.get(member=member, course=activity_with_optional_module).pre_test_skipped_at is None
    with pytest.raises(Refused, match="is required"):
        skip_pre_test(member, activity_with_optional_module)


def test_a_required_pre_test_locks_the_module_pages(client, activity_with_optional_module, member, pre_test):
    require_pre_test(activity_with_optional_module)
    client.force_login(member.user)
    response = client.get(first_module(activity_with_optional_module).url)
    assert response.status_code == 302 and response.url == reverse(
        "lms:pre_test", args=[activity_with_optional_module.pk]
    )
    assert not ModuleProgress.objects.filter(member=member).exists()
    take(pre_test, member)
    assert client.get(first_module(activity_with_optional_module).url).status_code == 200


def test_a_required_pre_test_locks_module_completion_in_the_service_the_page_and_the_api(
    client, activity_with_optional_module, member, pre_test
):
    require_pre_test(activity_with_optional_module)
    module = first_module(activity_with_optional_module)
    with pytest.raises(Refused, match=REQUIRED):
        complete_module(member, module, activity_with_optional_module)
    client.force_login(member.user)
    client.post(reverse("lms:complete_module", args=[module.pk]))
    response = signed_in(member).post(f"/api/v1/me/modules/{module.pk}/complete/")
    assert response.status_code == 422 and REQUIRED in response.json()["detail"]
    assert not ModuleProgress.objects.filter(member=member, completed_at__isnull=False).exists()
    take(pre_test, member)
    complete_module(member, module, activity_with_optional_module)


def test_a_required_pre_test_locks_the_post_test_and_knowledge_checks_on_every_entry_point(
    client, activity_with_optional_module, member, pre_test
):
    require_pre_test(activity_with_optional_module)
    post_test = activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST)
    knowledge_check = Quiz.objects.create(
        title="Check", role=QuizRole.KNOWLEDGE_CHECK, module=first_module(activity_with_optional_module)
    )
    knowledge_check.questions.create(kind="single", stem="<p>?</p>", choices=choices("+yes", "no"), rationale="r")
    for quiz in (post_test, knowledge_check):
        with pytest.raises(Refused, match=REQUIRED):
            start_attempt(quiz, member.user)
        client.force_login(member.user)
        client.post(reverse("quizzes:start", args=[quiz.pk]))
        response = signed_in(member).post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
        assert response.status_code == 422 and REQUIRED in response.json()["detail"]
    assert not Attempt.objects.filter(user=member.user).exists()
    # The pre-test itself is open, through the API too; once submitted, the rest opens.
    started = signed_in(member).post(f"/api/v1/me/quizzes/{pre_test.pk}/attempts/")
    assert started.status_code == 201
    submit_attempt(started.json()["id"], member.user, {})
    start_attempt(post_test, member.user)
    start_attempt(knowledge_check, member.user)


def test_a_pre_test_started_but_not_submitted_does_not_open_the_modules(
    activity_with_optional_module, member, pre_test
):
    require_pre_test(activity_with_optional_module)
    start_attempt(pre_test, member.user)
    with pytest.raises(Refused, match=REQUIRED):
        complete_module(member, first_module(activity_with_optional_module), activity_with_optional_module)


def test_an_unpublished_pre_test_locks_nothing(activity_with_optional_module, member):
    require_pre_test(activity_with_optional_module)
    make_quiz(activity_with_optional_module, role=QuizRole.PRE_TEST, publish=False)
    make_module(activity_with_optional_module, slug="m9", title="Later module")
    complete_module(member, first_module(activity_with_optional_module), activity_with_optional_module)


def test_enrolling_on_a_module_view_also_lands_on_the_pre_test_offer(
    client, activity_with_optional_module, pre_test, settings
):
    settings.LMS = {"AUTO_ENROLL_ON_MODULE_VIEW": True}
    member = MemberFactory(user__username="newcomer")
    client.force_login(member.user)
    response = client.get(first_module(activity_with_optional_module).url)
    assert response.status_code == 302 and response.url == reverse(
        "lms:pre_test", args=[activity_with_optional_module.pk]
    )
    assert Enrollment.objects.filter(member=member, course=activity_with_optional_module).exists()
    client.post(reverse("lms:skip_pre_test", args=[activity_with_optional_module.pk]))
    assert client.get(first_module(activity_with_optional_module).url).status_code == 200


def test_the_activity_page_offers_the_pre_test_until_it_is_taken_or_skipped(
    client, activity_with_optional_module, member, pre_test
):
    client.force_login(member.user)
    assert ">Take the pre-test</a>" in client.get(activity_with_optional_module.url).content.decode()
    skip_pre_test(member, activity_with_optional_module)
    html = client.get(activity_with_optional_module.url).content.decode()
    assert ">Take the pre-test</a>" not in html and ">Start module 1</a>" in html
