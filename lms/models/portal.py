"""Member portals: API clients of the society, with hashed API keys and an optional webhook."""

from django.db import models
from rest_framework_api_key.models import AbstractAPIKey, APIKeyManager

from ..webhooks.destination import validate_webhook_url


class Scope(models.TextChoices):
    CATALOG_READ = "catalog:read", "Read the catalog"
    MEMBERS_READ = "members:read", "Read members"
    MEMBERS_WRITE = "members:write", "Create and update members"
    PROGRESS_READ = "progress:read", "Read progress, transcripts and the completions feed"
    CERTIFICATES_READ = "certificates:read", "Download certificates"


class PortalClient(models.Model):
    name = models.CharField(max_length=120, unique=True)
    scopes = models.JSONField(default=list, blank=True, help_text="What this portal's keys may do.")
    is_active = models.BooleanField(default=True, help_text="An inactive portal's keys are refused at once.")
    webhook_url = models.URLField(
        blank=True,
        validators=[validate_webhook_url],
        help_text="Where events are POSTed (https, a public address); blank for none.",
    )
    webhook_secret = models.CharField(
        max_length=128, blank=True, help_text="Shared secret for the X-CME-Signature header (HMAC-SHA256)."
    )
    previous_webhook_secret = models.CharField(
        max_length=128,
        blank=True,
        editable=False,
        help_text="The secret before the last rotation: events are signed with it too until it expires.",
    )
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_scope(self, scope):
        return self.is_active and scope in (self.scopes or [])

    def signing_secrets(self, now):
        """The secrets events are signed with now: the current one, and the previous during the overlap."""
        secrets = [self.webhook_secret] if self.webhook_secret else []
        if self.previous_webhook_secret and self.previous_secret_expires_at and now < self.previous_secret_expires_at:
            secrets.append(self.previous_webhook_secret)
        return secrets


class PortalAPIKeyManager(APIKeyManager):
    def get_usable_keys(self):
        return super().get_usable_keys().select_related("client")


class PortalAPIKey(AbstractAPIKey):
    """Stored hashed by djangorestframework-api-key; the full key is shown once, at creation."""

    objects = PortalAPIKeyManager()

    client = models.ForeignKey(PortalClient, on_delete=models.CASCADE, related_name="api_keys")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "portal API key"
        verbose_name_plural = "portal API keys"
