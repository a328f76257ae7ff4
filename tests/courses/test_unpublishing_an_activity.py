"""An activity goes offline as one unit: however it is unpublished, its modules and tests go offline
with it, in one transaction, and what learners earned stays as it was."""

import datetime
import html
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, CreditType, ModulePage
from lms.models import Certificate, Completion, CreditClaim, Enrollment
from lms.services.credit import claim_credit
from quizzes.models import Quiz, QuizRole
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz
from tests.lms.test_learner_path import finish

UNPUBLISH = "wagtailadmin_pages:unpublish"


@pytest.fixture
def activity(db):
    """A live activity: three modules, a post-test and a knowledge check in its optional module."""
    course = make_course(make_catalog(make_home()), slug="records", credit="0.75", estimated_minutes=45)
    make_module(course, slug="m1")
    make_module(course, slug="m2")
    make_module(course, slug="extra", required=False)
    make_quiz(course, shuffle_questions=False, shuffle_choices=False)
    Quiz.objects.create(
        title="Check", role=QuizRole.KNOWLEDGE_CHECK, module=ModulePage.objects.get(slug="extra"), live=True
    )
    return course


@pytest.fixture
def member(activity):
    member = MemberFactory(user__username="doc", npi="1234567893")
    Enrollment.objects.create(member=member, course=activity)
    return member


@pytest.fixture
def earned(member, activity):
    """A learner who completed the activity and holds its certificate."""
    finish(member, activity)
    amount = {CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1): Decimal("0.75")}
    claim_credit(member, activity, 45, amount, True)
    return records()


def records():
    return {
        "completions": list(Completion.objects.values_list("pk", "completed_at")),
        "claims": list(CreditClaim.objects.values_list("pk", "amount")),
        "certificates": list(Certificate.objects.values_list("pk", "code", "revoked_at", "superseded_at")),
    }


def live_state(activity):
    return {
        "activity": CoursePage.objects.get(pk=activity.pk).live,
        "modules": sorted(ModulePage.objects.child_of(activity).values_list("live", flat=True)),
        "tests": sorted(Quiz.objects.values_list("live", flat=True)),
    }


ALL_LIVE = {"activity": True, "modules": [True, True, True], "tests": [True, True]}
ALL_OFFLINE = {"activity": False, "modules": [False, False, False], "tests": [False, False]}


def learner_reaches(client, member, activity):
    client.force_login(member.user)
    module = ModulePage.objects.get(slug="m1")
    post_test = Quiz.objects.get(course=activity, role=QuizRole.POST_TEST)
    return {
        "module": client.get(module.url).status_code if module.url else 404,
        "post-test": client.get(reverse("quizzes:intro", args=[post_test.pk])).status_code,
    }


def admin_unpublish(client, society_admin, page, **data):
    client.force_login(society_admin)
    return client.post(reverse(UNPUBLISH, args=[page.pk]), data)


def bulk_unpublish(client, society_admin, page, **data):
    client.force_login(society_admin)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    return client.post(f"{url}?id={page.pk}", data)


def admin_api_unpublish(client, society_admin, page, **data):
    client.force_login(society_admin)
    url = f"/admin/api/main/pages/{page.pk}/action/unpublish/"
    response = client.post(url, data, content_type="application/json")
    assert response.status_code == 200, response.content
    return None


def from_code(client, society_admin, page):
    CoursePage.objects.get(pk=page.pk).unpublish(user=society_admin)


def scheduled_expiry(client, society_admin, page):
    CoursePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")


PATHS = {
    "the admin's Unpublish action": admin_unpublish,
    "the admin's Unpublish action with descendants": lambda *a: admin_unpublish(*a, include_descendants="on"),
    "the bulk action": bulk_unpublish,
    "the bulk action with descendants": lambda *a: bulk_unpublish(*a, include_descendants="on"),
    "the admin API": admin_api_unpublish,
    "the admin API, recursive": lambda *a: admin_api_unpublish(*a, recursive=True),
    "page.unpublish() from code": from_code,
    "scheduled expiry": scheduled_expiry,
}


@pytest.mark.parametrize("unpublish", PATHS.values(), ids=PATHS.keys())
def test_unpublishing_takes_modules_and_tests_offline_and_keeps_what_learners_earned(
    client, society_admin, member, activity, earned, unpublish
):
    assert live_state(activity) == ALL_LIVE
    assert learner_reaches(client, member, activity) == {"module": 200, "post-test": 200}
    client.logout()
    response = unpublish(client, society_admin, activity)
    assert response is None or response.status_code == 302
    assert live_state(activity) == ALL_OFFLINE
    assert learner_reaches(client, member, activity) == {"module": 404, "post-test": 404}
    assert records() == earned


def test_an_ancestor_unpublished_with_its_descendants_takes_the_tests_offline_too(
    client, society_admin, member, activity, earned
):
    response = admin_unpublish(client, society_admin, activity.get_parent(), include_descendants="on")
    assert response.status_code == 302
    assert live_state(activity) == ALL_OFFLINE
    assert records() == earned


def test_the_admin_action_names_the_activity_and_returns_to_its_listing(client, society_admin, activity):
    response = admin_unpublish(client, society_admin, activity)
    assert response.url == reverse("wagtailadmin_explore", args=[activity.get_parent().pk])
    (message,) = get_messages(response.wsgi_request)
    assert html.unescape(str(message)).startswith(f"Page '{activity.title}' unpublished.")


def failing_quiz_save(monkeypatch):
    save = Quiz.save

    def failing(quiz, *args, **kwargs):
        if not quiz.live:
            raise RuntimeError("the database went away")
        return save(quiz, *args, **kwargs)

    monkeypatch.setattr(Quiz, "save", failing)


@pytest.mark.parametrize(
    "unpublish", [admin_unpublish, admin_api_unpublish, from_code], ids=["admin action", "admin API", "code"]
)
def test_a_part_that_fails_to_go_offline_keeps_the_activity_and_every_part_live(
    client, society_admin, activity, monkeypatch, unpublish
):
    failing_quiz_save(monkeypatch)
    with pytest.raises(RuntimeError):
        unpublish(client, society_admin, activity)
    assert live_state(activity) == ALL_LIVE


def test_publishing_again_brings_the_parts_back(society_admin, activity):
    for part in [*ModulePage.objects.child_of(activity), Quiz.objects.get(role=QuizRole.KNOWLEDGE_CHECK)]:
        part.save_revision(user=society_admin)
    activity.unpublish()
    activity = CoursePage.objects.get(pk=activity.pk)
    activity.save_revision(user=society_admin).publish(user=society_admin)
    assert live_state(activity) == ALL_LIVE
