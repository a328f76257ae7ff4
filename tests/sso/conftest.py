import pytest

from .provider import Provider


@pytest.fixture(scope="session")
def provider():
    provider = Provider()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def expiring_provider():
    """A provider whose clock is two hours slow: its ID tokens (valid for an hour) arrive expired."""
    provider = Provider(clock_behind=7200)
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, provider):
    settings.LMS = {"OIDC": provider.settings()}
    return provider
