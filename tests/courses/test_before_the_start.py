"""Enduring material (AMA PRA): before starting, the landing page says how to earn credit (read the
modules, pass the post-test at its pass mark, evaluate, claim), how long it takes, its dates, what
hardware and software it needs, whom to ask, the privacy policy, and where the statements are; and it
names each commercial supporter and the kind of support (ACCME Standards 4 and 5)."""

import pytest
from django.utils.html import escape

from courses.models import CMEStatementSettings, CommercialSupport, SupportKind
from quizzes.models import QuizRole
from tests.api.conftest import key_client, portal_key
from tests.factories import make_course, make_module, make_quiz
from tests.factories.courses import EXPIRES_ON, RELEASED_ON


@pytest.fixture
def course(catalog):
    course = make_course(catalog, slug="before", estimated_minutes=45, credit="0.75")
    for slug in ("one", "two"):
        make_module(course, slug=slug)
    make_quiz(course, role=QuizRole.POST_TEST, passing_score=80)
    return course


def short_date(day):
    return f"{day.day} {day:%b %Y}"


def before_start_box(html):
    start = html.index('class="before-start')
    return html[start : html.index("</section>", start)]


def test_the_box_comes_before_the_summary_and_holds_everything(client, course, home):
    settings = CMEStatementSettings.for_site(home.get_site())
    settings.contact_email = "questions@society.example"
    settings.privacy_policy_url = "https://society.example/privacy"
    settings.save()
    html = client.get(course.url).content.decode()
    box = before_start_box(html)
    assert html.index('class="before-start') < html.index("A sample activity.")
    for text in (
        "Read the 2 modules.",
        "Pass the post-test with a score of 80% or more.",
        "Complete the evaluation.",
        "Claim your credit and download your certificate.",
        "About 45 minutes",
        f"Released {short_date(RELEASED_ON)}",
        f"Reviewed {short_date(RELEASED_ON)}",
        f"Credit until {short_date(EXPIRES_ON)}",
        'href="#requirements-heading"',
        'href="#statements-heading"',
        'href="#faculty-heading"',
        'href="https://society.example/privacy"',
        'href="mailto:questions@society.example"',
    ):
        assert text in box, text
    assert 'id="requirements-heading"' in html and "A current version of Chrome" in html


def test_the_steps_follow_the_completion_rule(client, catalog):
    course = make_course(catalog, slug="reading-only", completion_requires_post_test=False)
    make_module(course)
    box = before_start_box(client.get(course.url).content.decode())
    assert "Read the module." in box and "post-test" not in box


def test_an_activity_states_its_own_requirements(client, course):
    course.technical_requirements = "Speakers or headphones for the audio cases."
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "Speakers or headphones for the audio cases." in html and "A current version of Chrome" not in html


def test_each_supporter_is_named_with_the_kind_of_support(client, course):
    course.commercial_supporters = [
        CommercialSupport(supporter="Example Pharma Inc.", kind=SupportKind.MONETARY, description="educational grant"),
        CommercialSupport(supporter="Example Imaging Co.", kind=SupportKind.IN_KIND),
    ]
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "Example Pharma Inc.: monetary support (educational grant)" in html
    assert "Example Imaging Co.: in-kind support" in html
    assert escape("This activity received no commercial support.") not in html
    detail = key_client(portal_key("Catalog", ["catalog:read"])).get(f"/api/v1/catalog/{course.pk}/").json()
    assert detail["commercial_supporters"] == [
        {"supporter": "Example Pharma Inc.", "kind": "monetary", "description": "educational grant"},
        {"supporter": "Example Imaging Co.", "kind": "in-kind", "description": ""},
    ]
    assert detail["commercial_support"].startswith("This activity is supported by Example Pharma Inc. (monetary")


def test_without_supporters_the_page_says_so(client, course):
    assert "This activity received no commercial support." in client.get(course.url).content.decode()
