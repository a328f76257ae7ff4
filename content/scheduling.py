"""Scheduled publishing meets a refusal.

Wagtail's `publish_scheduled` command (run from cron) publishes and takes offline one object after
another and stops at the first exception. A scheduled version the rules refuse would therefore stop
every later scheduled change on the site, on every run, until someone read the cron mail. So a
refused scheduled change is cancelled instead of raised: its schedule is cleared, the command moves
on and does not try it again, and the reasons go into the object's history, where the coordinator
who scheduled it reads them. Every other way of publishing still raises the refusal."""

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from wagtail.log_actions import log

SCHEDULED_PUBLISH = "wagtail.publish.scheduled"
SCHEDULED_UNPUBLISH = "wagtail.unpublish.scheduled"
PUBLISH_CANCELLED = "cme.scheduled_publish_cancelled"
UNPUBLISH_CANCELLED = "cme.scheduled_unpublish_cancelled"

logger = logging.getLogger(__name__)


def publication_stopped(instance, revision, problems, refusal, log_action):
    """Whether publishing `revision` stops for `problems`: a scheduled publication is cancelled, any
    other raises `refusal(problems)`."""
    if not problems:
        return False
    if log_action != SCHEDULED_PUBLISH:
        raise refusal(problems)
    cancel_scheduled_publication(instance, revision, problems)
    return True


def unpublication_stopped(instance, problems, refusal, log_action):
    """Whether taking `instance` offline stops for `problems`: a scheduled expiry is cancelled, any
    other unpublication raises `refusal(problems)`."""
    if not problems:
        return False
    if log_action != SCHEDULED_UNPUBLISH:
        raise refusal(problems)
    cancel_scheduled_expiry(instance, problems)
    return True


def cancel_scheduled_publication(instance, revision, problems):
    """`revision` was due to go live and may not: it stays a draft, no longer scheduled."""
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    log(instance, PUBLISH_CANCELLED, revision=revision, data={"problems": list(problems)})
    logger.warning("Scheduled publication of %r cancelled: %s", str(instance), " ".join(problems))


def cancel_scheduled_expiry(instance, problems):
    """`instance` was due to go offline and may not: it stays live, with no expiry date."""
    type(instance).objects.filter(pk=instance.pk).update(expire_at=None)
    instance.expire_at = None
    log(instance, UNPUBLISH_CANCELLED, data={"problems": list(problems)})
    logger.warning("Scheduled unpublication of %r cancelled: %s", str(instance), " ".join(problems))


class GuardedPublication:
    """For a snippet with Wagtail's draft state whose rules may refuse a version going live or the
    object going offline: every publication (approvals, schedules, code) asks
    `publication_problems`, every unpublication from code or a schedule `unpublication_problems`.
    The admin's Publish button and Unpublish action ask them too, in the before_publish and
    before_unpublish hooks (content/wagtail_hooks.py), which keep the object as it was and show why."""

    publish_refusal = unpublish_refusal = None

    def publication_problems(self, version):
        return []

    def unpublication_problems(self):
        return []

    def publish(self, revision, *args, **kwargs):
        with transaction.atomic():
            problems = self.publication_problems(revision.as_object())
            if publication_stopped(self, revision, problems, self.publish_refusal, kwargs.get("log_action")):
                return None
            return super().publish(revision, *args, **kwargs)

    def unpublish(self, *args, log_action=True, **kwargs):
        with transaction.atomic():
            if unpublication_stopped(self, self.unpublication_problems(), self.unpublish_refusal, log_action):
                return None
            return super().unpublish(*args, log_action=log_action, **kwargs)


def refused_in_the_admin(request, instance, problems, outcome):
    """Back to the snippet's edit view with the reasons; nothing was changed."""
    for problem in problems:
        messages.error(request, f"{outcome}: {problem}")
    return redirect(instance.snippet_viewset.get_url_name("edit"), instance.pk)
