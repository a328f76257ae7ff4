"""Webhooks in the admin: redelivery and the delivery log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import DeliveryStatus, WebhookDelivery
from lms.outbox.retry import DELIVERY_WINDOW
from lms.webhooks.outbox import REDELIVER_ACTION
from tests.factories import UserFactory

from .support import emit_committed, portal, queued, run_queued


@pytest.fixture
def failed_delivery(receiver, tasks, django_capture_on_commit_callbacks):
    """A delivery that gave up long ago: its tasks are gone."""
    portal("Portal", receiver.url)
    event = emit_committed(django_capture_on_commit_callbacks, "certificate.revoked", {"code": "ABCD"})
    tasks.clear()
    delivery = event.deliveries.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=40, next_attempt_at=None, last_status_code=503
    )
    return delivery


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.django_db
def test_redeliver_from_the_admin_resets_and_sends_again(
    superuser_client, failed_delivery, receiver, tasks, django_capture_on_commit_callbacks
):
    index = reverse("webhook_deliveries:index")
    url = reverse("webhook_deliveries:redeliver", args=[failed_delivery.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, {"next": index + "?status=failed"})
    assert response.status_code == 302 and response.url == index + "?status=failed"

    delivery = WebhookDelivery.objects.get(pk=failed_delivery.pk)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)
    assert delivery.give_up_at > timezone.now() + DELIVERY_WINDOW - timedelta(minutes=1)
    assert ModelLogEntry.objects.filter(action=REDELIVER_ACTION, object_id=str(delivery.pk)).exists()

    assert run_queued(tasks) == ["delivered"]
    assert receiver.event_ids == [str(failed_delivery.event_id)]


@pytest.mark.django_db
def test_redeliver_needs_permission_to_change_portal_clients(
    client, failed_delivery, tasks, django_capture_on_commit_callbacks
):
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_webhookdelivery")
    )
    client.force_login(user)
    url = reverse("webhook_deliveries:redeliver", args=[failed_delivery.pk])
    assert client.get(reverse("webhook_deliveries:index")).status_code == 200
    refused = client.post(url)
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home")), "Wagtail's permission denied"
    assert WebhookDelivery.objects.get(pk=failed_delivery.pk).status == DeliveryStatus.FAILED
    assert queued(tasks) == []

    user.user_permissions.add(Permission.objects.get(codename="change_portalclient"))
    assert client.get(url).status_code == 405, "redelivery is a POST"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert queued(tasks) == [(failed_delivery.pk, None)]
    assert WebhookDelivery.objects.get(pk=failed_delivery.pk).status == DeliveryStatus.PENDING


@pytest.mark.django_db
def test_the_delivery_log_lists_filters_and_inspects(superuser_client, failed_delivery, receiver):
    other = portal("Other portal", receiver.url)
    index = reverse("webhook_deliveries:index")

    response = superuser_client.get(index)
    assert response.status_code == 200
    content = response.content.decode()
    assert str(failed_delivery.event_id) in content
    assert "Certificate revoked" in content
    assert reverse("webhook_deliveries:redeliver", args=[failed_delivery.pk]) in content
    assert "Add webhook delivery" not in content, "the log is read-only"

    response = superuser_client.get(index, {"client": other.pk})
    assert str(failed_delivery.event_id) not in response.content.decode()
    response = superuser_client.get(index, {"status": "failed", "client": failed_delivery.client_id})
    assert str(failed_delivery.event_id) in response.content.decode()

    inspect = superuser_client.get(reverse("webhook_deliveries:inspect", args=[failed_delivery.pk]))
    assert inspect.status_code == 200
    assert "503" in inspect.content.decode()
