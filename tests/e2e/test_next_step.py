"""The learner's next step in a real browser: one button, visible without scrolling at desktop and
phone width, leads through a whole activity; the evaluation grid works by keyboard alone; the
verification form. Every page is scanned with axe-core."""

import re
from decimal import Decimal

import pytest

from courses.models import CoursePage
from lms.models import Certificate, CreditClaim, Evaluation
from quizzes.models import Attempt, QuizRole
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module

from .accessibility import serious_violations
from .reading import loaded_html
from .test_physician_journey import PASSWORD, Journey, site  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEXT = "main .next-step-action"


class StepJourney(Journey):
    def __init__(self, page, base, shots, width, height):
        super().__init__(page, base, shots, width)
        self.height = height

    def next_action(self, expected, step):
        """The page's next-step button says `expected` and is on screen as the page opens."""
        self.check(step)
        button = self.page.locator(NEXT).first
        assert button.inner_text().strip() == expected
        box = button.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= self.height, (
            f"{step}: the next step sits at {box}, below the {self.height}px fold"
        )
        return button


def run_journey(browser, site, shots, width, height):  # noqa: F811
    base, member = site
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    journey = StepJourney(page, base, shots, width, height)
    course = CoursePage.objects.get(slug="ipm-fundamentals")

    page.goto(base + course.url)
    journey.next_action("Sign in to start", "signed-out-activity").click()
    page.fill("#id_username", "dr-lee")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Sign in')")
    page.wait_for_url(re.compile(re.escape(course.url) + "$"))  # back where signing in was asked for

    journey.next_action("Enrol and start", "activity").click()
    journey.check("pre-test-offer")
    page.click("button:has-text('Take the pre-test')")
    pre_test = course.quizzes.get(role=QuizRole.PRE_TEST)
    journey.answer_attempt(Attempt.objects.get(quiz=pre_test), correct=False)
    page.click("button:has-text('Submit answers')")
    # The result ends with the step after it, whatever the page's length.
    page.locator(NEXT).first.scroll_into_view_if_needed()
    journey.check("pre-test-result")
    assert page.locator(NEXT).first.inner_text().strip() == "Start module 1"
    page.locator(NEXT).first.click()

    modules = list(course.get_modules())
    for number in range(1, len(modules) + 1):
        journey.check(f"module-{number}")
        page.click("button:has-text('Mark this module complete')")
        if number == 1:
            page.goto(base + course.url)
            journey.next_action("Resume module 2", "activity-after-module-1").click()

    page.goto(base + course.url)
    post_test = course.quizzes.get(role=QuizRole.POST_TEST)
    journey.next_action("Take the post-test (3 attempts left)", "activity-post-test").click()
    page.click("button:has-text('Start')")
    journey.answer_attempt(Attempt.objects.get(quiz=post_test, number=1), correct=False)
    page.click("button:has-text('Submit answers')")
    journey.check("post-test-failed")
    page.click("main button:has-text('Try again (2 left)')")
    journey.answer_attempt(Attempt.objects.get(quiz=post_test, number=2), correct=True)
    page.click("button:has-text('Submit answers')")
    journey.check("post-test-passed")
    assert page.locator(NEXT).first.inner_text().strip() == "Complete the evaluation"

    page.goto(base + "/learn/")
    journey.next_action("Complete the evaluation", "dashboard")
    page.goto(base + "/")
    journey.next_action("Complete the evaluation", "home")
    page.goto(base + course.url)
    journey.next_action("Complete the evaluation", "activity-evaluation").click()
    for block in course.learning_objectives:
        page.check(f"input[name='objective_{block.id}'][value='5']")
    page.check("input[name=relevance][value='5']")
    page.check("input[name=practice_change][value=yes]")
    page.check("input[name=free_of_commercial_bias][value=yes]")
    page.check("input[name=overall_quality][value='5']")
    page.click("button:has-text('Submit the evaluation')")

    page.goto(base + course.url)
    journey.next_action("Claim credit", "activity-claim").click()
    page.fill("#id_minutes", "40")
    page.fill("[name='amount_ama-pra-category-1']", "0.5")
    page.check("#id_attest")
    page.check("input[name=report_consent][value=yes]")
    page.click("button:has-text('Claim credit')")
    assert CreditClaim.objects.get(completion__member=member).amount == Decimal("0.50")
    assert "0.50 AMA PRA Category 1 Credit" in loaded_html(page)

    page.goto(base + course.url)
    with page.expect_download() as download:
        journey.next_action("Download certificate", "activity-certificate").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.goto(base + "/learn/transcript/")
    journey.check("transcript")
    context.close()
    assert journey.problems == [], "\n".join(journey.problems)


def test_the_next_step_leads_through_an_activity_on_desktop(browser, site, shots):  # noqa: F811
    run_journey(browser, site, shots, width=1280, height=900)


def test_the_next_step_leads_through_an_activity_on_a_phone(browser, site, shots):  # noqa: F811
    run_journey(browser, site, shots, width=375, height=812)


@pytest.fixture
def evaluation_page(live_server):
    course = make_course(
        make_catalog(make_home()),
        slug="keys",
        title="Keyboard course",
        completion_requires_post_test=False,
        learning_objectives=[
            {"type": "objective", "value": "Name the first objective."},
            {"type": "objective", "value": "Name the second objective."},
        ],
    )
    make_module(course, slug="only")
    member = MemberFactory(user__username="keys")
    from lms.models import Enrollment
    from lms.services.progress import complete_module

    Enrollment.objects.create(member=member, course=course)
    complete_module(member, course.get_modules().first(), course)
    return live_server.url, course, member


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_the_evaluation_grid_works_by_keyboard_alone(browser, evaluation_page, shots, width, height):
    base, course, member = evaluation_page
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "keys")
    page.fill("#id_password", PASSWORD)
    page.click("main button:has-text('Sign in')")
    page.wait_for_url(base + "/learn/")  # signing in lands on the dashboard
    page.goto(base + f"/learn/courses/{course.pk}/evaluation/")
    problems = serious_violations(page)

    def focused():
        return page.evaluate(
            "() => ({tag: document.activeElement.tagName, type: document.activeElement.type || '',"
            " name: document.activeElement.name || '', value: document.activeElement.value || '',"
            " text: document.activeElement.textContent.trim()})"
        )

    def tab_to(test, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if test(focused()):
                return focused()
        raise AssertionError("Tab never reached the element")

    # Submitting nothing: the error summary takes the focus and links to the first rating.
    tab_to(lambda el: el["text"] == "Submit the evaluation")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    problems += serious_violations(page)
    shots(page, f"evaluation-errors-{width}")
    first = next(iter(course.learning_objectives))
    link = tab_to(lambda el: el["tag"] == "A")
    assert link["text"] == "Rate how far objective 1 was met."
    page.keyboard.press("Enter")
    # Following an in-page link changes the URL after the key press returns.
    page.wait_for_url(re.compile(re.escape(f"#id_objective_{first.id}_0") + "$"))

    # Each rating group: Tab in, Space picks the first point (5), an arrow key moves to 4.
    page.goto(base + f"/learn/courses/{course.pk}/evaluation/")
    for block in course.learning_objectives:
        element = tab_to(lambda el, block=block: el["name"] == f"objective_{block.id}")
        assert element["value"] == "5"
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")
        assert page.locator(f"input[name='objective_{block.id}']:checked").get_attribute("value") == "4"
    for name in ("relevance", "practice_change", "free_of_commercial_bias", "overall_quality"):
        tab_to(lambda el, name=name: el["name"] == name)
        page.keyboard.press("Space")
    tab_to(lambda el: el["name"] == "comments")
    page.keyboard.type("Keyboard only.")
    tab_to(lambda el: el["text"] == "Submit the evaluation")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/claim/$"))
    evaluation = Evaluation.objects.get(member=member)
    assert set(evaluation.objective_ratings.values()) == {4} and evaluation.comments == "Keyboard only."
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_the_verify_form(browser, live_server, shots, width, height):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(live_server.url + "/verify/")
    problems = serious_violations(page)
    page.focus("#id_code")
    page.keyboard.type("nope-nope-nope-nope")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/verify/NOPE-NOPE-NOPE-NOPE/")
    assert "We could not find a certificate with the code" in loaded_html(page)
    problems += serious_violations(page)
    shots(page, f"verify-unknown-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not Certificate.objects.exists()
    assert problems == [], "\n".join(problems)
