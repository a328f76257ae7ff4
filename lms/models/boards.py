"""A member's certifications by the boards whose MOC they may claim."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from .member import Member


class BoardCertification(models.Model):
    """The member is a diplomate of one board; MOC for that board needs the diplomate id and the
    member's consent to report their participation to the board."""

    member = ParentalKey(Member, on_delete=models.CASCADE, related_name="board_certifications")
    board = models.ForeignKey("cme_courses.Board", on_delete=models.PROTECT, related_name="certifications")
    diplomate_id = models.CharField("Diplomate id", max_length=40, blank=True)
    report_consent = models.BooleanField(
        "Consent to report to the board",
        default=False,
        help_text="The member agreed that their MOC participation is reported to this board.",
    )
    consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("board"), FieldPanel("diplomate_id"), FieldPanel("report_consent")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "board"], name="board_certification_once_per_board"),
            models.CheckConstraint(
                condition=Q(report_consent=False) | Q(consented_at__isnull=False),
                name="board_consent_has_time",
            ),
        ]

    def __str__(self):
        # Ids only: labels of audit-log entries must not name the learner.
        return f"Board certification #{self.pk} of member #{self.member_id}"

    def save(self, *args, **kwargs):
        # When the consent was given, kept while it stands; cleared when it is withdrawn.
        if not self.report_consent:
            self.consented_at = None
        elif self.consented_at is None:
            self.consented_at = timezone.now()
        super().save(*args, **kwargs)
