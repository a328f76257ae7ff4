import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from courses.models.choices import Degree

from ..validators import validate_license_states, validate_nabp_eprofile_id, validate_npi


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active member"
    LAPSED = "lapsed", "Lapsed"
    NON_MEMBER = "non_member", "Not a member"


# An anonymized member's id is this prefix and the row's own key, a value no portal may give.
ANONYMIZED_ID_PREFIX = "anonymized-"


def learner_label(first_name, last_name, member_id):
    """How admin screens name a learner in a list of rows: "First Last (member id)", the id alone without a name."""
    name = f"{first_name} {last_name}".strip()
    return f"{name} ({member_id})" if name else member_id


class Member(ClusterableModel):
    """A learner's professional identity: what certificates, boards and PARS need."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="member")
    member_id = models.CharField(
        max_length=64, unique=True, help_text="The society's member number; the key member portals use."
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    degree = models.CharField(max_length=10, choices=Degree.choices)
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[validate_npi])
    board_id = models.CharField("ABMS / board ID", max_length=40, blank=True)
    nabp_eprofile_id = models.CharField(
        "NABP e-Profile ID",
        max_length=7,
        blank=True,
        validators=[validate_nabp_eprofile_id],
        help_text="A pharmacist's or pharmacy technician's ID with NABP; with the month and day of birth, what "
        "ACPE credit is reported to CPE Monitor under.",
    )
    birth_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    birth_day = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    specialty = models.CharField(max_length=120, blank=True)
    license_states = models.CharField(
        max_length=200, blank=True, validators=[validate_license_states], help_text="e.g. NY, NJ"
    )
    license_number = models.CharField(
        "License number",
        max_length=40,
        blank=True,
        help_text="The licence in the first state listed, as its medical board writes it.",
    )
    license_report_consent = models.BooleanField(
        "Consent to report to the licensing board",
        default=False,
        help_text="The member agreed that their CME is reported through PARS to the board of that state.",
    )
    membership_status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.NON_MEMBER
    )
    membership_expires_on = models.DateField(null=True, blank=True)
    email = models.EmailField(
        blank=True,
        help_text="The sign-in account's e-mail, one member per address whatever its case; blank once anonymized.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("member_id"),
        FieldPanel("email"),
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name"), FieldPanel("degree")]),
        FieldRowPanel([FieldPanel("npi"), FieldPanel("board_id"), FieldPanel("specialty")]),
        FieldRowPanel([FieldPanel("birth_month"), FieldPanel("birth_day"), FieldPanel("license_states")]),
        FieldRowPanel([FieldPanel("license_number"), FieldPanel("license_report_consent")]),
        FieldPanel("nabp_eprofile_id"),
        FieldRowPanel([FieldPanel("membership_status"), FieldPanel("membership_expires_on")]),
        InlinePanel(
            "board_certifications",
            heading="Board certifications",
            label="Board",
            help_text="MOC for a board is claimable with the diplomate id and the member's consent to report to it.",
        ),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True, birth_day__isnull=True)
                | Q(birth_month__gte=1, birth_month__lte=12, birth_day__gte=1, birth_day__lte=31),
                name="member_birth_month_day_together",
            ),
            models.UniqueConstraint(fields=["npi"], condition=~Q(npi=""), name="member_npi_unique"),
            models.UniqueConstraint(
                fields=["nabp_eprofile_id"],
                condition=~Q(nabp_eprofile_id=""),
                name="member_nabp_eprofile_id_unique",
                violation_error_message="Another member has this NABP e-Profile ID.",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="member_email_unique_ci",
                violation_error_message="Another member has this e-mail address.",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}, {self.degree} ({self.member_id})"

    def clean(self):
        super().clean()
        if (self.birth_month is None) != (self.birth_day is None):
            raise ValidationError({"birth_day": "Give both the month and the day of birth, or neither."})
        month, day = self.birth_month, self.birth_day
        # A month or day that failed its field's own checks ("x", 13) is already reported on its column.
        if not (isinstance(month, int) and isinstance(day, int) and 1 <= month <= 12):
            return
        # 2000 is a leap year, so 29 February is accepted.
        if day > calendar.monthrange(2000, month)[1]:
            raise ValidationError(
                {"birth_day": f"{calendar.month_name[self.birth_month]} has no day {self.birth_day}."}
            )

    @property
    def is_anonymized(self):
        return self.pk is not None and self.member_id == f"{ANONYMIZED_ID_PREFIX}{self.pk}"

    @property
    def is_active_member(self):
        if self.membership_status != MembershipStatus.ACTIVE:
            return False
        return self.membership_expires_on is None or self.membership_expires_on >= timezone.localdate()


class EmailChange(models.Model):
    """A new e-mail for an account that signs in with a password, waiting for the member to confirm it.

    The address in use stays until the member, signed in, opens the link sent to the new address.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="email_changes")
    email = models.EmailField()
    previous_email = models.EmailField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(confirmed_at__isnull=True), name="email_change_one_pending_per_member"
            ),
        ]

    def __str__(self):
        return f"E-mail change {self.pk} of member {self.member_id}"
