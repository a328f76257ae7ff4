import pytest
from django_tasks import default_task_backend

from .platform import Platform


@pytest.fixture
def platform():
    platform = Platform()
    yield platform
    platform.stop()


@pytest.fixture
def tasks(settings):
    """Queued outbox tasks are recorded, not run: a test runs them when it chooses."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


# The activity (modules, post-test) and its enrolled member, as the learner-record tests use them.
from tests.lms.conftest import activity_with_optional_module, member  # noqa: E402, F401
