"""On a phone (390x844) the first screen of every bundled activity shows what a learner must know before
starting, or links to it on the page; the page passes axe."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from courses.models import CoursePage

from .accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server):
    call_command("load_curriculum", stdout=io.StringIO())
    return live_server.url


def within_first_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_first_phone_screen_says_how_to_earn_credit(browser, site, shots):
    page = browser.new_page(viewport=PHONE)
    for course in CoursePage.objects.live().order_by("title"):
        page.goto(site + course.url)
        summary = page.locator(".before-start")
        shots(page, course.slug)
        for locator in (
            summary.get_by_text("Read the", exact=False),
            summary.get_by_text("Pass the post-test with a score of 70% or more", exact=False),
            summary.get_by_text("Complete the evaluation", exact=False),
            summary.get_by_text("Claim your credit", exact=False),
            summary.get_by_text(f"About {course.estimated_minutes} minutes", exact=False),
            summary.get_by_role("link", name="Hardware and software"),
            summary.get_by_role("link", name="Accreditation and credit"),
            summary.get_by_role("link", name="Disclosures"),
            summary.get_by_role("link", name="Privacy policy"),
            summary.get_by_role("link", name="cme@example.org"),
        ):
            assert within_first_screen(page, locator), (course.slug, str(locator))
        page.get_by_role("link", name="Accreditation and credit").click()
        expect(page.locator("#statements-heading")).to_be_in_viewport()
        assert serious_violations(page) == [], course.slug
    page.close()
