"""The OpenAPI document describes the contract a portal developer codes against."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from rest_framework.test import APIClient

from lms.models import EventType


@pytest.fixture
def document(settings):
    settings.ALLOWED_HOSTS = ["testserver", "cme.example.org"]
    return APIClient().get("/api/v1/schema/", {"format": "json"}, HTTP_HOST="cme.example.org").json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_servers_name_the_site_the_document_came_from(document):
    assert document["servers"][0]["url"] == "http://cme.example.org"


def test_no_component_name_doubles_its_suffix(document):
    names = set(document["components"]["schemas"])
    assert not [name for name in names if name.endswith("RequestRequest")]
    assert {"CreditClaimRequest", "EvaluationRequest", "MemberRequest"} <= names


def test_every_answer_documents_the_rate_limit_headers_and_every_429(document):
    for method, path, operation in operations(document):
        assert "429" in operation["responses"], (method, path)
        for status, response in operation["responses"].items():
            assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(response["headers"]), (
                method,
                path,
                status,
            )


def test_statuses_of_the_new_rules_are_documented(document):
    put = document["paths"]["/api/v1/members/{member_id}/"]["put"]
    assert {"409", "412", "400", "422"} <= set(put["responses"])
    assert "If-Match" in {parameter["name"] for parameter in put["parameters"]}
    assert "ETag" in put["responses"]["200"]["headers"]
    start = document["paths"]["/api/v1/me/quizzes/{quiz_id}/attempts/"]["post"]
    assert {"200", "201", "409", "422"} <= set(start["responses"])
    assert "Idempotency-Key" in {parameter["name"] for parameter in start["parameters"]}
    assert {"200", "400", "409", "422"} <= set(document["paths"]["/api/v1/member-batches/"]["post"]["responses"])


def test_member_fields_say_their_rules(document):
    member = document["components"]["schemas"]["MemberRequest"]["properties"]
    npi = member["npi"]
    assert "Unique" in npi["description"] and "Luhn" in npi["description"]
    assert npi["oneOf"] == [
        {"type": "string", "maxLength": 10, "pattern": "^[0-9]{10}$"},
        {"type": "string", "maxLength": 0},
    ]
    states = member["license_states"]
    assert "NY, NJ" in states["description"]
    assert re.fullmatch(states["oneOf"][0]["pattern"], "NY, nj") and not re.fullmatch(
        states["oneOf"][0]["pattern"], "N"
    )
    amount = document["components"]["schemas"]["ClaimAmountRequest"]["properties"]["amount"]
    assert "multiple of 0.25" in amount["description"]


def test_each_webhook_event_is_described(document):
    assert set(document["x-webhooks"]) == set(EventType.values)
    for event_type, item in document["x-webhooks"].items():
        body = item["post"]["requestBody"]["content"]["application/json"]["schema"]["allOf"]
        data = body[1]["properties"]["data"]["$ref"].rsplit("/", 1)[1]
        assert data in document["components"]["schemas"], event_type
        assert "X-CME-Signature" in {parameter["name"] for parameter in item["post"]["parameters"]}


def strings_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, str):
        yield value


def test_paths_and_example_urls_are_real_addresses(document):
    for _method, path, _operation in operations(document):
        concrete = re.sub(r"\{(\w+)\}", lambda match: "ABCD-EFGH" if match.group(1) == "code" else "1", path)
        assert resolve(concrete).namespace == "api", path
    urls = set()
    for _method, _path, operation in operations(document):
        for response in operation["responses"].values():
            for media in response.get("content", {}).values():
                for example in media.get("examples", {}).values():
                    urls |= {text for text in strings_in(example["value"]) if text.startswith("https://cme.")}
    assert urls, "the examples show absolute URLs"
    for url in urls:
        assert resolve(urlsplit(url).path), url
    assert any(resolve(urlsplit(url).path).url_name == "verify" for url in urls)
