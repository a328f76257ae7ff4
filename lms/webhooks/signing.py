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


def signature_headers(secrets: str | list[str], body: bytes, now: float | None = None) -> dict[str, str]:
    """The timestamp and one `v1=` signature per secret, comma-separated: while a portal's secret is
    rotated, events carry a signature with the new secret and one with the old."""
    timestamp = int(time.time() if now is None else now)
    secrets = [secrets] if isinstance(secrets, str) else secrets
    signatures = ",".join(f"{SCHEME}={sign(secret, timestamp, body)}" for secret in secrets)
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: signatures}


def verify(secret: str, body: bytes, headers, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None) -> bool:
    """True when `headers` carry a valid signature of `body` made within `tolerance` seconds of now.

    `headers` is any mapping with `.items()` (a dict, Django's `request.headers`, the headers of
    `http.server` or `requests`); names are matched case-insensitively.
    """
    found = {name.lower(): value for name, value in headers.items()}
    try:
        timestamp = int(found[TIMESTAMP_HEADER.lower()])
        signatures = [part.strip().partition("=") for part in found[SIGNATURE_HEADER.lower()].split(",")]
    except (KeyError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    # Any one of the signatures made with this secret will do: during a rotation there are two.
    return any(scheme == SCHEME and hmac.compare_digest(expected, signature) for scheme, _, signature in signatures)
