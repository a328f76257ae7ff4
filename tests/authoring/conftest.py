import pytest

from tests.factories import make_catalog, make_home


@pytest.fixture
def catalog(db):
    return make_catalog(make_home())
