"""LTI 1.3 launches from a platform simulated in the suite: login initiation, launch, deep linking."""

import json

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from jwt.algorithms import RSAAlgorithm

from lms.lti import keys
from lms.models import Enrollment, LtiLaunch, LtiResourceLink, MatchBy
from tests.factories import MemberFactory, make_catalog, make_course, make_home

from .platform import CLIENT_ID, LTI, query

pytestmark = pytest.mark.django_db

CUSTOM = LTI + "custom"


@pytest.fixture
def activities(db):
    catalog = make_catalog(make_home())
    return make_course(catalog, slug="pain", title="Pain basics"), make_course(catalog, slug="opioids", title="Opioids")


@pytest.fixture
def member(db):
    return MemberFactory(member_id="S-500", user__email="lee@example.org")


def start(client, platform, **form):
    login = client.post("/lti/login/", platform.login_form(**form))
    assert login.status_code == 302 and login["Location"].startswith(platform.url + "/auth?")
    return query(login["Location"])


def launch(client, platform, activity=None, member_id="S-500", **claims):
    params = start(client, platform)
    custom = {"member_id": member_id}
    if activity is not None:
        custom["cme_activity"] = str(activity.pk)
    token = platform.id_token(params["nonce"], **{CUSTOM: custom, **claims})
    return client.post("/lti/launch/", {"id_token": token, "state": params["state"]})


def signed_in(client):
    return client.session.get(SESSION_KEY)


def test_the_login_sends_the_browser_back_to_the_platform_with_state_and_nonce(client, platform):
    platform.register()
    params = start(client, platform)
    assert params["redirect_uri"] == "http://testserver/lti/launch/"
    assert params["client_id"] == CLIENT_ID and params["login_hint"] == "user-42"
    assert params["state"] and params["nonce"] and params["response_mode"] == "form_post"


def test_a_valid_launch_signs_the_member_in_on_the_activity(client, platform, activities, member):
    platform.register()
    pain, _ = activities

    reply = launch(client, platform, activity=pain)

    assert reply.status_code == 302 and reply["Location"] == pain.url
    assert signed_in(client) == str(member.user.pk)
    assert Enrollment.objects.filter(member=member, course=pain).exists()
    link = LtiResourceLink.objects.get()
    assert (link.resource_link_id, link.course_id, link.lineitem_url) == (
        "link-1",
        pain.pk,
        platform.url + "/lineitems/7",
    )
    assert LtiLaunch.objects.get().platform_user_id == "user-42"


def test_a_link_launched_again_without_the_parameter_opens_its_activity(client, platform, activities, member):
    platform.register()
    pain, _ = activities
    launch(client, platform, activity=pain)
    client.logout()
    reply = launch(client, platform)
    assert reply["Location"] == pain.url and signed_in(client) == str(member.user.pk)


def test_a_platform_may_match_members_by_email(client, platform, activities, member):
    platform.register(match_by=MatchBy.EMAIL)
    reply = launch(client, platform, activity=activities[0], member_id="", email="LEE@example.org")
    assert reply.status_code == 302 and signed_in(client) == str(member.user.pk)


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"aud": "another-tool"}, id="wrong audience"),
        pytest.param({"iss": "https://other-platform.example"}, id="unknown issuer"),
        pytest.param({LTI + "deployment_id": "unknown-deployment"}, id="unknown deployment"),
        pytest.param({"lifetime": -60}, id="expired"),
    ],
)
def test_a_launch_that_does_not_verify_is_refused(client, platform, activities, member, claims):
    platform.register()
    reply = launch(client, platform, activity=activities[0], **claims)
    assert reply.status_code == 400 and "could not be verified" in reply.content.decode()
    assert signed_in(client) is None and not LtiLaunch.objects.exists()


def test_a_launch_signed_with_another_key_is_refused(client, platform, activities, member):
    platform.register()
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    reply = launch(client, platform, activity=activities[0], sign_with=forger)
    assert reply.status_code == 400 and signed_in(client) is None


def test_a_nonce_the_tool_never_issued_is_refused(client, platform, activities, member):
    platform.register()
    params = start(client, platform)
    token = platform.id_token("made-up", **{CUSTOM: {"member_id": "S-500", "cme_activity": str(activities[0].pk)}})
    reply = client.post("/lti/launch/", {"id_token": token, "state": params["state"]})
    assert reply.status_code == 400 and signed_in(client) is None


def test_a_replayed_launch_is_refused(client, platform, activities, member):
    platform.register()
    params = start(client, platform)
    token = platform.id_token(
        params["nonce"], **{CUSTOM: {"member_id": "S-500", "cme_activity": str(activities[0].pk)}}
    )
    assert client.post("/lti/launch/", {"id_token": token, "state": params["state"]}).status_code == 302
    client.logout()
    reply = client.post("/lti/launch/", {"id_token": token, "state": params["state"]})
    assert reply.status_code == 403 and "already used" in reply.content.decode()
    assert signed_in(client) is None


def test_a_tampered_state_is_refused(client, platform, activities, member):
    platform.register()
    params = start(client, platform)
    token = platform.id_token(
        params["nonce"], **{CUSTOM: {"member_id": "S-500", "cme_activity": str(activities[0].pk)}}
    )
    reply = client.post("/lti/launch/", {"id_token": token, "state": params["state"] + "x"})
    assert reply.status_code == 400 and signed_in(client) is None


@pytest.mark.parametrize(
    ("member_fields", "member_id", "message"),
    [
        pytest.param({}, "S-UNKNOWN", "No CME member matches", id="unknown member"),
        pytest.param({"user__is_staff": True}, "S-500", "staff rights", id="staff account"),
        pytest.param({"user__is_active": False}, "S-500", "closed", id="closed account"),
        pytest.param({}, "", "did not send your society member id", id="no member id"),
    ],
)
def test_launches_the_rules_refuse_show_why(client, platform, activities, member_fields, member_id, message):
    platform.register()
    MemberFactory(member_id="S-500", **member_fields)
    reply = launch(client, platform, activity=activities[0], member_id=member_id)
    assert reply.status_code == 403 and message in reply.content.decode()
    assert signed_in(client) is None and not LtiLaunch.objects.exists()


def test_a_link_naming_no_published_activity_is_refused(client, platform, activities, member):
    platform.register()
    activities[1].unpublish()
    reply = launch(client, platform, activity=activities[1])
    assert reply.status_code == 403 and "no longer published" in reply.content.decode()


def test_an_inactive_platform_cannot_launch(client, platform, activities, member):
    platform.register(is_active=False)
    reply = client.post("/lti/login/", platform.login_form())
    assert reply.status_code == 400


def test_deep_linking_lets_the_author_pick_an_activity(client, platform, activities, member):
    platform.register()
    pain, opioids = activities
    params = start(client, platform)
    token = platform.id_token(params["nonce"], message="LtiDeepLinkingRequest")

    picker = client.post("/lti/launch/", {"id_token": token, "state": params["state"]})

    assert picker.status_code == 200 and signed_in(client) is None
    page = picker.content.decode()
    assert "Pain basics" in page and "Opioids" in page
    assert f"frame-ancestors {platform.url}" in picker["Content-Security-Policy"]
    assert "X-Frame-Options" not in picker

    answer = client.post("/lti/deep-link/", {"launch_id": picker.context["launch_id"], "activity": opioids.pk})

    assert answer.status_code == 200
    assert f"form-action 'self' {platform.url}" in answer["Content-Security-Policy"]
    assert answer.context["return_url"] == platform.url + "/deep-link-return"
    jwks = {key["kid"]: key for key in client.get("/lti/jwks.json").json()["keys"]}
    signed = answer.context["jwt"]
    public = RSAAlgorithm.from_jwk(json.dumps(jwks[jwt.get_unverified_header(signed)["kid"]]))
    message = jwt.decode(signed, public, algorithms=["RS256"], audience=platform.issuer)
    assert message["iss"] == CLIENT_ID
    assert message[LTI + "message_type"] == "LtiDeepLinkingResponse"
    assert message[LTI + "deployment_id"] == "deployment-1"
    assert message["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "opaque-platform-data"
    (item,) = message["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["type"] == "ltiResourceLink" and item["url"] == "http://testserver/lti/launch/"
    assert item["custom"] == {"cme_activity": str(opioids.pk)}
    assert item["lineItem"]["scoreMaximum"] == 100 and item["title"] == "Opioids"

    # The platform's link, launched by a learner, opens the activity picked.
    reply = launch(client, platform, **{CUSTOM: {"member_id": "S-500", **item["custom"]}})
    assert reply["Location"] == opioids.url


def test_a_deep_linking_answer_needs_a_deep_linking_launch(client, platform, activities):
    platform.register()
    reply = client.post("/lti/deep-link/", {"launch_id": "lti1p3-launch-made-up", "activity": activities[0].pk})
    assert reply.status_code == 400 and "could not be verified" in reply.content.decode()


def test_the_tool_publishes_its_keyset_and_configuration(client):
    keyset = client.get("/lti/jwks.json").json()
    (key,) = keyset["keys"]
    assert key["kty"] == "RSA" and key["use"] == "sig" and key["alg"] == "RS256" and "d" not in key
    config = client.get("/lti/config.json").json()
    assert config["oidc_initiation_url"] == "http://testserver/lti/login/"
    assert config["target_link_uri"] == "http://testserver/lti/launch/"
    assert config["public_jwk_url"] == "http://testserver/lti/jwks.json"
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in config["scopes"]


def test_the_private_key_is_kept_out_of_the_database_and_the_media_root(settings):
    key = keys.current_key()
    assert "BEGIN PRIVATE KEY" in keys.private_pem(key)
    assert "d" not in key.public_jwk
    assert str(settings.MEDIA_ROOT) not in key.private_key_file
