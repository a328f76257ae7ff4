"""Answers to learners' POSTs sent with an Idempotency-Key, kept for a while to answer a retry."""

from django.conf import settings
from django.db import models


class IdempotentRequest(models.Model):
    """The first answer to one learner's POST with one Idempotency-Key; a retry gets it again.

    `status_code` is null while the first request is still being answered.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path and JSON body.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "idempotent request"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_idempotency_key")]

    def __str__(self):
        return f"{self.key} ({self.status_code or 'in progress'})"
