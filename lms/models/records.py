"""Learner records: enrollment, progress, completion, evaluation, credit claims, certificates.

They are history. Rows are added, never edited in place after the fact they record; the
database constraints below are what the services rely on.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Mod
from django.db.models.lookups import Exact

from ..storage import certificate_storage
from .member import Member


class Enrollment(models.Model):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="enrollments")
    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.PROTECT, related_name="enrollments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    pre_test_skipped_at = models.DateTimeField(
        null=True, blank=True, help_text="When the learner chose to skip the activity's optional pre-test."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "course"], name="enrol_once_per_course")]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Enrollment of member #{self.member_id} in activity #{self.course_id}"


class ModuleProgress(models.Model):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="module_progress")
    module = models.ForeignKey("cme_courses.ModulePage", on_delete=models.PROTECT, related_name="progress")
    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.PROTECT, related_name="module_progress")
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "module progress"
        constraints = [models.UniqueConstraint(fields=["member", "module"], name="progress_once_per_module")]
        indexes = [models.Index(fields=["member", "course"])]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Progress of member #{self.member_id} in module #{self.module_id}"


class Completion(models.Model):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="completions")
    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.PROTECT, related_name="completions")
    completed_at = models.DateTimeField()
    manual_reason = models.TextField(blank=True, help_text="Set when an admin recorded the completion by hand.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "course"], name="complete_once_per_course")]
        indexes = [models.Index(fields=["updated_at", "id"])]

    def __str__(self):
        return f"{self.member} completed {self.course_id} on {self.completed_at:%Y-%m-%d}"


class Evaluation(models.Model):
    """The learner's evaluation of one activity (ACCME: outcomes, relevance, bias, change)."""

    class Intention(models.TextChoices):
        YES = "yes", "Yes, I intend to change my practice"
        NO_ALREADY = "already", "No, the content confirmed my current practice"
        NO = "no", "No"
        UNSURE = "unsure", "Not sure yet"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="evaluations")
    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.PROTECT, related_name="evaluations")
    submitted_at = models.DateTimeField(auto_now_add=True)
    objective_ratings = models.JSONField(help_text="{objective block id: 1-5} for 'this objective was met'.")
    relevance = models.PositiveSmallIntegerField()
    practice_change = models.CharField(max_length=10, choices=Intention.choices)
    commitment_to_change = models.TextField(blank=True)
    free_of_commercial_bias = models.BooleanField()
    bias_comment = models.TextField(blank=True)
    overall_quality = models.PositiveSmallIntegerField()
    comments = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "course"], name="evaluate_once_per_course"),
            models.CheckConstraint(condition=Q(relevance__gte=1, relevance__lte=5), name="evaluation_relevance_scale"),
            models.CheckConstraint(
                condition=Q(overall_quality__gte=1, overall_quality__lte=5), name="evaluation_quality_scale"
            ),
        ]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Evaluation #{self.pk}"


class CreditClaim(models.Model):
    completion = models.ForeignKey(Completion, on_delete=models.PROTECT, related_name="claims")
    credit_type = models.ForeignKey("cme_courses.CreditType", on_delete=models.PROTECT, related_name="claims")
    amount = models.DecimalField(max_digits=5, decimal_places=2)
    minutes_attested = models.PositiveIntegerField(help_text="Time the learner attested to spending.")
    attestation = models.TextField(help_text="The wording the learner agreed to, as shown.")
    report_consent = models.BooleanField(
        help_text="The learner agreed to report this completion to ACCME's PARS and their board."
    )
    claimed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["completion", "credit_type"], name="claim_once_per_credit_type"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="claim_amount_positive"),
            models.CheckConstraint(
                condition=Exact(Mod(models.F("amount") * 4, Value(1)), Value(0)), name="claim_amount_quarter_steps"
            ),
            models.CheckConstraint(condition=Q(minutes_attested__gt=0), name="claim_time_attested"),
        ]
        indexes = [models.Index(fields=["updated_at", "id"])]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Claim of {self.amount} (credit type #{self.credit_type_id}) on completion #{self.completion_id}"


class Certificate(models.Model):
    """A snapshot of the completion and its credit at issue time, with its rendered PDF."""

    completion = models.OneToOneField(Completion, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=32, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField(help_text="Everything printed on the certificate, frozen at issue.")
    pdf = models.FileField(upload_to="certificates/", storage=certificate_storage, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""), name="certificate_revocation_has_reason"
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_valid(self):
        return self.revoked_at is None
