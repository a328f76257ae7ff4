"""What was reported to NABP's CPE Monitor: each downloaded batch file and the claims it held."""

from django.conf import settings
from django.db import models


class CpeMonitorBatch(models.Model):
    """One CPE Monitor file downloaded for an activity and a range of completion dates."""

    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField()
    downloaded_at = models.DateTimeField(auto_now_add=True)
    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "CPE Monitor batch"
        verbose_name_plural = "CPE Monitor batches"
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="cpe_batch_dates")]

    def __str__(self):
        return f"CPE Monitor batch #{self.pk} of activity #{self.course_id}"


class CpeMonitorReport(models.Model):
    """One ACPE claim in a batch: reported then, whatever happens to the member record later."""

    batch = models.ForeignKey(CpeMonitorBatch, on_delete=models.CASCADE, related_name="reports")
    claim = models.ForeignKey("cme_lms.CreditClaim", on_delete=models.PROTECT, related_name="cpe_monitor_reports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["batch", "claim"], name="cpe_report_once_per_batch")]

    def __str__(self):
        return f"Claim #{self.claim_id} in CPE Monitor batch #{self.batch_id}"
