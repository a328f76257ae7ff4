"""Attempts: history. Started once, graded once, never edited after submission."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .quiz import Question, Quiz


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField(help_text="1 for the learner's first attempt at this quiz.")
    status = models.CharField(max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS)
    seed = models.BigIntegerField(help_text="Seeds the draw and the shuffles, so the order survives a reload.")
    presented = models.JSONField(
        help_text="The questions as drawn and ordered for this attempt, with the key used to grade them."
    )
    passing_score = models.PositiveSmallIntegerField(help_text="The pass mark in force when the attempt started.")
    partial_credit = models.BooleanField(
        default=False,
        help_text="Select-all-that-apply questions earn partial credit: the quiz's rule when the attempt started.",
    )
    quiz_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The published version of the quiz the attempt was drawn from.",
    )
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    score_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number_unique_per_learner"),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(status=AttemptStatus.IN_PROGRESS),
                name="one_open_attempt_per_learner",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_positive"),
            models.CheckConstraint(
                condition=Q(
                    status=AttemptStatus.IN_PROGRESS,
                    submitted_at__isnull=True,
                    score_percent__isnull=True,
                    passed__isnull=True,
                )
                | Q(
                    status=AttemptStatus.SUBMITTED,
                    submitted_at__isnull=False,
                    score_percent__isnull=False,
                    passed__isnull=False,
                ),
                name="attempt_graded_exactly_when_submitted",
            ),
            models.CheckConstraint(
                condition=Q(score_percent__isnull=True) | Q(score_percent__gte=0, score_percent__lte=100),
                name="attempt_score_percent",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status", "score_percent"])]

    def __str__(self):
        return f"{self.quiz} · {self.user} · attempt {self.number}"

    @property
    def is_submitted(self):
        return self.status == AttemptStatus.SUBMITTED


class Answer(models.Model):
    """The learner's answer to one presented question, graded when the attempt was submitted."""

    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="answers")
    position = models.PositiveSmallIntegerField(help_text="1-based place of the question in the attempt.")
    question = models.ForeignKey(Question, null=True, on_delete=models.SET_NULL, related_name="answers")
    question_key = models.CharField(max_length=64)
    selected = models.JSONField(default=list, help_text="Ids of the choices the learner selected.")
    credit = models.DecimalField(max_digits=4, decimal_places=3, help_text="0 to 1: the share of the point earned.")
    correct = models.BooleanField()

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="answer_once_per_position"),
            models.CheckConstraint(condition=Q(credit__gte=0, credit__lte=1), name="answer_credit_fraction"),
        ]

    def __str__(self):
        return f"Answer {self.position} of attempt #{self.attempt_id}"
