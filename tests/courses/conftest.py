import pytest

from tests.factories import make_catalog, make_home


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def catalog(home):
    return make_catalog(home)
