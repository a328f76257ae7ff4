"""Quiz definitions: a pre-test, post-test or knowledge check and its bank of questions."""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from content.scheduling import GuardedPublication

from .. import rules
from ..forms import QuizForm
from ..panels import BankWarningsPanel
from ..post_test_guard import PostTestKept, post_test_loss_problems


def new_question_key():
    return str(uuid.uuid4())


class QuizRole(models.TextChoices):
    PRE_TEST = "pre_test", "Pre-test"
    POST_TEST = "post_test", "Post-test"
    KNOWLEDGE_CHECK = "knowledge_check", "Knowledge check"


class FeedbackPolicy(models.TextChoices):
    """What a learner sees of a graded attempt; `quizzes.feedback` applies it (docs/quizzes.md)."""

    NOTHING = "nothing", "Show nothing but pass or fail"
    SCORE = "score", "Score only"
    WRONG_ANSWERS = "wrong_answers", "Which answers were wrong, without the key"
    KEY_AFTER_PASSING = "key_after_passing", "Key and rationales after passing"
    KEY_WHEN_NO_ATTEMPTS_LEFT = "key_when_no_attempts_left", "Key and rationales when no attempts are left"
    WRONG_THEN_KEY = (
        "wrong_then_key",
        "Which were wrong and why the right ones are right; the full key after passing or when no attempts are left",
    )
    EVERYTHING = "everything", "Everything after each attempt (not for a post-test)"


POST_TEST_SHOWS_NOT_EVERYTHING = (
    "A post-test decides credit, so it cannot show every answer after each attempt: a learner who fails would "
    "see the key before trying again. Choose another feedback policy."
)


class MultipleResponseScoring(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", "All or nothing"
    PARTIAL = "partial", "Partial credit"


class QuizQuerySet(models.QuerySet):
    def live(self):
        """Quizzes learners may see: published, in their approved version (the row holds it; drafts
        wait in revisions)."""
        return self.filter(live=True)


class Quiz(
    GuardedPublication, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    title = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=QuizRole.choices)
    course = models.ForeignKey(
        "cme_courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quizzes",
        help_text="For a pre-test or post-test: the activity it belongs to.",
    )
    module = models.ForeignKey(
        "cme_courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knowledge_checks",
        help_text="For a knowledge check: the module it follows.",
    )
    instructions = models.TextField(blank=True)
    passing_score = models.PositiveSmallIntegerField(
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Percent needed to pass, shown to learners before they start. 0 for an ungraded pre-test.",
    )
    max_attempts = models.PositiveSmallIntegerField(default=0, help_text="0 allows unlimited attempts.")
    question_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Questions drawn at random for each attempt; blank asks every question.",
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)
    multiple_response_scoring = models.CharField(
        max_length=20, choices=MultipleResponseScoring.choices, default=MultipleResponseScoring.ALL_OR_NOTHING
    )
    feedback_policy = models.CharField(
        max_length=30,
        choices=FeedbackPolicy.choices,
        default=FeedbackPolicy.WRONG_THEN_KEY,
        help_text="What learners see of a graded attempt: score, which answers were wrong, the key and rationales.",
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Blank for no time limit."
    )
    shares_post_test_items = models.BooleanField(
        default=False,
        verbose_name="May share items with the post-test",
        help_text=(
            "Pre-test only. Off: the pre-test and the post-test may not hold the same item. On: they may, and "
            "the pre-test then shows only the score for items the post-test can draw, never their key or rationale."
        ),
    )
    curriculum_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    curriculum_loaded_at = models.DateTimeField(
        null=True, editable=False, help_text="Equal to updated_at while nobody has edited the loaded quiz."
    )
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="quiz")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="quiz",
        for_concrete_model=False,
    )

    objects = QuizQuerySet.as_manager()

    base_form_class = QuizForm
    panels = [
        BankWarningsPanel(heading="Bank warnings"),
        FieldPanel("title"),
        MultiFieldPanel([FieldPanel("role"), FieldPanel("course"), FieldPanel("module")], heading="Attached to"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("passing_score"), FieldPanel("max_attempts"), FieldPanel("time_limit_minutes")]
                ),
                FieldRowPanel(
                    [FieldPanel("question_count"), FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]
                ),
                FieldRowPanel([FieldPanel("multiple_response_scoring"), FieldPanel("feedback_policy")]),
                FieldPanel("shares_post_test_items"),
            ],
            heading="Settings",
        ),
        InlinePanel("questions", heading="Question bank", label="Question"),
        InlinePanel(
            "draws",
            heading="Questions drawn from shared banks",
            label="Draw",
            help_text="Each attempt also draws this many items from a shared question bank.",
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name_plural = "quizzes"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(passing_score__gte=0, passing_score__lte=100), name="quiz_pass_mark_percent"
            ),
            models.CheckConstraint(
                condition=Q(question_count__isnull=True) | Q(question_count__gte=1), name="quiz_draws_questions"
            ),
            models.CheckConstraint(
                condition=Q(time_limit_minutes__isnull=True) | Q(time_limit_minutes__gte=1),
                name="quiz_time_limit_positive",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role=QuizRole.KNOWLEDGE_CHECK, module__isnull=False, course__isnull=True)
                    | Q(role__in=[QuizRole.PRE_TEST, QuizRole.POST_TEST], course__isnull=False, module__isnull=True)
                ),
                name="quiz_attached_by_role",
            ),
            models.CheckConstraint(
                condition=~Q(role=QuizRole.POST_TEST, feedback_policy=FeedbackPolicy.EVERYTHING),
                name="post_test_never_shows_everything",
            ),
            models.UniqueConstraint(
                fields=["course", "role"], condition=Q(course__isnull=False), name="one_quiz_per_course_role"
            ),
            models.UniqueConstraint(
                fields=["module"], condition=Q(module__isnull=False), name="one_knowledge_check_per_module"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    # A live credit activity's post-test stays live and stays a post-test (quizzes/post_test_guard.py).
    publish_refusal = unpublish_refusal = PostTestKept

    def publication_problems(self, version):
        return post_test_loss_problems(self, becoming=version)

    def unpublication_problems(self):
        return post_test_loss_problems(self)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if problems := post_test_loss_problems(self):
                raise PostTestKept(problems)
            return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.role == QuizRole.POST_TEST and self.feedback_policy == FeedbackPolicy.EVERYTHING:
            raise ValidationError({"feedback_policy": POST_TEST_SHOWS_NOT_EVERYTHING})

    @property
    def is_credit_bearing(self):
        """A post-test decides credit, so its key is guarded (docs/quizzes.md, feedback policies)."""
        return self.role == QuizRole.POST_TEST

    @property
    def attempts_unlimited(self):
        return self.max_attempts == 0

    def draw_size(self, bank_size):
        return min(self.question_count or bank_size, bank_size)

    def all_items(self):
        """Every item an attempt can serve: the quiz's own, then those of the banks it draws from."""
        banks = list(dict.fromkeys(self.draws.values_list("bank_id", flat=True)))
        drawn = sorted(
            Question.objects.filter(bank_id__in=banks),
            key=lambda question: (banks.index(question.bank_id), question.sort_order or 0, question.pk),
        )
        return [*self.questions.all(), *drawn]


class Question(Orderable):
    """One item in a quiz's own bank or in a shared question bank, never both. `key` is its identity
    across edits, revisions and reloads."""

    quiz = ParentalKey(Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="questions")
    bank = ParentalKey(
        "cme_quizzes.QuestionBank", null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    key = models.CharField(max_length=64, default=new_question_key, editable=False)
    kind = models.CharField(
        max_length=20,
        choices=rules.QuestionKind.choices,
        default=rules.QuestionKind.SINGLE,
    )
    stem = RichTextField(features=["bold", "italic", "ol", "ul", "superscript", "subscript"])
    choices = StreamField(
        [
            (
                "choice",
                blocks.StructBlock(
                    [("text", blocks.CharBlock(max_length=500)), ("correct", blocks.BooleanBlock(required=False))]
                ),
            )
        ],
        help_text="Each choice keeps its identity when reworded, so past answers stay attached to it.",
    )
    rationale = models.TextField(help_text="Why the answer is right, shown as the feedback policy allows.")
    reference = models.CharField(max_length=500, blank=True, help_text="Source, e.g. an article cited by the module.")
    objectives = models.JSONField(
        default=list,
        blank=True,
        help_text="The activity's learning objectives this item assesses (their stable ids).",
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("objectives"),
        FieldPanel("stem"),
        FieldPanel("choices"),
        FieldPanel("rationale"),
        FieldPanel("reference"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["quiz", "key"], name="question_key_unique_per_quiz"),
            models.UniqueConstraint(
                fields=["bank", "key"], condition=Q(bank__isnull=False), name="question_key_unique_per_bank"
            ),
            models.CheckConstraint(
                condition=Q(quiz__isnull=False, bank__isnull=True) | Q(quiz__isnull=True, bank__isnull=False),
                name="question_in_quiz_or_bank",
            ),
        ]

    def __str__(self):
        return (
            f"{self.quiz or self.bank}: question {self.sort_order + 1 if self.sort_order is not None else ''}".strip()
        )

    def choice_pairs(self):
        return [(block.value["text"], bool(block.value["correct"])) for block in self.choices]

    def correct_choice_ids(self):
        return sorted(block.id for block in self.choices if block.value["correct"])
