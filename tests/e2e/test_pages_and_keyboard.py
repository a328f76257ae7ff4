"""The learner pages the journey does not pass through, and the quiz by keyboard alone."""

import io

import pytest
from django.core.management import call_command

from courses.models import CoursePage, ModulePage
from lms.models import Enrollment
from quizzes.models import Attempt, AttemptStatus, QuizRole
from tests.factories import MemberFactory

from .accessibility import serious_violations
from .reading import loaded_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server):
    call_command("load_curriculum", stdout=io.StringIO())
    return live_server.url


def sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("button:has-text('Sign in')")


def test_remaining_learner_pages_pass_axe(browser, site, shots):
    lapsed = MemberFactory(user__username="lapsed", membership_status="lapsed")
    members_only = CoursePage.objects.get(members_only=True)
    module = ModulePage.objects.child_of(members_only).first()
    page = browser.new_page()
    problems = []
    anonymous_pages = [
        "/",
        "/courses/?q=nerve&track=ipm-fundamentals&format=enduring&credit=0.5",
        "/courses/?credit=lots",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/verify/NOPE-NOPE-NOPE-NOPE/",
    ]
    for path in anonymous_pages:
        page.goto(site + path)
        problems += [f"{path}: {problem}" for problem in serious_violations(page)]
        shots(page, path.strip("/").replace("/", "-").split("?")[0] or "home")
    page.goto(site + "/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.click("button:has-text('Sign in')")
    assert "correct username and password" in loaded_html(page)
    problems += [f"login error: {problem}" for problem in serious_violations(page)]
    shots(page, "login-error")

    sign_in(page, site, lapsed.user.username)
    for path in (members_only.url, module.url, "/learn/", "/learn/transcript/"):
        response = page.goto(site + path)
        problems += [f"{path}: {problem}" for problem in serious_violations(page)]
        shots(page, path.strip("/").replace("/", "-"))
        if path == module.url:
            assert response.status == 403
            assert "open to society members only" in loaded_html(page)
    assert problems == [], "\n".join(problems)


def test_the_quiz_is_operable_by_keyboard_alone(browser, site, shots):
    member = MemberFactory(user__username="keys")
    course = CoursePage.objects.get(slug="ipm-fundamentals")
    Enrollment.objects.create(member=member, course=course)
    quiz = course.quizzes.get(role=QuizRole.PRE_TEST)
    page = browser.new_page()
    sign_in(page, site, "keys")
    page.goto(f"{site}/quizzes/{quiz.pk}/")
    page.focus("button:has-text('Start')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/attempts/**")
    attempt = Attempt.objects.get(quiz=quiz, user=member.user)
    page.focus("input[name=q1]")
    for position, question in enumerate(attempt.presented, start=1):
        # A radio group is one tab stop and each checkbox is its own; Space picks the focused choice.
        if position > 1:
            page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.name")
        assert focused == f"q{position}", (position, focused)
        page.keyboard.press("Space")
        if question["kind"] == "multiple":
            for _ in range(len(question["choices"]) - 1):
                page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Submit answers"
    shots(page, "answered-by-keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/result/")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.answers.filter(selected=[]).count() == 0
