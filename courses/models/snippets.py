"""Reference data editors manage as snippets: tracks, credit types, faculty and disclosures."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinLengthValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ..forms import PersonForm


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
    unit = models.CharField(max_length=40, default="credits")
    hour_based = models.BooleanField(
        default=True,
        help_text="One credit per hour of participation: amounts may not exceed the activity's time.",
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("unit"), FieldPanel("hour_based")]

    AMA_PRA_CATEGORY_1 = "ama-pra-category-1"

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def default_pk(cls):
        return cls.objects.filter(code=cls.AMA_PRA_CATEGORY_1).values_list("pk", flat=True).first()


class Person(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """Faculty, author or planner, with the disclosure ACCME requires before the activity.

    A disclosure is a statement to learners, so changes go through review: the row holds the
    approved (live) version, drafts wait in revisions, and pages show only live people.
    """

    name = models.CharField(max_length=160)
    credentials = models.CharField(max_length=80, blank=True, help_text="e.g. MD, DO, MPH")
    affiliation = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)
    no_relevant_relationships = models.BooleanField(
        default=False,
        verbose_name="No relevant financial relationships",
        help_text="Tick only when the person disclosed none; otherwise list each one below.",
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
            [FieldPanel("no_relevant_relationships"), InlinePanel("relationships", label="Financial relationship")],
            heading="Disclosure",
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
    """One financial relationship with an ineligible company, disclosed by a person."""

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="relationships")
    company = models.CharField(max_length=200, validators=[MinLengthValidator(2)])
    nature = models.CharField(max_length=120, help_text="e.g. Consultant, Speaker, Research grant")
    mitigated = models.BooleanField(default=False, help_text="The relationship was mitigated before the activity.")

    panels = [FieldPanel("company"), FieldPanel("nature"), FieldPanel("mitigated")]

    def __str__(self):
        return f"{self.company} ({self.nature})"
