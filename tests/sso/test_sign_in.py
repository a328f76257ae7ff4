"""Single sign-on against a real OpenID Connect provider process, driven with plain HTTP clients:
the site through Django's test client, the provider through requests."""

import time
from urllib.parse import quote, urlencode

import jwt
import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.utils.html import escape

from lms.models import Member, SsoLink
from lms.sso import linking
from tests.factories import MemberFactory, UserFactory

from .provider import CLIENT_ID, path_and_query, query

pytestmark = pytest.mark.django_db


def start(client, next_url=None):
    reply = client.get("/sso/sign-in/" + (f"?next={quote(next_url, safe='')}" if next_url else ""))
    assert reply.status_code == 302
    return reply["Location"]


def sign_in(client, provider, sub, next_url=None):
    callback = provider.authorize(start(client, next_url), sub)
    return client.get(path_and_query(callback))


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_first_sign_in_links_the_member_the_member_id_claim_names(client, sso):
    member = MemberFactory(member_id="S-1001", user__username="lee", user__email="old@example.org")
    sso.set_user("sub-lee", member_id="S-1001", email="lee@example.org", given_name="Jordan", family_name="Lee")

    reply = sign_in(client, sso, "sub-lee", next_url="/learn/")

    assert reply.status_code == 302 and reply["Location"] == "/learn/"
    assert signed_in_user_id(client) == str(member.user.pk)
    link = SsoLink.objects.get(user=member.user)
    assert (link.issuer, link.subject) == (sso.url, "sub-lee")
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.email, member.user.email) == ("lee@example.org", "lee@example.org")
    assert (member.first_name, member.last_name) == ("Jordan", "Lee")
    # The provider vouches for the account from now on: no password, so no password reset either.
    assert not member.user.has_usable_password()
    client.logout()
    client.post("/accounts/password_reset/", {"email": "lee@example.org"})
    assert mail.outbox == []
    assert client.get("/learn/").status_code == 302


def test_a_later_sign_in_is_the_same_account(client, sso):
    member = MemberFactory(member_id="S-1002")
    sso.set_user("sub-2", member_id="S-1002", email=member.email)
    sign_in(client, sso, "sub-2")
    client.logout()
    sign_in(client, sso, "sub-2")
    assert signed_in_user_id(client) == str(member.user.pk)
    assert SsoLink.objects.count() == 1


def test_an_unknown_member_is_refused_with_a_page_and_nothing_is_created(client, sso):
    sso.set_user("sub-new", member_id="S-9999", email="new@example.org", given_name="Ada", family_name="Noor")

    reply = sign_in(client, sso, "sub-new")

    assert reply.status_code == 403
    assert "not yet known to the CME site (member S-9999)" in reply.content.decode()
    assert SESSION_KEY not in client.session
    assert not Member.objects.exists() and not SsoLink.objects.exists()


def test_an_unknown_member_is_created_when_the_society_allows_it(client, settings, provider):
    settings.LMS = {"OIDC": provider.settings(CREATE_UNKNOWN_MEMBERS=True)}
    provider.set_user(
        "sub-ada", member_id="S-2000", email="ada@example.org", given_name="Ada", family_name="Noor", degree="DO"
    )

    reply = sign_in(client, provider, "sub-ada")

    assert reply.status_code == 302
    member = Member.objects.select_related("user").get(member_id="S-2000")
    assert (member.first_name, member.last_name, member.degree, member.email) == (
        "Ada",
        "Noor",
        "DO",
        "ada@example.org",
    )
    assert signed_in_user_id(client) == str(member.user.pk)
    assert not member.user.has_usable_password()


def test_a_sign_in_without_the_member_id_claim_is_refused(client, sso):
    sso.set_user("sub-x", email="x@example.org")
    reply = sign_in(client, sso, "sub-x")
    assert reply.status_code == 403 and "no member id was sent" in reply.content.decode()
    assert SESSION_KEY not in client.session


def test_an_email_change_at_the_provider_is_applied_at_the_next_sign_in(client, sso):
    member = MemberFactory(member_id="S-1003", user__email="first@example.org")
    sso.set_user("sub-3", member_id="S-1003", email="first@example.org")
    sign_in(client, sso, "sub-3")
    client.logout()

    sso.set_user("sub-3", member_id="S-1003", email="Second@Example.org")
    sign_in(client, sso, "sub-3")

    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.email, member.user.email) == ("Second@Example.org", "Second@Example.org")


def test_an_address_another_member_holds_is_refused_and_nothing_changes(client, sso):
    MemberFactory(member_id="S-OTHER", user__email="taken@example.org")
    member = MemberFactory(member_id="S-1004", user__email="mine@example.org")
    sso.set_user("sub-4", member_id="S-1004", email="TAKEN@example.org", given_name="New")

    reply = sign_in(client, sso, "sub-4")

    assert reply.status_code == 403 and "Another member already has this e-mail" in reply.content.decode()
    assert SESSION_KEY not in client.session
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.email, member.user.email, member.first_name) == ("mine@example.org", "mine@example.org", "Riley")
    assert member.user.has_usable_password() and not SsoLink.objects.exists()


def test_accounts_with_staff_rights_never_sign_in_through_the_provider(client, sso):
    member = MemberFactory(member_id="S-STAFF", user__is_staff=True)
    sso.set_user("sub-staff", member_id="S-STAFF", email=member.email)
    reply = sign_in(client, sso, "sub-staff")
    assert reply.status_code == 403 and "staff rights" in reply.content.decode()
    assert SESSION_KEY not in client.session


def test_a_subject_linked_to_one_member_cannot_sign_in_as_another(client, sso):
    MemberFactory(member_id="S-A")
    other = MemberFactory(member_id="S-B")
    sso.set_user("sub-ab", member_id="S-A")
    sign_in(client, sso, "sub-ab")
    client.logout()
    sso.set_user("sub-ab", member_id="S-B")
    reply = sign_in(client, sso, "sub-ab")
    assert reply.status_code == 403 and "linked to another member" in reply.content.decode()
    assert SESSION_KEY not in client.session
    assert not SsoLink.objects.filter(user=other.user).exists()


def test_tampered_state_is_refused(client, sso):
    MemberFactory(member_id="S-1005")
    sso.set_user("sub-5", member_id="S-1005")
    callback = query(sso.authorize(start(client), "sub-5"))
    reply = client.get("/sso/callback/?" + urlencode({**callback, "state": callback["state"] + "x"}))
    assert reply.status_code == 400 and "could not be verified" in reply.content.decode()
    assert SESSION_KEY not in client.session


def test_a_replayed_callback_is_refused(client, sso):
    MemberFactory(member_id="S-1006")
    sso.set_user("sub-6", member_id="S-1006")
    callback = path_and_query(sso.authorize(start(client), "sub-6"))
    assert client.get(callback).status_code == 302
    client.logout()
    reply = client.get(callback)
    assert reply.status_code == 400 and SESSION_KEY not in client.session


def test_tampered_nonce_is_refused(client, sso):
    """The ID token must carry the nonce this browser's session sent; one swapped on the way is refused."""
    MemberFactory(member_id="S-1007")
    sso.set_user("sub-7", member_id="S-1007")
    authorization = start(client)
    params = query(authorization)
    tampered = authorization.split("?")[0] + "?" + urlencode({**params, "nonce": "attacker-chosen"})
    reply = client.get(path_and_query(sso.authorize(tampered, "sub-7")))
    assert reply.status_code == 400 and "could not be verified" in reply.content.decode()
    assert SESSION_KEY not in client.session


def test_an_expired_id_token_is_refused(client, settings, expiring_provider):
    settings.LMS = {"OIDC": expiring_provider.settings()}
    MemberFactory(member_id="S-1008")
    expiring_provider.set_user("sub-8", member_id="S-1008")
    reply = sign_in(client, expiring_provider, "sub-8")
    assert reply.status_code == 400 and SESSION_KEY not in client.session
    assert not SsoLink.objects.exists()


def test_an_id_token_for_another_client_or_issuer_is_refused(sso):
    """The library checks signature and expiry; the audience and issuer are checked too."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.core.exceptions import SuspiciousOperation

    from lms.sso.backend import MemberOIDCBackend

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    claims = {"sub": "s", "iat": now, "exp": now + 600, "iss": sso.url, "aud": CLIENT_ID}
    backend = MemberOIDCBackend()
    assert backend.get_payload_data(jwt.encode(claims, key, "RS256"), key.public_key())["sub"] == "s"
    for wrong in ({"aud": "another-site"}, {"iss": "https://other.example"}):
        with pytest.raises(SuspiciousOperation):
            backend.get_payload_data(jwt.encode({**claims, **wrong}, key, "RS256"), key.public_key())


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/path", "http://testserver.evil.example/"])
def test_a_next_on_another_host_is_not_followed(client, sso, target):
    MemberFactory(member_id="S-1010")
    sso.set_user("sub-10", member_id="S-1010")
    reply = sign_in(client, sso, "sub-10", next_url=target)
    assert reply.status_code == 302 and reply["Location"] == "/learn/"  # the dashboard, as without `next`


def test_sign_out_ends_the_local_session_and_the_providers(client, sso):
    MemberFactory(member_id="S-1011")
    sso.set_user("sub-11", member_id="S-1011")
    sign_in(client, sso, "sub-11")
    id_token = client.session["oidc_id_token"]

    reply = client.post("/accounts/logout/")

    assert SESSION_KEY not in client.session
    end_session = reply.context["end_session"]
    assert end_session.startswith(sso.url + "/oauth2/end_session?")
    assert f'content="0;url={escape(end_session)}"' in reply.content.decode()
    params = query(end_session)
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == "http://testserver/"


def test_sign_out_stays_local_when_the_society_says_so(client, settings, provider):
    settings.LMS = {"OIDC": provider.settings(PROVIDER_LOGOUT=False)}
    MemberFactory(member_id="S-1012")
    provider.set_user("sub-12", member_id="S-1012")
    sign_in(client, provider, "sub-12")
    reply = client.post("/accounts/logout/")
    assert reply["Location"] == "/" and SESSION_KEY not in client.session


def test_a_password_sign_out_never_visits_the_provider(client, sso):
    user = UserFactory(username="local")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    reply = client.post("/accounts/logout/")
    assert reply["Location"] == "/"


def test_an_unreachable_provider_is_a_page_not_an_error(client, settings):
    settings.LMS = {"OIDC": {"DISCOVERY_URL": "http://127.0.0.1:9", "CLIENT_ID": "a", "CLIENT_SECRET": "b"}}
    reply = client.get("/sso/sign-in/")
    assert reply.status_code == 503 and "cannot be reached" in reply.content.decode()


def test_without_single_sign_on_its_addresses_do_not_exist(client):
    assert client.get("/sso/sign-in/").status_code == 404
    assert client.get("/sso/callback/?code=a&state=b").status_code == 404
    assert "society account" not in client.get("/accounts/login/").content.decode()


def test_the_linking_rule_refuses_an_anonymized_member(sso):
    from lms.services.members import anonymize_member

    member = anonymize_member(MemberFactory(member_id="S-GONE"), by=None, reason="asked")
    with pytest.raises(linking.Refused):
        linking.sign_in(sso.url, {"sub": "s", "member_id": member.member_id})
