import pytest
from django.test import override_settings

from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/courses/", "/accounts/login/", "/verify/NOPE-NOPE-NOPE-NOPE/"])
def test_learner_pages_send_a_strict_content_security_policy(client, path):
    from tests.factories import make_catalog, make_home

    make_catalog(make_home())
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_sign_in_locks_at_the_fifth_failure_even_for_the_right_password(client):
    UserFactory(username="target")
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "target", "password": "guess"})
        assert response.status_code == 200
    assert client.post("/accounts/login/", {"username": "target", "password": "guess"}).status_code == 429
    locked = client.post("/accounts/login/", {"username": "target", "password": "correct horse battery"})
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_the_admin_sign_in_locks_too(client):
    UserFactory(username="staff-target", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "staff-target", "password": "guess"})
    locked = client.post("/admin/login/", {"username": "staff-target", "password": "correct horse battery"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_a_successful_sign_in_is_not_locked(client):
    UserFactory(username="careful")
    client.post("/accounts/login/", {"username": "careful", "password": "typo"})
    response = client.post("/accounts/login/", {"username": "careful", "password": "correct horse battery"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_oversized_api_body_is_refused_cleanly(client):
    from rest_framework.test import APIClient

    from tests.api.conftest import ALL_SCOPES, portal_key

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {portal_key('Big', ALL_SCOPES)}")
    response = api.put("/api/v1/members/X-1/", {"first_name": "x" * 3_000_000}, format="json")
    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is larger than 2.5 MB."
