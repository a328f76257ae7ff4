"""What ACPE registers for a pharmacy CE activity: its Universal Activity Numbers and activity type.

The contact hours are the activity's ACPE credit designation (one amount, one place); CPE Monitor
reports each learner under the UAN of their participant type.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from .choices import Degree
from .pages import CoursePage

# Provider (4 digits, or JA and 7 for a jointly accredited provider), joint provider (0000 none, 9999
# any), year, sequence, format (H home study, L live, B blended) with the topic, participant (P, T).
UAN = re.compile(r"^(?:\d{4}|JA\d{7})-\d{4}-\d{2}-\d{3}-[HLB]\d{2}-([PT])$")
UAN_EXAMPLE = "JA0000000-0000-26-001-H01-P"


class AcpeActivityType(models.TextChoices):
    KNOWLEDGE = "K", "knowledge-based"
    APPLICATION = "A", "application-based"
    PRACTICE = "P", "practice-based"


class ParticipantType(models.TextChoices):
    PHARMACIST = "P", "Pharmacist"
    TECHNICIAN = "T", "Pharmacy technician"


PARTICIPANT_BY_DEGREE = {
    Degree.PHARMD: ParticipantType.PHARMACIST,
    Degree.RPH: ParticipantType.PHARMACIST,
    Degree.CPHT: ParticipantType.TECHNICIAN,
}


def participant_type(degree):
    """P for a pharmacist, T for a pharmacy technician, None for anyone else."""
    return PARTICIPANT_BY_DEGREE.get(degree)


def uan_problem(uan, participant):
    if not UAN.fullmatch(uan):
        return f"Write the UAN as ACPE assigns it, e.g. {UAN_EXAMPLE}."
    if UAN.fullmatch(uan).group(1) != participant:
        return f"A UAN for {ParticipantType(participant).label.lower()}s ends in -{participant}."
    return None


class AcpeActivity(models.Model):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="acpe_details")
    pharmacist_uan = models.CharField(
        "UAN for pharmacists", max_length=30, blank=True, help_text=f"e.g. {UAN_EXAMPLE}; blank if not offered."
    )
    technician_uan = models.CharField(
        "UAN for pharmacy technicians",
        max_length=30,
        blank=True,
        help_text="The same number ending in -T; blank if not offered.",
    )
    activity_type = models.CharField(max_length=1, choices=AcpeActivityType.choices, default=AcpeActivityType.KNOWLEDGE)

    panels = [FieldPanel("pharmacist_uan"), FieldPanel("technician_uan"), FieldPanel("activity_type")]

    class Meta:
        verbose_name = "ACPE activity"
        constraints = [
            models.UniqueConstraint(fields=["page"], name="acpe_activity_one_per_page"),
            models.CheckConstraint(condition=~Q(pharmacist_uan="", technician_uan=""), name="acpe_activity_has_a_uan"),
        ]

    def __str__(self):
        return " / ".join(uan for uan in (self.pharmacist_uan, self.technician_uan) if uan)

    def clean(self):
        super().clean()
        errors = {}
        for name, participant in (("pharmacist_uan", "P"), ("technician_uan", "T")):
            value = getattr(self, name)
            if value and (problem := uan_problem(value, participant)):
                errors[name] = problem
        if not (self.pharmacist_uan or self.technician_uan):
            errors["pharmacist_uan"] = "Give the UAN ACPE assigned, for pharmacists, technicians or both."
        if errors:
            raise ValidationError(errors)

    def uan_for(self, participant):
        return {ParticipantType.PHARMACIST: self.pharmacist_uan, ParticipantType.TECHNICIAN: self.technician_uan}.get(
            participant, ""
        )

    def statement(self):
        """The UANs and the activity type, printed after the ACPE designation."""
        return f"UAN {self}; a {self.get_activity_type_display()} activity."
