"""Errors Django raises before a request reaches the API's views keep the API's problem shape."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_a_host_the_site_does_not_serve_is_a_problem_under_the_api(client):
    response = client.get("/api/v1/members/FUZZ-1/", HTTP_HOST="3['bq?#")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 400


def test_an_address_no_api_route_matches_is_a_problem(client):
    response = client.get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Not found"


def test_a_server_error_under_the_api_is_a_problem():
    from django.test import RequestFactory

    from lms.api.error_pages import server_error

    response = server_error(RequestFactory().get("/api/v1/catalog/"))
    assert (response.status_code, response["Content-Type"]) == (500, PROBLEM)


@override_settings(DEBUG=False)
def test_pages_outside_the_api_keep_the_sites_html_errors(client):
    response = client.get("/no-such-page-anywhere/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    response = client.get("/learn/", HTTP_HOST="3['bq?#")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
