"""Personal data: a member downloads all of it; it stays out of logs, error pages and the public
verification of a certificate. (Anonymization: tests/lms/test_records_integrity.py.)"""

import io
import json
import logging
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.test import Client

from courses.models import CreditType, ModulePage
from lms.log_redaction import RedactPersonalData
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import MemberFactory
from tests.lms.conftest import activity_with_optional_module, evaluation_answers, member, pass_post_test  # noqa: F401
from tests.security.conftest import all_scopes_key

NPI = "1234567893"
EMAIL = "ada.lovelace@example.org"


@pytest.fixture
def certified(member, activity_with_optional_module):  # noqa: F811
    member.birth_month, member.birth_day = 7, 19
    member.save()
    member.user.email = EMAIL
    member.user.save()
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module, correct=False)
    pass_post_test(member, activity_with_optional_module)
    submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    ama = CreditType.objects.get(code="ama-pra-category-1")
    return claim_credit(member, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)


def test_a_member_downloads_all_their_data_as_json(client, certified, member):  # noqa: F811
    client.force_login(member.user)
    response = client.get("/learn/my-data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="cme-my-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == EMAIL
    assert (data["profile"]["npi"], data["profile"]["birth_month"], data["profile"]["birth_day"]) == (NPI, 7, 19)
    assert [c["course"] for c in data["completions"]] == ["Records course"]
    assert [c["amount"] for c in data["credit_claims"]] == ["0.75"]
    assert data["credit_claims"][0]["minutes_attested"] == 45
    assert [c["code"] for c in data["certificates"]] == [certified.code]
    assert [a["passed"] for a in data["quiz_attempts"]] == [False, True]
    assert data["quiz_attempts"][0]["answers"]
    assert data["evaluations"][0]["commitment_to_change"] == "Refer earlier."
    assert "presented" not in response.content.decode(), "the answer key snapshot is not the learner's data"


def test_the_download_holds_only_the_signed_in_members_data(client, certified):
    other = MemberFactory(user__username="grace")
    client.force_login(other.user)
    data = client.get("/learn/my-data.json").json()
    assert data["profile"]["member_id"] == other.member_id
    assert (data["completions"], data["certificates"], data["quiz_attempts"]) == ([], [], [])
    assert NPI not in json.dumps(data) and EMAIL not in json.dumps(data)


def test_the_download_needs_a_sign_in(client, db):
    response = client.get("/learn/my-data.json")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_public_verification_shows_no_personal_fields(client, certified):
    page = client.get(f"/verify/{certified.code}/")
    api = client.get(f"/api/v1/certificates/{certified.code}/verify/")
    assert page.status_code == api.status_code == 200
    assert "Ada Lovelace" in page.content.decode()  # the name is what a board checks against
    for text in (page.content.decode(), api.content.decode()):
        assert NPI not in text and EMAIL not in text
        assert "birth" not in text.lower() and "19 July" not in text and "July 19" not in text


@pytest.fixture
def log_output():
    """What the configured console handler writes (the one production uses)."""
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, RedactPersonalData) for f in h.filters)]
    assert handlers, "LOGGING puts the redaction filter on the root handler"
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous):
        handler.setStream(stream)


def test_logs_mask_personal_data_from_errors(certified, member, monkeypatch, log_output):  # noqa: F811
    def duplicate_key(*args, **kwargs):
        raise IntegrityError(
            f'duplicate key value violates unique constraint "member_npi_unique"\n'
            f"DETAIL:  Key (npi)=({NPI}) already exists; contact {EMAIL}"
        )

    monkeypatch.setattr("lms.api.views.members.upsert_member", duplicate_key)
    client = Client(raise_request_exception=False)
    body = {"first_name": "Ada", "last_name": "Lovelace", "degree": "MD", "email": EMAIL, "npi": NPI}
    response = client.put(
        f"/api/v1/members/{member.member_id}/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {all_scopes_key()}",
    )
    assert response.status_code == 500
    client.post("/accounts/login/", {"username": EMAIL, "password": "wrong"})
    client.get(f"/verify/{NPI}/")
    written = log_output.getvalue()
    assert "Internal Server Error: /api/v1/members/" in written
    assert "IntegrityError" in written and "Key (npi)=([10 digits])" in written and "[e-mail]" in written
    assert NPI not in written and EMAIL not in written


def test_the_error_page_shows_no_personal_data(certified, member, monkeypatch):  # noqa: F811
    def broken(*args, **kwargs):
        raise ValueError(f"transcript failed for {NPI} <{EMAIL}>")

    monkeypatch.setattr("lms.views.records.transcript", broken)
    client = Client(raise_request_exception=False)
    client.force_login(member.user)
    response = client.get("/learn/transcript/")
    assert response.status_code == 500
    text = response.content.decode()
    assert NPI not in text and EMAIL not in text and "Traceback" not in text
