"""Shared question banks: items several tests draw from, and a test's draws from them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from content.scheduling import GuardedPublication

from ..banks.forms import QuestionBankForm
from ..banks.panels import BankTransferPanel
from ..banks.publishing import (
    BankPublishRefused,
    BankUnpublishRefused,
    bank_publish_problems,
    bank_unpublish_problems,
)
from .quiz import Quiz, QuizRole


class BankRole(models.TextChoices):
    PRE_TEST = QuizRole.PRE_TEST.value, QuizRole.PRE_TEST.label
    POST_TEST = QuizRole.POST_TEST.value, QuizRole.POST_TEST.label


class QuestionBank(
    GuardedPublication, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """Items kept apart from any one test. A test of the same activity in the other role may not
    draw from it, so a learner never meets a post-test item in the pre-test (quizzes/banks/rules.py).
    The rows hold the published items tests draw from; an edit waits in a revision until it is
    published (quizzes/banks/publishing.py says when it may be)."""

    name = models.CharField(max_length=200)
    course = models.ForeignKey(
        "cme_courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="question_banks",
        verbose_name="activity",
        help_text="Optional. The activity whose objectives the items assess; only its tests may then draw from it.",
    )
    role = models.CharField(
        max_length=20,
        choices=BankRole.choices,
        blank=True,
        help_text="Optional. The one kind of test that may draw from this bank.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="question_bank")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="question_bank",
        for_concrete_model=False,
    )

    base_form_class = QuestionBankForm
    panels = [
        BankTransferPanel(heading="Import and export"),
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("course"), FieldPanel("role")], heading="Used by"),
        InlinePanel("questions", heading="Questions", label="Question"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    # A version that would break a live test stays a draft; a bank a live test draws from stays live
    # (quizzes/banks/publishing.py).
    publish_refusal, unpublish_refusal = BankPublishRefused, BankUnpublishRefused

    def publication_problems(self, version):
        return bank_publish_problems(version)

    def unpublication_problems(self):
        return bank_unpublish_problems(self)


class QuizDraw(Orderable):
    """Each attempt at `quiz` draws `count` items from `bank`, only those assessing `objective` if set."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="draws")
    count = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)], help_text="Items per attempt.")
    objective = models.CharField(
        max_length=64,
        blank=True,
        help_text="Draw only items assessing this objective of the activity; blank draws from every item.",
    )

    panels = [FieldPanel("bank"), FieldPanel("count"), FieldPanel("objective")]

    class Meta(Orderable.Meta):
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="quiz_draw_count_positive")]

    def __str__(self):
        return f"{self.count} from {self.bank}"

    def pool(self, questions):
        """The items of `questions` (the bank's) this draw may pick."""
        if not self.objective:
            return list(questions)
        return [question for question in questions if self.objective in (question.objectives or [])]
