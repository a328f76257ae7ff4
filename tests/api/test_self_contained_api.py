"""The API carries its own DRF and drf-spectacular configuration: a host site sets neither
REST_FRAMEWORK nor SPECTACULAR_SETTINGS for it, its own DRF views keep DRF's defaults, and whatever
it sets for them changes nothing of ours."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import include, path
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from tests.api.conftest import key_client, portal_key
from tests.factories import UserFactory

EXPECTED_SCHEMA = Path(__file__).with_name("openapi-v1.json")


class HostStatusView(APIView):
    """A host site's own DRF view, configured by nothing but DRF's defaults and the host's settings."""

    def get(self, request):
        return Response({"status": "ok", "user": str(request.user)})


urlpatterns = [path("host/status/", HostStatusView.as_view()), path("", include("cme_site.urls"))]

# A host whose global DRF settings would change every view that reads them.
HOST_REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.BasicAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 1,
    "DEFAULT_SCHEMA_CLASS": "rest_framework.schemas.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "EXCEPTION_HANDLER": "rest_framework.views.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"portal": "1/min", "learner": "1/min", "anonymous": "1/min"},
}


# Integer fields take their bounds from the database backend (32-bit on PostgreSQL, 64-bit on
# SQLite, where the expectations were generated): compared without them.
BACKEND_BOUNDS = {2_147_483_647, 9_223_372_036_854_775_807}


def without_backend_bounds(node):
    if isinstance(node, dict):
        bounded = node.get("maximum") in BACKEND_BOUNDS
        return {
            key: without_backend_bounds(value)
            for key, value in node.items()
            if not (bounded and (key == "maximum" or (key == "format" and value == "int64")))
        }
    if isinstance(node, list):
        return [without_backend_bounds(item) for item in node]
    return node


def expected_schema():
    return without_backend_bounds(json.loads(EXPECTED_SCHEMA.read_text()))


def served_schema():
    response = APIClient().get("/api/v1/schema/?format=json")
    assert response.status_code == 200, response.content[:500]
    return without_backend_bounds(json.loads(response.content))


def test_the_site_settings_configure_neither_drf_nor_drf_spectacular():
    assert not hasattr(settings, "REST_FRAMEWORK")
    assert not hasattr(settings, "SPECTACULAR_SETTINGS")


def test_the_schema_served_without_global_settings_is_the_committed_one():
    schema = served_schema()
    assert schema == expected_schema()
    assert schema["paths"] and all(path.startswith("/api/v1/") for path in schema["paths"])


@override_settings(REST_FRAMEWORK=HOST_REST_FRAMEWORK)
def test_a_hosts_global_drf_settings_change_neither_the_schema_nor_the_docs():
    assert served_schema() == expected_schema()
    docs = APIClient().get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs and "CME member-portal API" in docs


@pytest.mark.django_db
@override_settings(REST_FRAMEWORK=HOST_REST_FRAMEWORK)
def test_a_hosts_global_settings_change_nothing_the_api_answers(activity_with_post_test):
    client = key_client(portal_key("Host portal", ["catalog:read"]))
    answers = [client.get("/api/v1/catalog/") for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200], "our own rates, not the host's 1/min"
    assert answers[0]["Content-Type"] == "application/json"
    assert set(answers[0].json()) == {"count", "next", "previous", "results"}, "our page-number paging"
    refused = APIClient().get("/api/v1/catalog/")
    assert refused.status_code == 401 and refused["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_hosts_own_drf_views_keep_drfs_defaults():
    anonymous = APIClient()
    answers = [anonymous.get("/host/status/", HTTP_ACCEPT="text/html") for _ in range(100)]
    assert {answer.status_code for answer in answers} == {200}, "no permission or throttle of ours"
    assert answers[0]["Content-Type"].startswith("text/html"), "DRF's browsable renderer is still offered"
    assert "AnonymousUser" in answers[0].content.decode()


@pytest.mark.django_db
def test_wagtails_admin_api_answers_with_its_own_configuration(activity_with_post_test):
    admin = APIClient()
    admin.force_login(UserFactory(username="site-admin", is_staff=True, is_superuser=True))
    response = admin.get("/admin/api/main/pages/", {"child_of": activity_with_post_test.get_parent().pk})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [activity_with_post_test.title]
