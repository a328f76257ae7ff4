"""A host site's subclass of CoursePage is an activity like any other: served as itself (its own
field, its own methods), listed by the catalog page and the catalog API, and completed and claimed
by a learner through the learner pages and API."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page

from courses.models import CourseCatalogPage, CoursePage, ModulePage
from lms.models import Certificate, Completion, Enrollment
from quizzes.models import Attempt, QuizRole
from tests.api.conftest import key_client, portal_key, session_client
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz

from .models import BoardReviewCoursePage

pytestmark = pytest.mark.django_db


class BoardReviewWithItsOwnStatement(BoardReviewCoursePage):
    """Stands for a subclass that overrides one of CoursePage's rules."""

    class Meta:
        proxy = True

    def get_designation_statement(self):
        return f"Prepares for the {self.board_name} board review."


@pytest.fixture
def activity():
    catalog = make_catalog(make_home())
    activity = make_course(
        catalog,
        slug="board-review",
        title="Board review: spine",
        credit="0.75",
        estimated_minutes=45,
        model=BoardReviewCoursePage,
        board_name="American Board of Physical Medicine and Rehabilitation",
    )
    make_module(activity, slug="m1", title="Spine lesson")
    make_quiz(activity, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False)
    return Page.objects.get(pk=activity.pk).specific


def test_the_page_types_admit_the_subclass_under_a_catalog_and_modules_under_it():
    assert BoardReviewCoursePage in CourseCatalogPage.allowed_subpage_models()
    assert BoardReviewCoursePage in ModulePage.allowed_parent_page_models()


def test_the_activity_and_its_module_are_served_as_the_subclass(client, activity):
    for _ in range(2):  # the second time through the remembered route
        response = client.get(activity.url)
        assert response.status_code == 200
        assert type(response.context["page"]) is BoardReviewCoursePage
        assert response.context["page"].board_name.startswith("American Board")
        assert "Board review: spine" in response.content.decode()
    module = ModulePage.objects.get(slug="m1")
    for _ in range(2):
        response = client.get(module.url)
        assert response.status_code == 200
        assert type(response.context["page"].get_course()) is BoardReviewCoursePage


def test_a_module_finds_its_activity_as_the_subclass(activity):
    module = ModulePage.objects.get(slug="m1")
    assert type(module.get_course()) is BoardReviewCoursePage


def test_the_subclass_overriding_a_rule_is_what_the_rule_reads(activity):
    proxy = ContentType.objects.get_for_model(BoardReviewWithItsOwnStatement, for_concrete_model=False)
    Page.objects.filter(pk=activity.pk).update(content_type=proxy)
    module = ModulePage.objects.get(slug="m1")
    assert module.get_course().get_designation_statement() == (
        "Prepares for the American Board of Physical Medicine and Rehabilitation board review."
    )


def test_the_catalog_page_and_the_catalog_api_list_it(client, activity):
    catalog = CourseCatalogPage.objects.get()
    assert "Board review: spine" in client.get(catalog.url).content.decode()
    assert list(catalog.get_course_queryset().values_list("pk", flat=True)) == [activity.pk]
    api = key_client(portal_key("Catalog portal", ["catalog:read"]))
    listed = api.get("/api/v1/catalog/").json()["results"]
    assert [item["id"] for item in listed] == [activity.pk]
    detail = api.get(f"/api/v1/catalog/{activity.pk}/")
    assert detail.status_code == 200 and detail.json()["title"] == "Board review: spine"


def test_a_learner_enrols_completes_and_claims_it(activity):
    member = MemberFactory(user__username="board-learner")
    me = session_client(member.user)
    assert me.post(reverse("lms:enrol", args=[activity.pk])).status_code == 302
    assert Enrollment.objects.filter(member=member, course_id=activity.pk).exists()
    module = ModulePage.objects.get(slug="m1")
    assert me.post(f"/api/v1/me/modules/{module.pk}/complete/").status_code == 204
    quiz = activity.quizzes.get(role=QuizRole.POST_TEST)
    attempt = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/").json()
    key = Attempt.objects.get(pk=attempt["id"]).presented
    answers = [{"position": n, "choices": question["correct"]} for n, question in enumerate(key, 1)]
    graded = me.post(f"/api/v1/me/attempts/{attempt['id']}/submit/", {"answers": answers}, format="json").json()
    assert graded["passed"] is True
    evaluation = {
        "objective_ratings": {block.id: 5 for block in activity.learning_objectives},
        "relevance": 5,
        "practice_change": "yes",
        "free_of_commercial_bias": True,
        "overall_quality": 5,
    }
    assert me.post(f"/api/v1/me/courses/{activity.pk}/evaluation/", evaluation, format="json").status_code == 201
    assert Completion.objects.filter(member=member, course_id=activity.pk).exists()
    claim = {
        "minutes": 45,
        "attest": True,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
    }
    claimed = me.post(f"/api/v1/me/courses/{activity.pk}/claims/", claim, format="json")
    assert claimed.status_code == 201, claimed.content
    assert Certificate.objects.get().code == claimed.json()["certificate_code"]
    assert me.get("/api/v1/me/progress/").json()["enrollments"][0]["status"] == "completed"
    assert CoursePage.objects.get(pk=activity.pk).specific.board_name.startswith("American Board")
