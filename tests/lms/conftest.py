import pytest

from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import CourseFactory, EnrollmentFactory, ModuleFactory, QuizFactory


@pytest.fixture
def activity_with_optional_module(db):
    course = CourseFactory(slug="records", title="Records course", credit="0.75", estimated_minutes=45)
    ModuleFactory(parent=course, slug="m1", title="Module one")
    ModuleFactory(parent=course, slug="m2", title="Module two")
    ModuleFactory(parent=course, slug="extra", title="Optional extra", required=False)
    QuizFactory(course=course, shuffle_questions=False, shuffle_choices=False, max_attempts=3)
    return course


@pytest.fixture
def member(activity_with_optional_module):
    return EnrollmentFactory(
        course=activity_with_optional_module,
        member__user__username="doc",
        member__first_name="Ada",
        member__last_name="Lovelace",
        member__npi="1234567893",
    ).member


def pass_post_test(member, course, correct=True):
    quiz = course.quizzes.get(role=QuizRole.POST_TEST)
    attempt = start_attempt(quiz, member.user)
    selections = {
        position: (question["correct"] if correct else []) for position, question in enumerate(attempt.presented, 1)
    }
    return submit_attempt(attempt.pk, member.user, selections)


EVALUATION = {
    "relevance": 5,
    "practice_change": "yes",
    "commitment_to_change": "Refer earlier.",
    "free_of_commercial_bias": True,
    "bias_comment": "",
    "overall_quality": 4,
    "comments": "",
}


def evaluation_answers(course, **changes):
    answers = {**EVALUATION, "objective_ratings": {block.id: 5 for block in course.learning_objectives}}
    answers.update(changes)
    return answers
