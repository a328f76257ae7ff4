"""Publishing a snippet that has Wagtail's draft state from code (the curriculum loader, fixtures),
the way 'Publish' in the admin does: a new revision, published, so learners see it."""

from django.db import transaction


def publish_snippet(instance, user=None):
    """Save `instance` with its inline children as a new revision and publish it; return the revision.

    A new instance is first saved as a draft, as the admin's create view does. The instance is
    refreshed from the database afterwards, so it carries its live revision.
    """
    with transaction.atomic():
        if instance.pk is None:
            instance.live = False
            instance.save()
        revision = instance.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    instance.refresh_from_db()
    return revision
