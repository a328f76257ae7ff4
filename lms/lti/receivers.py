"""A new completion queues its scores for the platforms the member launched the activity from."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from lms.models import Completion

from .grades import queue_grades


@receiver(post_save, sender=Completion, dispatch_uid="lms.lti.queue_grades")
def queue_grades_for_new_completion(sender, instance, created, raw=False, **kwargs):
    # Sent inside the transaction that records the completion: the deliveries commit with it or not at all.
    if created and not raw:
        queue_grades(instance)
