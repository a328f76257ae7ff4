"""Single sign-on in Chromium: a deep link, the provider's own pages, the way back, and sign-out."""

import pytest
from django.contrib.sessions.models import Session

from lms.models import SsoLink
from tests.e2e.conftest import browser  # noqa: F401  (the Chromium fixture)
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def page(live_server, settings, provider, browser):  # noqa: F811
    settings.LMS = {"OIDC": provider.settings(), "SITE_URL": live_server.url}
    return browser.new_page()


def sign_in_at_provider(page, sub):
    page.fill("input[name=sub]", sub)
    page.click("button:has-text('Authorize')")


def test_a_deep_link_signs_the_member_in_and_lands_where_it_pointed(page, live_server, provider):
    member = MemberFactory(member_id="S-3001", first_name="Jordan", user__email="old@example.org")
    provider.set_user("browser-lee", member_id="S-3001", email="lee@example.org", given_name="Jordan")

    page.goto(live_server.url + "/learn/transcript/")
    assert "/accounts/login/" in page.url
    page.click("text=Sign in with your society account")
    assert page.url.startswith(provider.url)
    sign_in_at_provider(page, "browser-lee")

    page.wait_for_url(live_server.url + "/learn/transcript/")
    assert SsoLink.objects.get(user=member.user).subject == "browser-lee"
    member.refresh_from_db()
    assert member.email == "lee@example.org"

    # Sign-out ends the session here, then the provider's (its confirmation page), and comes home.
    page.click("button:has-text('Sign out')")
    page.wait_for_url(provider.url + "/oauth2/end_session*")
    assert not Session.objects.exists()
    page.click("button:has-text('End session')")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/learn/")
    assert "/accounts/login/" in page.url


def test_an_email_changed_at_the_provider_arrives_with_the_next_sign_in(page, live_server, provider):
    member = MemberFactory(member_id="S-3002", user__email="before@example.org")
    provider.set_user("browser-2", member_id="S-3002", email="before@example.org")
    page.goto(live_server.url + "/sso/sign-in/?next=/learn/")
    sign_in_at_provider(page, "browser-2")
    page.wait_for_url(live_server.url + "/learn/")
    page.context.clear_cookies()

    provider.set_user("browser-2", member_id="S-3002", email="after@example.org")
    page.goto(live_server.url + "/sso/sign-in/?next=/learn/")
    sign_in_at_provider(page, "browser-2")
    page.wait_for_url(live_server.url + "/learn/")
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.email, member.user.email) == ("after@example.org", "after@example.org")


def test_an_unknown_member_sees_why_and_is_not_signed_in(page, live_server, provider):
    provider.set_user("browser-unknown", member_id="S-NOBODY", email="nobody@example.org")
    page.goto(live_server.url + "/sso/sign-in/?next=/learn/")
    sign_in_at_provider(page, "browser-unknown")
    page.wait_for_selector("text=You could not be signed in")
    assert "member S-NOBODY" in page.inner_text("main")
    page.goto(live_server.url + "/learn/")
    assert "/accounts/login/" in page.url


def test_a_tampered_state_is_refused_in_the_browser(page, live_server, provider):
    MemberFactory(member_id="S-3003")
    provider.set_user("browser-3", member_id="S-3003")

    def tamper_with_the_way_back(route):
        # The provider's answer is a redirect to the site; its state is changed on the way.
        answer = route.fetch(max_redirects=0)
        back = answer.headers["location"].replace("state=", "state=tampered")
        route.fulfill(response=answer, headers={**answer.headers, "location": back})

    page.goto(live_server.url + "/sso/sign-in/")
    page.route(f"{provider.url}/oauth2/authorize*", tamper_with_the_way_back)
    sign_in_at_provider(page, "browser-3")
    page.wait_for_selector("text=could not be verified")
    assert not SsoLink.objects.exists()
