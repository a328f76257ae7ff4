"""When to try a delivery again: exponential backoff with full jitter, for at most a day."""

import random
from datetime import datetime, timedelta

BASE_DELAY = 30  # seconds before the first retry, at most
MAX_DELAY = 3600  # seconds: a portal that is down for hours is still tried about twice an hour
DELIVERY_WINDOW = timedelta(hours=24)


def backoff(attempts: int) -> float:
    """Seconds to wait after the `attempts`-th failure: uniform in [0, min(1 h, 30 s * 2**(attempts - 1))].

    Full jitter, because when a portal comes back after an outage its pending deliveries should
    arrive spread out, not all in the same second.
    """
    ceiling = min(MAX_DELAY, BASE_DELAY * 2 ** (max(attempts, 1) - 1))
    return random.uniform(0, ceiling)  # noqa: S311 (spreading retries, not a secret)


def next_attempt_at(attempts: int, now: datetime, give_up_at: datetime) -> datetime | None:
    """When to try again after a failed attempt, or None to give up.

    The last retry is moved to `give_up_at` rather than dropped, so a delivery that was waiting
    while the worker was down still gets one more try before it is marked failed.
    """
    if now >= give_up_at:
        return None
    return min(now + timedelta(seconds=backoff(attempts)), give_up_at)
