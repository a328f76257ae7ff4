"""Webhook events are written with the records they announce, and only then."""

from decimal import Decimal

import pytest

from content.refusals import Refused
from courses.models import CreditType, ModulePage
from lms.models import PortalClient, WebhookDelivery, WebhookEvent
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.lms.conftest import evaluation_answers, pass_post_test

from .conftest import ALL_SCOPES
from .test_members_api import BODY


@pytest.fixture
def listener(db):
    return PortalClient.objects.create(
        name="Listener", scopes=ALL_SCOPES, webhook_url="https://portal.example.org/hook", webhook_secret="s3cret"
    )


def test_the_path_emits_completion_claim_and_certificate_events(listener, activity_with_post_test, learner_a):
    for module in ModulePage.objects.child_of(activity_with_post_test):
        complete_module(learner_a, module, activity_with_post_test)
    pass_post_test(learner_a, activity_with_post_test)
    submit_evaluation(learner_a, activity_with_post_test, evaluation_answers(activity_with_post_test))
    assert list(WebhookEvent.objects.values_list("type", flat=True)) == ["completion.created"]
    ama = CreditType.objects.get(code="ama-pra-category-1")
    with pytest.raises(Refused):
        claim_credit(learner_a, activity_with_post_test, 45, {ama: Decimal("5.00")}, True)
    assert WebhookEvent.objects.count() == 1, "a refused claim announces nothing"
    certificate = claim_credit(learner_a, activity_with_post_test, 45, {ama: Decimal("0.75")}, True)
    types = list(WebhookEvent.objects.order_by("created_at").values_list("type", flat=True))
    assert types == ["completion.created", "certificate.issued", "credit.claimed"]
    claimed = WebhookEvent.objects.get(type="credit.claimed").payload
    assert claimed["claims"] == [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]
    assert claimed["certificate_code"] == certificate.code
    assert WebhookDelivery.objects.filter(client=listener).count() == 3


def test_member_upsert_announces_changes_only(listener, portal):
    portal.put("/api/v1/members/E-1/", BODY, format="json")
    portal.put("/api/v1/members/E-1/", BODY, format="json")
    assert WebhookEvent.objects.filter(type="member.updated").count() == 1
    portal.put("/api/v1/members/E-1/", {**BODY, "specialty": "Anesthesiology"}, format="json")
    assert WebhookEvent.objects.filter(type="member.updated").count() == 2
