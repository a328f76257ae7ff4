"""Reference data editors manage as snippets: tracks, credit types, boards, faculty and disclosures."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models import F, Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ..forms import CreditTypeForm, PersonForm
from .choices import Degree
from .statements import validate_designation_template


class Track(index.Indexed, models.Model):
    """A curriculum track the catalog filters by (e.g. IPM fundamentals)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CreditType(models.Model):
    """A kind of credit an activity can be designated for (AMA PRA Category 1 Credit, MOC points)."""

    code = models.SlugField(max_length=60, unique=True, help_text="Stable code used by the API and exports.")
    name = models.CharField(max_length=120, unique=True, help_text="As printed on certificates.")
    plural_name = models.CharField(
        max_length=120, blank=True, help_text="Printed for amounts other than 1, e.g. AMA PRA Category 1 Credits™."
    )
    unit = models.CharField(max_length=40, default="credits")
    hour_based = models.BooleanField(
        default=True,
        help_text="One credit per hour of participation: amounts may not exceed the activity's time.",
    )
    eligible_degrees = models.JSONField(
        default=list,
        blank=True,
        help_text="The degrees whose holders may claim this credit; none ticked: every learner. "
        "Others who complete a designated activity receive a certificate of participation.",
    )
    designation_statement = models.TextField(
        blank=True,
        validators=[validate_designation_template],
        help_text="The accreditor's own designation wording for this credit type, used by every activity designated "
        "for it; blank: the activity's or the site-wide wording. Placeholders: {provider}, {format}, {amount}, "
        "{credit_type}.",
    )
    joint_accreditation = models.BooleanField(
        default=False,
        help_text="Awarded under the society's Joint Accreditation (nursing contact hours, pharmacy CE): an activity "
        "designated for it shows the Joint Accreditation statement in place of the ACCME statement.",
    )

    base_form_class = CreditTypeForm
    panels = [
        FieldPanel("name"),
        FieldPanel("plural_name"),
        FieldPanel("code"),
        FieldPanel("unit"),
        FieldPanel("hour_based"),
        FieldPanel("eligible_degrees"),
        FieldPanel("designation_statement"),
        FieldPanel("joint_accreditation"),
    ]

    AMA_PRA_CATEGORY_1 = "ama-pra-category-1"
    ANCC_CONTACT_HOURS = "ancc-contact-hours"
    ACPE_CONTACT_HOURS = "acpe-contact-hours"

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        unknown = sorted(set(self.eligible_degrees or []) - set(Degree.values))
        if unknown:
            raise ValidationError({"eligible_degrees": f"Unknown degrees: {', '.join(unknown)}."})

    @classmethod
    def default_pk(cls):
        return cls.objects.filter(code=cls.AMA_PRA_CATEGORY_1).values_list("pk", flat=True).first()

    @property
    def is_ama(self):
        return self.code == self.AMA_PRA_CATEGORY_1

    @property
    def is_acpe(self):
        """Pharmacy CE, reported to NABP's CPE Monitor (lms/cpe_monitor/)."""
        return self.code == self.ACPE_CONTACT_HOURS

    def name_for(self, amount):
        """The name as printed beside `amount`: singular for exactly 1."""
        return self.name if amount == 1 or not self.plural_name else self.plural_name

    def is_open_to(self, degree):
        return not self.eligible_degrees or degree in self.eligible_degrees

    @property
    def eligible_degrees_display(self):
        labels = dict(Degree.choices)
        return ", ".join(labels.get(code, code) for code in self.eligible_degrees)


class Board(models.Model):
    """A certifying board whose Maintenance of Certification (MOC) an activity may count towards."""

    code = models.CharField(max_length=20, unique=True, help_text="e.g. ABIM; used by the API and exports.")
    name = models.CharField(max_length=200, unique=True, help_text="e.g. American Board of Internal Medicine")
    all_or_nothing = models.BooleanField(
        default=False,
        help_text="The board accepts no partial credit: a learner claims the activity's full MOC points or none "
        "(the American Board of Pediatrics does so).",
    )

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("all_or_nothing")]

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Person(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """Faculty, author or planner, with the disclosure ACCME requires before the activity.

    A disclosure is a statement to learners, so changes go through review: the row holds the
    approved (live) version, drafts wait in revisions, and pages show only live people.
    """

    name = models.CharField(max_length=160)
    credentials = models.CharField(max_length=80, blank=True, help_text="e.g. MD, DO, MPH")
    affiliation = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)
    disclosure_date = models.DateField(
        null=True,
        help_text="The day the person disclosed. They list every financial relationship with an ineligible "
        "company held at any time in the 24 months before it.",
    )
    no_relevant_relationships = models.BooleanField(
        default=False,
        verbose_name="No relevant financial relationships",
        help_text="Tick only when the person had none in the 24 months before the disclosure date; "
        "otherwise list each one below.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="person",
        for_concrete_model=False,
    )

    base_form_class = PersonForm
    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("affiliation"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("disclosure_date"),
                FieldPanel("no_relevant_relationships"),
                InlinePanel("relationships", label="Financial relationship"),
            ],
            heading="Disclosure",
            help_text="Ineligible companies produce, market, sell, re-sell or distribute healthcare products used "
            "by or on patients. List every relationship with one, whatever its amount, from the 24 months before "
            "the disclosure date; mitigation is recorded on each activity.",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def revisions(self):
        return self._revisions


class FinancialRelationship(Orderable):
    """One financial relationship a person disclosed; relevant when it is with an ineligible company and
    held within the 24 months before the disclosure date (courses/disclosure_window.py)."""

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="relationships")
    company = models.CharField(max_length=200, validators=[MinLengthValidator(2)])
    nature = models.CharField(max_length=120, help_text="e.g. Consultant, Speaker, Research grant")
    ineligible_company = models.BooleanField(
        default=True,
        help_text="The company produces, markets, sells, re-sells or distributes healthcare products used by or "
        "on patients.",
    )
    started_on = models.DateField(null=True, verbose_name="Start date")
    ended_on = models.DateField(null=True, blank=True, verbose_name="End date", help_text="Blank while it lasts.")

    panels = [
        FieldPanel("company"),
        FieldPanel("nature"),
        FieldPanel("ineligible_company"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="relationship_ends_after_it_starts",
                violation_error_message="The relationship cannot end before it started.",
            )
        ]

    def __str__(self):
        return f"{self.person.name}: {self.company} ({self.nature})"
