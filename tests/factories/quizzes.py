from django.utils.text import slugify

from content.publishing import publish_snippet
from quizzes.models import Question, QuestionBank, Quiz, QuizRole


def choices(*specs):
    """choices("a", "+b") -> two choices, the second correct, with ids a and b."""
    blocks = []
    for spec in specs:
        correct = spec.startswith("+")
        text = spec.lstrip("+")
        blocks.append({"type": "choice", "value": {"text": text, "correct": correct}, "id": text})
    return blocks


def make_quiz(course, role=QuizRole.POST_TEST, questions=None, publish=True, **settings):
    """A quiz with its bank, published as a first revision (live) unless `publish` is false (a draft)."""
    quiz = Quiz.objects.create(title=f"{role} of {course.title}", role=role, course=course, live=publish, **settings)
    specs = (
        questions
        if questions is not None
        else [
            ("single", ("q1a", "+q1b", "q1c")),
            ("single", ("+q2a", "q2b", "q2c")),
            ("true_false", ("+q3true", "q3false")),
            ("multiple", ("+q4a", "+q4b", "q4c", "q4d")),
        ]
    )
    # Every item assesses every objective of the activity, so a post-test's blueprint is filled.
    objectives = [block.id for block in course.learning_objectives]
    for order, (kind, choice_specs) in enumerate(specs):
        Question.objects.create(
            quiz=quiz,
            key=f"k{order + 1}",
            sort_order=order,
            kind=kind,
            stem=f"<p>Stem {order + 1}</p>",
            choices=choices(*choice_specs),
            rationale=f"Rationale {order + 1}",
            reference="An article",
            objectives=objectives,
        )
    if publish:
        publish_snippet(quiz)
    return quiz


def make_bank(name="Shared bank", course=None, role="", questions=None, objectives=None):
    """A question bank with `questions` [(kind, choice specs)]: stems "<name> item 1", ..., keys "<slug>-1", ..."""
    bank = QuestionBank.objects.create(name=name, course=course, role=role)
    specs = questions if questions is not None else [("single", ("a", "+b")), ("multiple", ("+c", "+d", "e"))]
    for order, (kind, choice_specs) in enumerate(specs):
        Question.objects.create(
            bank=bank,
            key=f"{slugify(name)}-{order + 1}",
            sort_order=order,
            kind=kind,
            stem=f"<p>{name} item {order + 1}</p>",
            choices=choices(*choice_specs),
            rationale=f"Because {order + 1}",
            objectives=list(objectives if objectives is not None else []),
        )
    return bank
