"""Writing a statement: in the caller's transaction, queued for the `xapi` channel after commit;
and sending again the statements the outbox gave up on."""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lms.models import DeliveryStatus, XapiStatement
from lms.outbox.retry import DELIVERY_WINDOW
from lms.outbox.tasks import enqueue_after_commit

from .config import xapi_config
from .delivery import CHANNEL


def record(event: str, member, build: Callable[[str], dict]) -> XapiStatement | None:
    """Write the statement `build(site_url)` for `event`, or nothing while xAPI is off or the
    society does not send this event. The statement id is chosen here and stored with it."""
    config = xapi_config()
    if config is None or event not in config.events:
        return None
    statement_id = uuid.uuid4()
    now = timezone.now()
    row = XapiStatement.objects.create(
        statement_id=statement_id,
        member=member,
        event=event,
        statement={"id": str(statement_id), **build(config.site_url)},
        next_attempt_at=now,
        give_up_at=now + DELIVERY_WINDOW,
    )
    enqueue_after_commit(CHANNEL, row.pk)
    return row


def resend_failed(now=None) -> int:
    """Send again, from now and with a fresh window, every statement the outbox gave up on (the
    store was down longer than the window); the same statements, ids included. Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        failed = XapiStatement.objects.select_for_update().filter(status=DeliveryStatus.FAILED).order_by("pk")
        ids = list(failed.values_list("pk", flat=True))
        XapiStatement.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now, give_up_at=now + DELIVERY_WINDOW
        )
        for pk in ids:
            enqueue_after_commit(CHANNEL, pk)
    return len(ids)


def forget_delivered(days: int, now=None) -> int:
    """Delete the statements the store took more than `days` ago: it holds them, and the rows
    would otherwise grow with every learner event. Returns how many."""
    now = now or timezone.now()
    deleted, _ = XapiStatement.objects.filter(
        status=DeliveryStatus.DELIVERED, delivered_at__lt=now - timedelta(days=days)
    ).delete()
    return deleted
