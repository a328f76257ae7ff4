import re

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from lms.models import PortalAPIKey, PortalClient
from lms.services.roles import EDITORS, SOCIETY_ADMINS
from tests.factories import UserFactory


@pytest.fixture
def society_admin(client, db):
    user = UserFactory(username="coordinator")
    user.groups.add(Group.objects.get(name=SOCIETY_ADMINS))
    client.force_login(user)
    return client


def test_admin_issues_a_key_shown_once_and_stored_hashed(society_admin):
    portal = PortalClient.objects.create(name="Member portal", scopes=["catalog:read"])
    response = society_admin.post("/admin/portal-keys/", {"client": portal.pk, "name": "production"})
    html = response.content.decode()
    key = re.search(r"<code>([A-Za-z0-9]+\.[A-Za-z0-9]+)</code>", html).group(1)
    stored = PortalAPIKey.objects.get(client=portal)
    assert key not in stored.hashed_key and stored.hashed_key
    assert key not in society_admin.get("/admin/portal-keys/").content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert api.get("/api/v1/catalog/").status_code == 200
    society_admin.post(f"/admin/portal-keys/{stored.pk}/revoke/")
    assert api.get("/api/v1/catalog/").status_code == 401


def test_editors_cannot_manage_keys(client, db):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    response = client.get("/admin/portal-keys/")
    assert response.status_code in (302, 403)
    assert "Issue a key" not in response.content.decode()
