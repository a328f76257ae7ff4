"""The `xapi` channel of the outbox: POST waiting statements, in the order written, to the store.

The store keeps a statement once by its id (xAPI 1.0.3: a store compares a statement id it
already holds with what it has and refuses only a different statement), so a batch sent again
after a lost answer changes nothing there.
"""

import requests
from django.core.exceptions import ImproperlyConfigured

from lms.models import XapiStatement
from lms.outbox.channels import Channel, register

from .config import xapi_config

CHANNEL = "xapi"
BATCH_SIZE = 50
XAPI_VERSION = "1.0.3"
MAX_REPLY_CHARACTERS = 300
# Answers about the statements themselves: invalid (400, or 422 from stores built on FastAPI),
# an id the store holds with other content (409), a batch too large (413).
REFUSED_STATEMENTS = frozenset({400, 409, 413, 422})


def post_statements(deliveries: list[XapiStatement]) -> list[tuple[int | None, str]]:
    """POST the statements as one array: one (HTTP status or None, error text or "") per delivery."""
    try:
        config = xapi_config()
    except ImproperlyConfigured as error:
        return [(None, str(error))] * len(deliveries)
    if config is None:
        return [(None, 'xAPI is off (LMS["XAPI"] is not set); the statement waits until it is on.')] * len(deliveries)
    try:
        response = requests.post(
            config.statements_url,
            json=[delivery.statement for delivery in deliveries],
            auth=(config.username, config.password) if config.username else None,
            headers={"X-Experience-API-Version": XAPI_VERSION},
            timeout=config.timeout,
            # A redirect would turn the POST into a GET; the endpoint is set to the final address.
            allow_redirects=False,
        )
    except requests.RequestException as error:
        return [(None, f"{type(error).__name__}: {error}")] * len(deliveries)
    if 200 <= response.status_code < 300:
        return [(response.status_code, "")] * len(deliveries)
    if response.status_code in REFUSED_STATEMENTS and len(deliveries) > 1:
        # The store refuses a whole batch for one statement it will not take: each alone, so the
        # others are kept and the refused one carries the store's reason.
        return [post_statements([delivery])[0] for delivery in deliveries]
    excerpt = " ".join(response.text[:MAX_REPLY_CHARACTERS].split())
    return [(response.status_code, f"HTTP {response.status_code}: {excerpt}")] * len(deliveries)


register(
    Channel(
        name=CHANNEL,
        deliveries=lambda: XapiStatement.objects.all(),
        send=lambda delivery: post_statements([delivery])[0],
        send_batch=post_statements,
        batch_size=BATCH_SIZE,
    )
)
