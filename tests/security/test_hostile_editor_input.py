"""Hostile input an editor supplies (activity text, module rich text, question stems and rationales): no
executable markup on the landing page, the module page, the quiz pages or in the catalog and quiz API."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from lms.models import Enrollment
from quizzes.models import Question, QuizRole
from tests.factories import (
    MemberFactory,
    choices,
    make_course,
    make_module,
    make_quiz,
)

from .markup_scan import assert_json_clean, assert_page_clean, text_safe
from .xss_payloads import PAYLOADS

# The `<?xml ...>` payload makes bs4 in the sanitizer warn that it looks like XML; expected here.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


def test_course_text_fields_on_the_landing_page_and_the_catalog_api(catalog, portal):
    payloads = text_safe(PAYLOADS)
    course = make_course(
        catalog,
        slug="hostile-course",
        title="Hostile course",
        learning_objectives=[{"type": "objective", "value": f"Objective {n}"} for n in range(len(payloads))],
    )
    client = Client()
    baseline = client.get(course.url)
    course.learning_objectives = [{"type": "objective", "value": payload} for payload in payloads]
    for index, payload in enumerate(payloads):
        course.summary = payload
        course.target_audience = payloads[-1 - index]
        course.save()
        assert_json_clean(portal.get(f"/api/v1/catalog/{course.pk}/"), f"catalog detail {payload!r}")
        assert_page_clean(client.get(course.url), f"course page {payload!r}", baseline=baseline)
    assert_json_clean(portal.get("/api/v1/catalog/"), "catalog list")


def test_module_rich_text_on_the_module_page(catalog):
    course = make_course(catalog, slug="rich-course")
    module = make_module(
        course, slug="hostile", body=[{"type": "rich_text", "value": payload} for payload in text_safe(PAYLOADS)]
    )
    assert_page_clean(Client().get(module.url), "module page", selector=".rich-text")


@pytest.fixture
def hostile_quiz(catalog):
    course = make_course(catalog, slug="quiz-course")
    quiz = make_quiz(course, role=QuizRole.POST_TEST, questions=[], shuffle_questions=False, shuffle_choices=False)
    for order, payload in enumerate(text_safe(PAYLOADS)):
        Question.objects.create(
            quiz=quiz,
            key=f"x{order}",
            sort_order=order,
            kind="single",
            stem=payload,
            choices=choices(f"a{order}", f"+b{order}"),
            rationale=payload,
            reference="",
        )
    member = MemberFactory(user__username="quiz-taker")
    Enrollment.objects.create(member=member, course=course)
    return quiz, member


def test_quiz_stems_and_rationales_in_the_api_and_the_quiz_pages(hostile_quiz):
    quiz, member = hostile_quiz
    api = APIClient()
    api.force_login(member.user)
    started = api.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert started.status_code == 201, started.content[:300]
    assert_json_clean(started, "attempt")
    attempt_id = started.json()["id"]
    page = Client()
    page.force_login(member.user)
    assert_page_clean(page.get(f"/quizzes/attempts/{attempt_id}/"), "quiz page", selector=".stem")
    # The right answers: a passed post-test shows the key and every rationale, each a payload.
    answers = [{"position": q["position"], "choices": [q["choices"][1]["id"]]} for q in started.json()["questions"]]
    submitted = api.post(f"/api/v1/me/attempts/{attempt_id}/submit/", {"answers": answers}, format="json")
    assert submitted.status_code == 200, submitted.content[:300]
    assert submitted.json()["passed"] and all("rationale" in entry for entry in submitted.json()["feedback"])
    assert_json_clean(submitted, "submitted attempt (feedback with rationales)")
    assert_page_clean(
        page.get(f"/quizzes/attempts/{attempt_id}/result/"), "quiz result page", selector=".stem, .rationale"
    )
