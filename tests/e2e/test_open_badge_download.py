"""In a real browser: a learner with a certificate downloads the baked Open Badge (SVG) from the
dashboard, and the credential baked into the file verifies; the page that says how badges name the
learner takes a DID. Both pages are scanned with axe-core."""

import pytest
from defusedxml import ElementTree
from django.test import Client

from lms.models import CredentialRecipient
from tests.credentials.conftest import earn_certificate
from tests.credentials.verifier import verify
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz

from .accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery"
BAKED = "{https://purl.imsglobal.org/ob/v3p0}credential"


@pytest.fixture
def learner_with_certificate(live_server):
    from quizzes.models import QuizRole

    course = make_course(make_catalog(make_home()), slug="badges", title="Badge course", credit="0.75")
    make_module(course, slug="m1", title="Module one")
    make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False, max_attempts=3)
    member = MemberFactory(user__username="dr-badge")
    return live_server.url, member, earn_certificate(member, course)


def test_the_learner_downloads_a_baked_badge_that_verifies(browser, shots, learner_with_certificate):
    base, member, certificate = learner_with_certificate
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "dr-badge")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto(base + "/learn/")
    shots(page, "dashboard")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.click("a:has-text('image (SVG)')")
    assert download.value.suggested_filename == f"cme-badge-{certificate.code}.svg"
    svg = ElementTree.fromstring(download.value.path().read_bytes())
    baked = svg.find(BAKED)
    assert baked is not None
    assert verify(Client(), baked.get("verify")).valid

    page.click("a:has-text('How your badges name you')")
    assert serious_violations(page) == []
    page.fill("#id_did", "not a did")
    page.click("button:has-text('Save')")
    assert "Give a DID such as" in page.inner_text(".errorlist")
    page.fill("#id_did", "did:web:wallet.example.org")
    page.click("button:has-text('Save')")
    page.wait_for_url(base + "/learn/")
    shots(page, "did-saved")
    assert CredentialRecipient.objects.get(member=member).did == "did:web:wallet.example.org"
