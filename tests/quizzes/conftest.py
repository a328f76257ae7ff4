import pytest

from tests.factories import enrolled_learner, make_catalog, make_course, make_home, make_quiz


@pytest.fixture
def course(db):
    return make_course(make_catalog(make_home()))


@pytest.fixture
def quiz(course):
    return make_quiz(course, shuffle_questions=False, shuffle_choices=False)


@pytest.fixture
def learner(course):
    return enrolled_learner(course, "learner")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
