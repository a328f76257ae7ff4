"""Learner records: enrollment, progress, completion, evaluation, credit claims, certificates.

They are history. Rows are added, never edited in place after the fact they record; the
database constraints below are what the services rely on.
"""

from django.conf import settings
from django.db import models
from django.db.models import FilteredRelation, Q, Value
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

    @property
    def current_certificate(self):
        """The certificate in force (the latest version), or None: the one way to reach it."""
        # Through all(): a prefetch of the versions is used when there is one (a handful of rows).
        return next((certificate for certificate in self.certificates.all() if certificate.is_current), None)


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


class MocClaim(models.Model):
    """MOC points claimed for one board, with the diplomate id they are reported under."""

    completion = models.ForeignKey(Completion, on_delete=models.PROTECT, related_name="moc_claims")
    board = models.ForeignKey("cme_courses.Board", on_delete=models.PROTECT, related_name="moc_claims")
    moc_type = models.CharField("MOC type", max_length=120)
    points = models.DecimalField(max_digits=5, decimal_places=2)
    diplomate_id = models.CharField(max_length=40, help_text="As held when the learner claimed.")
    minutes_attested = models.PositiveIntegerField()
    attestation = models.TextField()
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "MOC claim"
        constraints = [
            models.UniqueConstraint(fields=["completion", "board"], name="moc_claim_once_per_board"),
            models.CheckConstraint(condition=Q(points__gt=0), name="moc_claim_points_positive"),
            models.CheckConstraint(
                condition=Exact(Mod(models.F("points") * 4, Value(1)), Value(0)), name="moc_claim_quarter_steps"
            ),
            models.CheckConstraint(condition=~Q(diplomate_id=""), name="moc_claim_has_diplomate_id"),
            models.CheckConstraint(condition=Q(minutes_attested__gt=0), name="moc_claim_time_attested"),
        ]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"MOC claim of {self.points} (board #{self.board_id}) on completion #{self.completion_id}"


class Participation(models.Model):
    """A learner who may not claim a credit type the activity is designated for (a non-physician and
    AMA PRA Category 1 Credit) attests the time they participated instead; no credit is claimed."""

    completion = models.OneToOneField(Completion, on_delete=models.PROTECT, related_name="participation")
    minutes_attested = models.PositiveIntegerField()
    attestation = models.TextField(help_text="The wording the learner agreed to, as shown.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(minutes_attested__gt=0), name="participation_time_attested")]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Participation on completion #{self.completion_id}"


class CertificateKind(models.TextChoices):
    CREDIT = "credit", "Certificate of credit"
    PARTICIPATION = "participation", "Certificate of participation"


class CertificateQuerySet(models.QuerySet):
    def current(self):
        """The certificates no later version replaced: one per completion at most."""
        return self.filter(CURRENT_CERTIFICATE)


# The one definition of "current", also for joins: Completion.objects.alias(certificate=current_certificate()).
CURRENT_CERTIFICATE = Q(superseded_at__isnull=True)


def current_certificate():
    """A join from a completion to its current certificate (at most one row, by constraint)."""
    return FilteredRelation("certificates", condition=Q(certificates__superseded_at__isnull=True))


class Certificate(models.Model):
    """A snapshot of the completion and its credit at issue time, with its rendered PDF.

    A later claim issues the next version; the one it replaces is kept, marked superseded and
    pointing to it, so a copy handed out before still verifies (as superseded).
    """

    completion = models.ForeignKey(Completion, on_delete=models.PROTECT, related_name="certificates")
    version = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=CertificateKind.choices, default=CertificateKind.CREDIT)
    code = models.CharField(max_length=32, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField(help_text="Everything printed on the certificate, frozen at issue.")
    pdf = models.FileField(upload_to="certificates/", storage=certificate_storage, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""), name="certificate_revocation_has_reason"
            ),
            models.UniqueConstraint(
                fields=["completion"], condition=CURRENT_CERTIFICATE, name="certificate_one_current_per_completion"
            ),
            models.UniqueConstraint(fields=["completion", "version"], name="certificate_version_once"),
            models.CheckConstraint(
                condition=Q(superseded_by__isnull=True) | Q(superseded_at__isnull=False),
                name="certificate_superseded_by_has_time",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_valid(self):
        return self.revoked_at is None

    @property
    def is_current(self):
        return self.superseded_at is None
