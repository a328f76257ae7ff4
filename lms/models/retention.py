"""What is kept of an anonymized member's participation while the retention window runs."""

from django.db import models

from .records import Completion


class RetainedRecord(models.Model):
    """The facts that verify one completion of an anonymized member (ACCME asks providers to keep
    attendance records for six years): written when the member is anonymized inside the window,
    read only by holders of `cme_lms.view_retained_records` (every reading audit-logged) and by the
    certificate's verification, deleted by `complete_anonymizations` once the window has ended."""

    completion = models.OneToOneField(Completion, on_delete=models.PROTECT, related_name="retained_record")
    learner_name = models.CharField(max_length=301)
    degree = models.CharField(max_length=100, blank=True)
    activity_title = models.CharField(max_length=255)
    completion_date = models.DateField(help_text="The society's date of the completion.")
    credits = models.JSONField(help_text='The credit that counted: [{"credit_type", "amount"}].')
    certificate_code = models.CharField(max_length=32, blank=True, db_index=True)
    retained_until = models.DateField(help_text="The last day of the retention window.", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        default_permissions = ()
        permissions = [("view_retained_records", "Can view the records kept of anonymized members")]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Retained record #{self.pk} of completion #{self.completion_id}"
