import pytest

from tests.factories import CourseFactory, QuizFactory, enrolled_learner


@pytest.fixture
def bare_activity(db):
    return CourseFactory(slug="sample-course")


@pytest.fixture
def quiz(bare_activity):
    return QuizFactory(course=bare_activity, shuffle_questions=False, shuffle_choices=False)


@pytest.fixture
def learner(bare_activity):
    return enrolled_learner(bare_activity, "learner")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
