import pytest

from lms.models import Enrollment
from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz


@pytest.fixture
def course(db):
    course = make_course(
        make_catalog(make_home()), slug="records", title="Records course", credit="0.75", estimated_minutes=45
    )
    make_module(course, slug="m1", title="Module one")
    make_module(course, slug="m2", title="Module two")
    make_module(course, slug="extra", title="Optional extra", required=False)
    make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False, max_attempts=3)
    return course


@pytest.fixture
def member(course):
    member = MemberFactory(user__username="doc", first_name="Ada", last_name="Lovelace", npi="1234567893")
    Enrollment.objects.create(member=member, course=course)
    return member


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
