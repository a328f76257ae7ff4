import pytest

from tests.factories import UserFactory, make_catalog, make_course, make_home, make_quiz


@pytest.fixture
def course(db):
    return make_course(make_catalog(make_home()))


@pytest.fixture
def quiz(course):
    return make_quiz(course, shuffle_questions=False, shuffle_choices=False)


@pytest.fixture
def learner(db):
    return UserFactory(username="learner")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
