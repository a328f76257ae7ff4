"""xAPI statements for the society's learning record store, each sent by the outbox."""

import uuid

from django.db import models
from django.utils import timezone

from .member import Member
from .outbox import OutboundDelivery


class XapiStatement(OutboundDelivery):
    """One learner event as an xAPI 1.0.3 statement, written in the transaction of the record it describes.

    The statement is stored whole, its id included, so every attempt sends the same document and
    the record store keeps it once however often it arrives.
    """

    statement_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="xapi_statements")
    event = models.CharField(max_length=40, help_text="The learner event (lms/xapi/events.py) that wrote it.")
    statement = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        # Sent in the order written: a record store lists a journey as it happened.
        ordering = ["pk"]
        verbose_name = "xAPI statement"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="xapi_statement_due")]

    def __str__(self):
        # Ids only: labels of admin screens and logs must not name the learner.
        return f"xAPI {self.event} {self.statement_id}"
