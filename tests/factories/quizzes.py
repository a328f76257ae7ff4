"""Quizzes, question banks and their items: factory_boy factories, and the `make_*` shorthands."""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from content.publishing import publish_snippet
from quizzes.models import Question, QuestionBank, Quiz, QuizRole

from .courses import CourseFactory

# Four items, one of each kind a post-test mixes: [(kind, choice specs)].
QUIZ_QUESTIONS = [
    ("single", ("q1a", "+q1b", "q1c")),
    ("single", ("+q2a", "q2b", "q2c")),
    ("true_false", ("+q3true", "q3false")),
    ("multiple", ("+q4a", "+q4b", "q4c", "q4d")),
]
BANK_QUESTIONS = [("single", ("a", "+b")), ("multiple", ("+c", "+d", "e"))]


def choices(*specs):
    """choices("a", "+b") -> two choices, the second correct, with ids a and b."""
    blocks = []
    for spec in specs:
        correct = spec.startswith("+")
        text = spec.lstrip("+")
        blocks.append({"type": "choice", "value": {"text": text, "correct": correct}, "id": text})
    return blocks


class QuestionFactory(DjangoModelFactory):
    """An item of a quiz or a bank; `choice_specs` as `choices()` reads them."""

    class Meta:
        model = Question

    class Params:
        choice_specs = ("a", "+b")

    key = factory.Sequence(lambda n: f"item-{n + 1}")
    sort_order = 0
    kind = "single"
    stem = factory.Sequence(lambda n: f"<p>Stem {n + 1}</p>")
    choices = factory.LazyAttribute(lambda question: choices(*question.choice_specs))
    rationale = "Because."
    objectives = factory.LazyFunction(list)


class QuizFactory(DjangoModelFactory):
    """A quiz with its items (`questions`: [(kind, choice specs)], QUIZ_QUESTIONS by default),
    published as a first revision (live) unless `publish=False` (a draft)."""

    class Meta:
        model = Quiz

    course = factory.SubFactory(CourseFactory)
    role = QuizRole.POST_TEST
    title = factory.LazyAttribute(lambda quiz: f"{quiz.role} of {quiz.course.title}")

    @classmethod
    def _create(cls, model_class, *args, questions=None, publish=True, **kwargs):
        quiz = super()._create(model_class, *args, live=publish, **kwargs)
        # Every item assesses every objective of the activity, so a post-test's blueprint is filled.
        objectives = [block.id for block in quiz.course.learning_objectives]
        for order, (kind, choice_specs) in enumerate(QUIZ_QUESTIONS if questions is None else questions):
            QuestionFactory(
                quiz=quiz,
                key=f"k{order + 1}",
                sort_order=order,
                kind=kind,
                stem=f"<p>Stem {order + 1}</p>",
                choice_specs=choice_specs,
                rationale=f"Rationale {order + 1}",
                reference="An article",
                objectives=objectives,
            )
        if publish:
            publish_snippet(quiz)
        return quiz


class QuestionBankFactory(DjangoModelFactory):
    """A bank with `questions` [(kind, choice specs)], BANK_QUESTIONS by default: stems
    "<name> item 1", ..., keys "<slug>-1", ..., each assessing `objectives`."""

    class Meta:
        model = QuestionBank

    name = factory.Sequence(lambda n: f"Bank {n + 1}")
    course = None
    role = ""

    @classmethod
    def _create(cls, model_class, *args, questions=None, objectives=(), **kwargs):
        bank = super()._create(model_class, *args, **kwargs)
        for order, (kind, choice_specs) in enumerate(BANK_QUESTIONS if questions is None else questions):
            QuestionFactory(
                bank=bank,
                key=f"{slugify(bank.name)}-{order + 1}",
                sort_order=order,
                kind=kind,
                stem=f"<p>{bank.name} item {order + 1}</p>",
                choice_specs=choice_specs,
                rationale=f"Because {order + 1}",
                objectives=list(objectives),
            )
        return bank


def make_quiz(course, role=QuizRole.POST_TEST, questions=None, publish=True, **settings):
    return QuizFactory(course=course, role=role, questions=questions, publish=publish, **settings)


def make_bank(name="Shared bank", course=None, role="", questions=None, objectives=None):
    objectives = () if objectives is None else objectives
    return QuestionBankFactory(name=name, course=course, role=role, questions=questions, objectives=objectives)
