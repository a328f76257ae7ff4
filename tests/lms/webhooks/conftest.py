"""The webhook tests' fixtures: a real HTTP receiver, and a task queue that records tasks so each
test runs them when it chooses."""

import pytest
from django_tasks import default_task_backend

from .support import Receiver


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


@pytest.fixture(autouse=True)
def tasks(settings):
    """Queued tasks are recorded, not run: each test runs them when it chooses."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


@pytest.fixture
def no_loopback(settings):
    """Loopback receivers refused, as in production (tests otherwise allow them for local receivers)."""
    settings.CME_WEBHOOK_ALLOW_LOOPBACK = False
