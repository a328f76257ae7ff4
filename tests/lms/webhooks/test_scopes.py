"""A portal hears only the events its scopes allow, and never why a certificate was revoked.

The full matrix (every event type x every set of scopes) is in tests/api/test_authorization_matrix.py.
"""

import json
from decimal import Decimal

import pytest

from courses.models import CreditType, ModulePage
from lms.models import DeliveryStatus, PortalClient, WebhookDelivery, WebhookEvent
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from lms.webhooks.outbox import emit
from tests.factories import UserFactory
from tests.lms.conftest import evaluation_answers, pass_post_test

from .support import deliver, emit_committed, portal

REASON = "Attestation found to be false after an audit of the sign-in records."


@pytest.mark.django_db
def test_a_scope_change_counts_from_the_next_event_and_stops_pending_retries(
    receiver, django_capture_on_commit_callbacks
):
    client = portal("Portal", receiver.url, scopes=["catalog:read"])
    assert not emit_committed(django_capture_on_commit_callbacks).deliveries.exists()

    client.scopes = ["catalog:read", "progress:read"]
    client.save()
    granted = emit_committed(django_capture_on_commit_callbacks).deliveries.get()
    assert granted.client == client

    client.scopes = ["catalog:read"]
    client.save()
    assert not emit_committed(django_capture_on_commit_callbacks).deliveries.exists()
    attempt = deliver(granted.pk)
    assert receiver.requests == [], "a retry still pending when the scope went is not sent"
    assert attempt.status == DeliveryStatus.PENDING
    assert attempt.last_error == (
        "Portal client Portal no longer holds the progress:read scope completion.created needs."
    )


@pytest.mark.django_db
def test_the_revocation_reason_never_reaches_a_portal(
    receiver, activity_with_optional_module, member, django_capture_on_commit_callbacks
):
    portal("Portal", receiver.url)
    for module in ModulePage.objects.child_of(activity_with_optional_module):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module)
    submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    ama = CreditType.objects.get(code="ama-pra-category-1")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = claim_credit(member, activity_with_optional_module, 45, {ama: Decimal("0.75")}, True)
        revoke_certificate(certificate, UserFactory(username="registrar", is_staff=True), REASON)

    revoked = WebhookEvent.objects.get(type="certificate.revoked")
    assert set(revoked.payload) == {"code", "member_id", "revoked_at"}
    for delivery in WebhookDelivery.objects.all():
        assert deliver(delivery.pk).status == DeliveryStatus.DELIVERED
    sent = {json.loads(request["body"])["type"]: request["body"].decode() for request in receiver.requests}
    assert set(sent) == {"completion.created", "certificate.issued", "credit.claimed", "certificate.revoked"}
    for body in sent.values():
        assert REASON not in body and '"reason"' not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [{"code": "ABCD", "reason": "private"}, {"claims": [{"credit_type": "ama", "reason": "private"}]}],
    ids=["top level", "nested"],
)
def test_an_event_carrying_a_reason_is_refused(payload):
    PortalClient.objects.create(name="Portal", scopes=["progress:read"], webhook_url="https://portal.example.org/hook")
    with pytest.raises(ValueError, match="never carries reason"):
        emit("credit.claimed", payload)
    assert not WebhookEvent.objects.exists()
