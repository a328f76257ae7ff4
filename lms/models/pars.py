"""What the society reports to ACCME's PARS: each activity's PARS id and options, and every learner
file downloaded, row by row, as sent."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

# ACCME numbers activities in PARS; the learner templates carry that number, digits only.
validate_pars_activity_id = RegexValidator(r"^[0-9]{1,12}$", "A PARS activity id is the number PARS gave the activity.")


class ActivityReporting(models.Model):
    """How one activity is reported to PARS."""

    course = models.OneToOneField(
        "cme_courses.CoursePage", on_delete=models.CASCADE, related_name="pars_reporting", verbose_name="activity"
    )
    pars_activity_id = models.CharField(
        "PARS activity id",
        max_length=12,
        validators=[validate_pars_activity_id],
        help_text="The number PARS shows for this activity once it is entered there.",
    )
    report_cme = models.BooleanField(
        "Report CME credit",
        default=True,
        help_text="Physicians' AMA PRA Category 1 Credit™, for the state medical boards that read PARS.",
    )
    report_moc = models.BooleanField(
        "Report MOC points", default=True, help_text="The MOC points of consenting diplomates, for their boards."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "PARS reporting"
        constraints = [
            models.CheckConstraint(
                condition=Q(pars_activity_id__regex=r"^[0-9]{1,12}$"), name="pars_activity_id_numeric"
            )
        ]

    def __str__(self):
        return f"PARS activity {self.pars_activity_id}"


class FileFormat(models.TextChoices):
    XLSX = "xlsx", "Excel learner template (.xlsx)"
    TAB = "txt", "Tab-delimited learner template (.txt)"


class ExportMode(models.TextChoices):
    ALL = "all", "All learners in the dates"
    NEW = "new", "New since the last batch"
    CORRECTIONS = "corrections", "Corrections (deletions of credit withdrawn or changed)"


class ParsBatch(models.Model):
    """One learner file downloaded for PARS: who, when, which activity, format and rows."""

    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.PROTECT, related_name="pars_batches")
    pars_activity_id = models.CharField(max_length=12, help_text="As written in the file.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_format = models.CharField(max_length=10, choices=FileFormat.choices)
    mode = models.CharField(max_length=20, choices=ExportMode.choices)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "PARS batch"
        verbose_name_plural = "PARS batches"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"PARS batch #{self.pk} of activity #{self.course_id}"


class RowAction(models.TextChoices):
    ADD = "add", "Add"
    DELETE = "delete", "Delete"


class ParsBatchRow(models.Model):
    """One row of a batch, with the cells exactly as they were written to the file."""

    batch = models.ForeignKey(ParsBatch, on_delete=models.PROTECT, related_name="rows")
    completion = models.ForeignKey("cme_lms.Completion", on_delete=models.PROTECT, related_name="pars_rows")
    board_code = models.CharField(max_length=20, blank=True, help_text="The row's MOC board; blank for CME only.")
    action = models.CharField(max_length=10, choices=RowAction.choices)
    cells = models.JSONField(help_text="{column header: value} as sent.")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "completion", "board_code", "action"], name="pars_row_once_per_batch"
            )
        ]

    def __str__(self):
        return f"PARS row #{self.pk} of batch #{self.batch_id}"
