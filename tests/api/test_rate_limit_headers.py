"""RateLimit-* headers on every answer: the caller's budget in the current window."""

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import key_client, portal_key, session_client


def budget(response):
    return (
        int(response["RateLimit-Limit"]),
        int(response["RateLimit-Remaining"]),
        int(response["RateLimit-Reset"]),
        response["RateLimit-Policy"],
    )


def test_a_portal_key_sees_its_budget_go_down(portal, db):
    first = budget(portal.get("/api/v1/catalog/"))
    second = budget(portal.get("/api/v1/members/"))
    assert first[0] == second[0] == 1200
    assert second[1] == first[1] - 1
    assert 1 <= second[2] <= 60
    assert first[3] == "1200;w=60"


@pytest.mark.parametrize(
    "path", ["/api/v1/members/NOPE/", "/api/v1/members/?cursor=bad", "/api/v1/schema/", "/api/v1/nowhere/"]
)
def test_errors_and_the_schema_carry_the_headers_too(portal, db, path):
    assert budget(portal.get(path))[0] == 1200


def test_refused_callers_see_the_budget_they_are_counted_against(learner_a, db):
    assert budget(APIClient().get("/api/v1/members/"))[0] == 60
    assert budget(key_client(portal_key("Nothing", [])).get("/api/v1/members/"))[0] == 1200
    learner = session_client(learner_a.user)
    assert budget(learner.get("/api/v1/members/"))[0] == 120
    assert budget(learner.get("/api/v1/me/progress/"))[0] == 120
