"""Extra attempts an admin grants a learner beyond a quiz's limit: history, one row per grant."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .quiz import Quiz


class AttemptGrant(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempt_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempt_grants")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["quiz", "user"])]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="attempt_grant_has_reason")]

    def __str__(self):
        return f"Extra attempt at {self.quiz} for {self.user}"
