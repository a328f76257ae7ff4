"""The tool's keys (created on first use, rotated without a gap, retired) and registering a platform."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from lms.lti import keys
from lms.models import LtiPlatform, LtiToolKey
from lms.services.roles import EDITORS, SOCIETY_ADMINS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def published_kids(client):
    return [key["kid"] for key in client.get("/lti/jwks.json").json()["keys"]]


def test_a_rotation_keeps_the_old_key_published_until_it_is_retired(client):
    first = keys.current_key()
    call_command("lti_tool_key", "--rotate", stdout=io.StringIO())
    second = keys.current_key()
    assert second != first
    assert set(published_kids(client)) == {first.kid, second.kid}

    with pytest.raises(CommandError, match="rotate first"):
        call_command("lti_tool_key", f"--retire={second.kid}", stdout=io.StringIO())
    call_command("lti_tool_key", f"--retire={first.kid}", stdout=io.StringIO())

    assert published_kids(client) == [second.kid]
    assert keys.current_key() == second
    with pytest.raises(CommandError, match="No published key"):
        call_command("lti_tool_key", f"--retire={first.kid}", stdout=io.StringIO())


def test_a_key_id_that_begins_with_a_dash_can_be_retired():
    # A thumbprint is base64url, so about one key in 64 has an ID that argparse would take for an option.
    old = keys.current_key()
    LtiToolKey.objects.filter(pk=old.pk).update(kid="-" + old.kid[1:])
    call_command("lti_tool_key", "--rotate", stdout=io.StringIO())

    call_command("lti_tool_key", f"--retire=-{old.kid[1:]}", stdout=io.StringIO())

    old.refresh_from_db()
    assert old.retired_at is not None


def test_the_command_creates_the_first_key_and_lists_the_published_ones():
    out = io.StringIO()
    call_command("lti_tool_key", stdout=out)
    (key,) = LtiToolKey.objects.all()
    assert key.kid in out.getvalue()


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="coordinator")
    user.groups.add(Group.objects.get(name=SOCIETY_ADMINS))
    client.force_login(user)
    return client


FORM = {
    "name": "Hospital Moodle",
    "issuer": "https://moodle.example.org",
    "client_id": "AbC123",
    "deployment_ids": "1\n 7 \n",
    "jwks_url": "https://moodle.example.org/mod/lti/certs.php",
    "auth_login_url": "https://moodle.example.org/mod/lti/auth.php",
    "auth_token_url": "https://moodle.example.org/mod/lti/token.php",
    "auth_audience": "",
    "match_by": "member_id",
    "member_id_parameter": "member_id",
    "is_active": "on",
}


def test_a_society_admin_registers_a_platform_in_the_admin(admin_client):
    reply = admin_client.post("/admin/lti_platforms/new/", FORM)
    assert reply.status_code == 302
    platform = LtiPlatform.objects.get()
    assert platform.deployment_ids == ["1", "7"]
    assert admin_client.get(f"/admin/lti_platforms/edit/{platform.pk}/").status_code == 200


def test_a_platform_needs_a_deployment_id(admin_client):
    reply = admin_client.post("/admin/lti_platforms/new/", {**FORM, "deployment_ids": " \n"})
    assert reply.status_code == 200 and not LtiPlatform.objects.exists()


def test_editors_cannot_register_platforms(client):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    assert client.post("/admin/lti_platforms/new/", FORM).status_code in (302, 403)
    assert not LtiPlatform.objects.exists()
