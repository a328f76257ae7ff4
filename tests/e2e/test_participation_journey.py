"""A physician assistant's journey in a real browser: an activity designated for AMA PRA Category 1
Credit ends in a certificate of participation, never a claim of the credit.

The learner completes the bundled activity (modules, post-test, evaluation), then in the browser
signs in, opens the claim page, attests the time, records participation, downloads the certificate
(its text says participation and the designation, not a claim of AMA credit) and verifies it.
"""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from courses.models import CoursePage, ModulePage
from lms.models import Certificate, CreditClaim, Enrollment
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import MemberFactory
from tests.lms.conftest import evaluation_answers, pass_post_test

from .accessibility import serious_violations
from .reading import loaded_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def completed(live_server, settings):
    settings.LMS = {"SITE_URL": live_server.url}
    call_command("load_curriculum", stdout=io.StringIO())
    member = MemberFactory(user__username="pa-kim", first_name="Robin", last_name="Kim", degree="PA")
    course = CoursePage.objects.get(slug="ipm-fundamentals")
    Enrollment.objects.create(member=member, course=course)
    for module in ModulePage.objects.child_of(course).live().filter(required=True):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))
    return live_server.url, member, course


def test_a_physician_assistant_receives_a_certificate_of_participation(browser, completed, shots):
    base, member, course = completed
    page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "pa-kim")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")

    page.goto(f"{base}/learn/courses/{course.pk}/claim/")
    shots(page, "claim")
    assert serious_violations(page) == []
    html = loaded_html(page)
    assert "amount_ama-pra-category-1" not in html
    assert "you receive a certificate of participation for it instead" in html
    page.fill("#id_minutes", "40")
    page.check("#id_attest")
    page.check("input[name=report_consent][value=yes]")
    assert page.is_checked("#id_participation")
    page.click("button:has-text('Record participation')")
    shots(page, "participation-recorded")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.click("a:has-text('Download your certificate of participation')")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(download.value.path()).pages).split())
    assert "Certificate of Participation" in text and "Robin Kim, PA" in text
    assert "designated for a maximum of 0.50 AMA PRA Category 1 Credits" in text
    assert "participated in the activity for 0.75 hours" in text
    assert "claimed" not in text
    assert not CreditClaim.objects.filter(completion__member=member).exists()

    certificate = Certificate.objects.get(completion__member=member)
    page.goto(f"{base}/verify/{certificate.code}/")
    shots(page, "verification")
    assert "Valid." in loaded_html(page) and "certificate of participation" in loaded_html(page)
