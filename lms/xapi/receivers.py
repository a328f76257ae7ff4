"""Enrollments, module progress and completions become statements as their rows are saved.

Every way of writing them (the learner's pages and API, an LTI launch, an admin's manual
completion) saves through the model, so listening here misses none; the receivers run inside
the saving transaction, so a statement commits with its record or not at all.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from lms.models import Completion, Enrollment, ModuleProgress

from . import events


@receiver(post_save, sender=Enrollment, dispatch_uid="lms.xapi.enrolled")
def on_enrollment_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        events.enrolled(instance)


@receiver(post_save, sender=ModuleProgress, dispatch_uid="lms.xapi.module_progress")
def on_module_progress_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        events.module_started(instance)
    # Completion is stamped once, by the progress service's save of that one field.
    if instance.completed_at is not None and (created or (update_fields and "completed_at" in update_fields)):
        events.module_completed(instance)


@receiver(post_save, sender=Completion, dispatch_uid="lms.xapi.activity_completed")
def on_completion_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        events.activity_completed(instance)
