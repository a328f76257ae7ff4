"""What an activity records about commercial influence (ACCME Standards 3, 4 and 5): how each relevant
financial relationship of a person in control of its content was mitigated, who supported it
commercially, and what learners were shown while each revision was live."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .pages import CoursePage
from .snippets import FinancialRelationship


class MitigationMethod(models.TextChoices):
    PEER_REVIEW = "peer-review", "Independent peer review of content"
    ROLE_LIMITED = "role-limited", "Role limited or altered"
    RECUSAL = "recusal", "Recusal or divestment"
    OTHER = "other", "Other"


class RelationshipMitigation(Orderable):
    """How one relevant financial relationship was kept from biasing this activity's content."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="mitigations")
    relationship = models.ForeignKey(
        FinancialRelationship,
        on_delete=models.CASCADE,
        related_name="mitigations",
        help_text="The person and the ineligible company, from the person's published disclosure.",
    )
    method = models.CharField(max_length=20, choices=MitigationMethod.choices)
    other_method = models.CharField(max_length=300, blank=True, help_text="Describe the method when it is Other.")
    mitigated_by = models.CharField(max_length=160, help_text="Who carried out the mitigation.")
    mitigated_on = models.DateField(help_text="When it was done, before the person took up their role.")

    panels = [
        FieldPanel("relationship"),
        FieldRowPanel([FieldPanel("method"), FieldPanel("other_method")]),
        FieldRowPanel([FieldPanel("mitigated_by"), FieldPanel("mitigated_on")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(method=MitigationMethod.OTHER) | ~Q(other_method=""),
                name="mitigation_other_method_described",
            )
        ]

    def clean(self):
        super().clean()
        if self.method == MitigationMethod.OTHER and not self.other_method.strip():
            raise ValidationError({"other_method": "Describe the method used."})

    @property
    def method_description(self):
        return self.other_method if self.method == MitigationMethod.OTHER else self.get_method_display()

    def __str__(self):
        return f"{self.relationship}: {self.method_description}"


class SupportKind(models.TextChoices):
    MONETARY = "monetary", "Monetary"
    IN_KIND = "in-kind", "In-kind"


class CommercialSupport(Orderable):
    """A financial or in-kind contribution from an ineligible company towards this activity."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="commercial_supporters")
    supporter = models.CharField(max_length=200, help_text="The company's name only, no product names.")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    description = models.CharField(
        max_length=200, blank=True, help_text="e.g. educational grant; loan of ultrasound equipment"
    )

    panels = [FieldRowPanel([FieldPanel("supporter"), FieldPanel("kind")]), FieldPanel("description")]

    def __str__(self):
        return f"{self.supporter} ({self.get_kind_display().lower()})"


class PublishedDisclosures(models.Model):
    """The faculty disclosures learners saw while one revision of an activity was live.

    Written when the revision is published and never changed, so the activity file shows what was
    disclosed at the time even after a person's disclosure is edited; the landing page reads the
    live revision's record. The record outlives a purged revision (the link is cleared).
    """

    page = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="published_disclosures")
    revision = models.OneToOneField("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField()
    faculty = models.JSONField(help_text="Each person with role and relevant relationships, as shown.")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name_plural = "published disclosures"

    def __str__(self):
        return f"{self.page} at {self.published_at:%Y-%m-%d %H:%M}"
