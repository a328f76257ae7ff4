"""HMAC-SHA256 signatures over the timestamp and the exact body bytes.

Signing the timestamp with the body lets a receiver refuse a replayed request: an attacker who
captured one cannot move it to a new time without the secret.
"""

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-CME-Timestamp"
SIGNATURE_HEADER = "X-CME-Signature"
SCHEME = "v1"
DEFAULT_TOLERANCE = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of `"{timestamp}." + body` with the portal's secret."""
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_headers(secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = int(time.time() if now is None else now)
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: f"{SCHEME}={sign(secret, timestamp, body)}"}


def verify(secret: str, body: bytes, headers, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None) -> bool:
    """True when `headers` carry a valid signature of `body` made within `tolerance` seconds of now.

    `headers` is any mapping with `.items()` (a dict, Django's `request.headers`, the headers of
    `http.server` or `requests`); names are matched case-insensitively.
    """
    found = {name.lower(): value for name, value in headers.items()}
    try:
        timestamp = int(found[TIMESTAMP_HEADER.lower()])
        scheme, _, signature = found[SIGNATURE_HEADER.lower()].partition("=")
    except (KeyError, ValueError):
        return False
    current = time.time() if now is None else now
    if scheme != SCHEME or abs(current - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
