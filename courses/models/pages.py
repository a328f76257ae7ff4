"""Page types of a CME activity: the activity (course) and its modules; the catalog lists them (catalog.py)."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, get_page_models
from wagtail.search import index

from content.blocks import LessonStreamBlock
from content.caching.internals import remembered_parent
from content.scheduling import publication_stopped

from .. import hooks as cme_hooks
from ..activity_dates import REVIEW_VALIDITY_YEARS, date_problems
from ..credit import validate_quarter_step
from ..forms import CoursePageForm, ModulePageForm
from ..objective_block import ObjectiveBlock
from ..objectives import activity_objectives, unknown_objectives
from ..page_parts import CourseParts, ModuleParts
from ..panels import PublicationPanel
from ..publication_unit import publish_parts
from ..publishing_checks import PublishRefused, publish_problems
from ..routing import TypedChildRouting
from ..sections import page_sections
from .base import Page
from .choices import LearningFormat
from .snippets import CreditType, Track
from .statements import designation_statement, validate_designation_template

NO_COMMERCIAL_SUPPORT = "This activity received no commercial support."


class CoursePage(TypedChildRouting, Page):
    """One CME activity. Subclass it to add fields; the small methods below are the seams."""

    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="courses")
    summary = models.TextField()
    learning_objectives = StreamField(
        [("objective", ObjectiveBlock(max_length=300))],
        min_num=1,
        help_text="What a learner will be able to do; shown in order before the activity starts.",
    )
    target_audience = models.TextField()
    learning_format = models.CharField(max_length=20, choices=LearningFormat.choices, default=LearningFormat.ENDURING)
    estimated_minutes = models.PositiveIntegerField(help_text="Time a learner needs, tests included.")
    accreditation_statement = models.TextField(
        blank=True, help_text="Leave blank to use the site-wide statement from CME statements settings."
    )
    designation_statement = models.TextField(
        blank=True,
        validators=[validate_designation_template],
        help_text="Leave blank for the site-wide wording. Placeholders: {provider}, {format}, {amount}, {credit_type}.",
    )
    technical_requirements = models.TextField(
        blank=True,
        verbose_name="Hardware and software requirements",
        help_text="Leave blank to use the site-wide requirements from CME statements settings.",
    )
    # Empty only on a draft (a copy, a template): publishing needs all three (courses/activity_dates.py).
    release_date = models.DateField(null=True)
    last_review_date = models.DateField(null=True)
    expiration_date = models.DateField(
        null=True,
        help_text=f"After this date the activity stays readable but awards no credit; "
        f"at most {REVIEW_VALIDITY_YEARS} years after the last review.",
    )
    members_only = models.BooleanField(default=False, help_text="Only society members may take this activity.")
    content_notice = models.CharField(
        max_length=200, blank=True, help_text="Shown prominently on every page of the activity."
    )
    completion_requires_post_test = models.BooleanField(
        default=True, help_text="Learners must pass the post-test to complete the activity."
    )
    completion_requires_evaluation = models.BooleanField(
        default=True, help_text="Learners must submit the evaluation before they can claim credit."
    )
    is_template = models.BooleanField(
        default=False,
        verbose_name="Template",
        help_text="A template is never published or listed: authors start new activities from it.",
    )
    pre_test_required = models.BooleanField(
        default=False,
        help_text=(
            "Where the activity has a pre-test, learners are offered it on enrolling. On: the modules and the "
            "post-test stay locked until it is taken. Off: learners may skip it."
        ),
    )

    base_form_class = CoursePageForm
    # A copy starts without dates and is never a template: its author sets them (courses/copying.py).
    exclude_fields_in_copy = ["release_date", "last_review_date", "expiration_date", "is_template"]
    # "learner" walks through the activity as a learner would, drafts included: the landing, each
    # module and the tests' start.
    preview_modes = [("", "Activity page"), ("learner", "As a learner, drafts included")]
    parent_page_types = ["cme_courses.CourseCatalogPage"]
    subpage_types = ["cme_courses.ModulePage"]
    template = "courses/course_page.html"

    content_panels = Page.content_panels + [
        PublicationPanel(heading="Publication"),
        FieldPanel("content_notice"),
        FieldPanel("track"),
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("target_audience"),
        FieldRowPanel([FieldPanel("learning_format"), FieldPanel("estimated_minutes"), FieldPanel("members_only")]),
        InlinePanel("credit_designations", heading="Credit designation", label="Credit type", min_num=1),
        InlinePanel(
            "acpe_details",
            heading="ACPE activity",
            label="ACPE registration",
            max_num=1,
            help_text="For pharmacy CE: the Universal Activity Numbers ACPE assigned; the contact hours are the "
            "ACPE credit designation above.",
        ),
        InlinePanel(
            "moc_designations",
            heading="MOC designation",
            label="Board",
            help_text="The Maintenance of Certification points each board awards, with the board's statement.",
        ),
        InlinePanel("faculty", heading="Faculty and planners", label="Person"),
        InlinePanel(
            "mitigations",
            heading="Mitigation of relevant financial relationships",
            label="Mitigation",
            help_text="One row per relevant financial relationship of a person above; the activity cannot be "
            "published while one is unmitigated.",
        ),
        InlinePanel(
            "commercial_supporters",
            heading="Commercial support",
            label="Supporter",
            help_text="Each ineligible company that supported the activity, with money or in kind. None: no rows.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accreditation_statement"),
                FieldPanel("designation_statement"),
                FieldPanel("technical_requirements"),
            ],
            heading="Statements",
        ),
        FieldRowPanel(
            [FieldPanel("release_date"), FieldPanel("last_review_date"), FieldPanel("expiration_date")],
            heading="Dates",
        ),
        FieldPanel("is_template"),
        MultiFieldPanel(
            [
                FieldPanel("completion_requires_post_test"),
                FieldPanel("completion_requires_evaluation"),
                FieldPanel("pre_test_required"),
            ],
            heading="Completion rule",
            help_text="Every required module is always needed.",
        ),
    ]
    # Autocomplete fields let the catalog find a word from its beginning ("rehab", "opioid-spar").
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.SearchField("target_audience"),
        index.AutocompleteField("summary"),
        index.AutocompleteField("learning_objectives"),
        index.AutocompleteField("target_audience"),
        index.FilterField("track"),
        index.FilterField("members_only"),
    ]

    class Meta:
        verbose_name = "CME activity"
        verbose_name_plural = "CME activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(expiration_date__gte=models.F("release_date")),
                name="course_expires_after_release",
            ),
            models.CheckConstraint(condition=Q(estimated_minutes__gt=0), name="course_takes_time"),
        ]

    def clean(self):
        super().clean()
        # Missing dates are the form's own required-field errors.
        errors = {field: message for field, message in date_problems(self).items() if getattr(self, field) is not None}
        if errors:
            raise ValidationError(errors)

    @classmethod
    def search_filter(cls, query):
        """Activities whose own text or whose live modules' text matches `query`: its words whole
        (with the backend's stemming) or, for the last word, its beginning (autocomplete)."""
        course_ids = {page.pk for page in cls.objects.live().search(query)}
        course_ids |= {page.pk for page in cls.objects.live().autocomplete(query)}
        module_paths = {page.path for page in ModulePage.objects.live().search(query)}
        module_paths |= {page.path for page in ModulePage.objects.live().autocomplete(query)}
        parent_paths = {path[: -cls.steplen] for path in module_paths}
        return Q(pk__in=course_ids) | Q(path__in=parent_paths)

    def get_modules(self):
        return ModulePage.objects.child_of(self).live().order_by("path")

    def get_draft_modules(self):
        """Every module in its latest draft, published or not: what a preview shows in its place."""
        return [module.get_latest_revision_as_object() for module in ModulePage.objects.child_of(self).order_by("path")]

    def route_child_queryset(self):
        return ModulePage.objects.child_of(self)

    def awards_credit_on(self, day=None):
        if self.release_date is None or self.expiration_date is None:
            return False
        day = day or timezone.localdate()
        return self.release_date <= day <= self.expiration_date

    def carries_joint_accreditation(self):
        """Designated for a credit type awarded under Joint Accreditation (nursing, pharmacy)."""
        return any(d.credit_type.joint_accreditation for d in self.credit_designations.all())

    def get_accreditation_statement(self, statements):
        if self.accreditation_statement:
            return self.accreditation_statement
        if statements.joint_accreditation_statement and self.carries_joint_accreditation():
            return statements.joint_accreditation_statement
        return statements.accreditation_statement

    def get_designation_statement(self, designation, statements):
        credit_type = designation.credit_type
        # An accreditor's own wording (ANCC, ACPE) is the credit type's; the activity's override is for the rest.
        template = credit_type.designation_statement or self.designation_statement or statements.designation_statement
        text = designation_statement(
            template,
            {
                "provider": statements.provider_name,
                "format": self.get_learning_format_display(),
                "amount": designation.max_amount_display,
                "credit_type": credit_type.name_for(designation.max_amount),
            },
            commensurate=credit_type.is_ama,
        )
        return f"{text} {pharmacy.statement()}" if credit_type.is_acpe and (pharmacy := self.pharmacy_ce()) else text

    def pharmacy_ce(self):
        """The activity's ACPE details (UANs, activity type), or None."""
        return next(iter(self.acpe_details.all()), None)

    def get_technical_requirements(self, statements):
        return self.technical_requirements or statements.technical_requirements

    def get_commercial_support_statement(self):
        supporters = list(self.commercial_supporters.all())
        if not supporters:
            return NO_COMMERCIAL_SUPPORT
        return (
            "This activity is supported by "
            + "; ".join(
                f"{s.supporter} ({s.get_kind_display().lower()}{', ' + s.description if s.description else ''})"
                for s in supporters
            )
            + "."
        )

    def publish(self, revision, *args, user=None, **kwargs):
        """Every way of publishing an activity comes here (the editor's Publish button through the
        before_publish_page hook): the revision is checked, then published with the waiting versions
        of its modules and tests in one transaction, so they go live together or not at all. A
        refused scheduled publication is cancelled rather than raised (content/scheduling.py)."""
        with transaction.atomic():
            problems = publish_problems(revision.as_object())
            if publication_stopped(self, revision, problems, PublishRefused, kwargs.get("log_action")):
                return None
            result = super().publish(revision, *args, user=user, **kwargs)
            if CoursePage.objects.filter(pk=self.pk, live=True, live_revision=revision).exists():
                publish_parts(self, user=user)
        return result

    def unpublish(self, *args, **kwargs):
        """Its live modules and tests go offline with it, in one transaction (courses/unpublication.py)."""
        with transaction.atomic():
            return super().unpublish(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            parts=CourseParts(self, request),
            awards_credit=self.awards_credit_on(),
            released=self.release_date is not None and self.release_date <= timezone.localdate(),
            actions=page_sections(cme_hooks.COURSE_PAGE_ACTIONS, self, request),
            extra_sections=page_sections(cme_hooks.COURSE_PAGE_SECTIONS, self, request),
        )
        if getattr(request, "preview_mode", "") == "learner":
            context["walkthrough"] = [ModuleParts(module, request) for module in self.get_draft_modules()]
        return context


class CreditDesignation(Orderable):
    """The maximum amount of one credit type an activity is designated for."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="credit_designations")
    credit_type = models.ForeignKey(
        CreditType, on_delete=models.PROTECT, related_name="designations", default=CreditType.default_pk
    )
    max_amount = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[validate_quarter_step],
        help_text="In steps of 0.25, e.g. 1.25.",
    )

    panels = [FieldPanel("credit_type"), FieldPanel("max_amount")]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=Q(max_amount__gt=0), name="designation_amount_positive"),
            models.CheckConstraint(
                condition=Exact(Mod(models.F("max_amount") * 4, Value(1)), Value(0)),
                name="designation_amount_quarter_steps",
            ),
        ]

    @property
    def max_amount_display(self):
        return f"{self.max_amount:.2f}"

    def __str__(self):
        return f"{self.max_amount_display} {self.credit_type}"


class ModulePage(Page):
    """One lesson of an activity."""

    objectives = models.JSONField(
        default=list,
        blank=True,
        help_text="The activity's learning objectives this module serves (their stable ids).",
    )
    body = StreamField(LessonStreamBlock())
    estimated_minutes = models.PositiveIntegerField()
    required = models.BooleanField(default=True, help_text="Required modules count towards completion.")

    base_form_class = ModulePageForm
    parent_page_types = ["cme_courses.CoursePage"]
    subpage_types = []
    template = "courses/module_page.html"

    @classmethod
    def allowed_parent_page_models(cls):
        """Activities, including a site's own subclasses of CoursePage."""
        return [model for model in get_page_models() if issubclass(model, CoursePage)]

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("required")]),
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]
    # The objectives' text is the activity's, and found with it.
    search_fields = Page.search_fields + [index.SearchField("body"), index.AutocompleteField("body")]

    class Meta:
        verbose_name = "module"
        constraints = [models.CheckConstraint(condition=Q(estimated_minutes__gt=0), name="module_takes_time")]

    def clean(self):
        super().clean()
        unknown = unknown_objectives(self.get_course(), self.objectives or [])
        if unknown:
            raise ValidationError({"objectives": f"Not an objective of this activity: {', '.join(unknown)}."})

    def served_objectives(self):
        """The texts of the activity's objectives this module serves, in the activity's order."""
        served = set(self.objectives or [])
        return [text for objective_id, text in activity_objectives(self.get_course()) if objective_id in served]

    def get_course(self):
        parent = remembered_parent(self)  # set while routing to this page
        if isinstance(parent, CoursePage):
            return parent
        course = CoursePage.objects.parent_of(self).first()
        return course.specific if course is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            parts=ModuleParts(self, request),
            extra_sections=page_sections(cme_hooks.MODULE_PAGE_SECTIONS, self, request),
        )
        return context
