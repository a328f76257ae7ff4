"""The password sign-in beside single sign-on: kept for staff, hidden for members when the society says so."""

import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def test_with_single_sign_on_the_page_offers_both_and_keeps_next(client, sso):
    page = client.get("/accounts/login/?next=/learn/transcript/").content.decode()
    assert 'href="/sso/sign-in/?next=/learn/transcript/"' in page
    assert 'name="password"' in page


def test_hidden_local_sign_in_shows_members_only_the_society_button(client, settings, provider):
    settings.LMS = {"OIDC": provider.settings(HIDE_LOCAL_LOGIN=True)}
    page = client.get("/accounts/login/?next=/learn/").content.decode()
    assert "Sign in with your society account" in page and 'name="password"' not in page
    assert 'name="password"' in client.get("/accounts/login/?staff").content.decode()


def test_hidden_local_sign_in_still_lets_staff_in(client, settings, provider):
    settings.LMS = {"OIDC": provider.settings(HIDE_LOCAL_LOGIN=True)}
    staff = UserFactory(username="coordinator", is_staff=True)
    reply = client.post("/accounts/login/?staff", {"username": "coordinator", "password": PASSWORD})
    assert reply.status_code == 302 and client.session[SESSION_KEY] == str(staff.pk)


def test_hidden_local_sign_in_refuses_a_members_password(client, settings, provider):
    settings.LMS = {"OIDC": provider.settings(HIDE_LOCAL_LOGIN=True)}
    MemberFactory(user__username="learner")
    reply = client.post("/accounts/login/", {"username": "learner", "password": PASSWORD})
    assert reply.status_code == 200 and "sign in with their society account" in reply.content.decode()
    assert SESSION_KEY not in client.session


def test_without_hiding_a_member_with_a_password_still_signs_in(client, sso):
    member = MemberFactory(user__username="learner")
    client.post("/accounts/login/", {"username": "learner", "password": PASSWORD})
    assert client.session[SESSION_KEY] == str(member.user.pk)
