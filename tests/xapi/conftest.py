import pytest

from lms.models import DeliveryStatus, XapiStatement
from lms.outbox.sending import deliver_with_batch
from lms.xapi.delivery import CHANNEL

from .ralph import RALPH, Ralph

SITE_URL = "https://cme.example.org"


@pytest.fixture(scope="session")
def ralph_server(tmp_path_factory):
    if not RALPH.exists():
        pytest.skip(
            "Ralph is not installed in .ralph-venv: run `make ralph` (make test does) to test against a real LRS"
        )
    server = Ralph(tmp_path_factory.mktemp("ralph"))
    yield server
    server.stop()


@pytest.fixture
def lrs(ralph_server, settings):
    """The site sends every learner event to an empty Ralph."""
    if ralph_server.process is None:
        ralph_server.start()
    ralph_server.forget()
    settings.LMS = {**getattr(settings, "LMS", {}), "SITE_URL": SITE_URL, "XAPI": ralph_server.settings()}
    return ralph_server


@pytest.fixture
def xapi_on(settings):
    """xAPI on, towards a store nobody listens at: for what is written, not what arrives."""
    settings.LMS = {
        **getattr(settings, "LMS", {}),
        "SITE_URL": SITE_URL,
        "XAPI": {"ENDPOINT": "http://127.0.0.1:9/xAPI", "USERNAME": "u", "PASSWORD": "p"},
    }


def send_waiting():
    """What the outbox worker does when the oldest waiting statement's task runs: one batch."""
    first = XapiStatement.objects.filter(status=DeliveryStatus.PENDING).order_by("pk").first()
    return deliver_with_batch(CHANNEL, first.pk) if first else []


# The activity (modules, post-test) and its enrolled member, as the learner-record tests use them.
from tests.lms.conftest import activity_with_optional_module  # noqa: E402, F401
