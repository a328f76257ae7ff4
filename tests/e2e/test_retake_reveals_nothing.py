"""In a real browser: a learner fails the post-test, reads what the result page shows, starts the
next attempt, and finds on its page no rationale or key it was shown and none of the items it saw
(the bundled bank holds enough items for a fresh set)."""

import io

import pytest
from django.core.management import call_command

from courses.models import CoursePage
from lms.models import Enrollment
from quizzes.models import Attempt, QuizRole
from tests.factories import MemberFactory

from .reading import loaded_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def learner_site(live_server):
    call_command("load_curriculum", stdout=io.StringIO())
    course = CoursePage.objects.get(slug="ipm-fundamentals")
    member = MemberFactory(user__username="dr-retake")
    Enrollment.objects.create(member=member, course=course, pre_test_skipped_at="2026-09-01T00:00:00Z")
    return live_server.url, course


def answer(page, attempt, right_positions):
    for position, question in enumerate(attempt.presented, start=1):
        if position in right_positions:
            wanted = question["correct"]
        else:
            wanted = [c["id"] for c in question["choices"] if c["id"] not in question["correct"]][:1]
        for choice_id in wanted:
            page.check(f"input[name=q{position}][value='{choice_id}']")


def test_the_next_attempt_shows_no_key_and_no_item_the_failed_one_revealed(browser, learner_site):
    base, course = learner_site
    post_test = course.quizzes.get(role=QuizRole.POST_TEST)
    page = browser.new_context().new_page()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "dr-retake")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")

    page.goto(f"{base}/quizzes/{post_test.pk}/")
    page.click("button:has-text('Start')")
    first = Attempt.objects.get(quiz=post_test, number=1)
    answer(page, first, right_positions={1, 2, 3})  # 3 of 8: fails
    page.click("button:has-text('Submit answers')")
    result = loaded_html(page)
    assert "did not pass" in result
    rationales = [element.inner_text() for element in page.query_selector_all(".rationale")]
    assert len(rationales) == 3, "the post-test default explains the answers that were right"
    assert "(correct)" not in result, "no key after a failed attempt that leaves attempts"

    page.click("a:has-text('Back to')")
    page.click("button:has-text('Start attempt 2')")
    page.wait_for_selector("button:has-text('Submit answers')")
    second_page = loaded_html(page)
    second = Attempt.objects.get(quiz=post_test, number=2)
    for question in first.presented:
        assert question["rationale"] not in second_page
        assert question["key"] not in {q["key"] for q in second.presented}
    for text in rationales:
        assert text.removeprefix("Why:").strip() not in second_page
    assert "(correct)" not in second_page and "Why:" not in second_page
