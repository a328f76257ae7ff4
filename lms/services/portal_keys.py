"""Rotating a portal's credentials without a moment when its calls or its webhook checks fail.

A new API key is issued while the old one keeps working until the expiry the admin gives it; a new
webhook secret signs events at once, and the old one signs them too until the overlap ends, so a
receiver can switch secrets at its own pace.
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.refusals import Refused

from ..models import PortalAPIKey, PortalClient

REVOKE_KEY_ACTION = "cme_lms.revoke_api_key"
ROTATE_KEY_ACTION = "cme_lms.rotate_api_key"
WEBHOOK_ROTATION_ACTION = "cme_lms.rotate_webhook_secret"
MAX_OVERLAP = datetime.timedelta(days=30)


def _check_overlap(overlap):
    if not datetime.timedelta(0) <= overlap <= MAX_OVERLAP:
        raise Refused("The overlap is between 0 hours and 30 days.", field="overlap_hours")


def revoke_key(api_key, by=None):
    """Refuse the key from now on. True when this call revoked it; a revoked key stays as it is."""
    with transaction.atomic():
        key = PortalAPIKey.objects.select_for_update().get(pk=api_key.pk)
        if key.revoked:
            return False
        key.revoked = True
        key.save(update_fields=["revoked"])
        log(instance=key, action=REVOKE_KEY_ACTION, user=by)
    return True


def rotate_key(api_key, overlap, by=None, now=None):
    """Issue a new key for the key's portal; the old key expires after `overlap`. Returns (row, key)."""
    _check_overlap(overlap)
    now = now or timezone.now()
    with transaction.atomic():
        old = PortalAPIKey.objects.select_for_update().select_related("client").get(pk=api_key.pk)
        if old.revoked or old.has_expired:
            raise Refused("Only a key in use can be rotated; issue a new key instead.")
        new_row, new_key = PortalAPIKey.objects.create_key(name=old.name, client=old.client)
        expires = now + overlap
        if old.expiry_date is None or old.expiry_date > expires:
            old.expiry_date = expires
            old.save(update_fields=["expiry_date"])
        log(
            instance=old,
            action=ROTATE_KEY_ACTION,
            user=by,
            data={"new_prefix": new_row.prefix, "expires": str(expires)},
        )
    return new_row, new_key


def rotate_webhook_secret(client, overlap, by=None, now=None):
    """A new webhook secret for the portal; the current one signs events too until `overlap` ends."""
    _check_overlap(overlap)
    now = now or timezone.now()
    with transaction.atomic():
        client = PortalClient.objects.select_for_update().get(pk=client.pk)
        if client.webhook_secret:
            client.previous_webhook_secret = client.webhook_secret
            client.previous_secret_expires_at = now + overlap
        client.webhook_secret = secrets.token_urlsafe(32)
        client.save(update_fields=["webhook_secret", "previous_webhook_secret", "previous_secret_expires_at"])
        log(instance=client, action=WEBHOOK_ROTATION_ACTION, user=by, data={"previous_expires": str(now + overlap)})
    return client
