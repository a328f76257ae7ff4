"""Webhook signatures and the retry schedule: pure functions, no database."""

import hashlib
import hmac
import time

from lms.outbox.retry import BASE_DELAY, MAX_DELAY, backoff
from lms.webhooks.signing import sign, signature_headers, verify

SECRET = "portal-secret"


def test_sign_is_hex_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(b"key", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert sign("key", 1700000000, b'{"a":1}') == expected


def test_verify_accepts_a_correctly_signed_body():
    body = b'{"id":"e1"}'
    headers = signature_headers(SECRET, body)
    assert headers["X-CME-Signature"].startswith("v1=")
    assert verify(SECRET, body, headers)
    assert verify(SECRET, body, {name.lower(): value for name, value in headers.items()})


def test_verify_rejects_a_changed_body_a_wrong_secret_and_old_or_future_timestamps():
    body = b'{"id":"e1"}'
    now = time.time()
    headers = signature_headers(SECRET, body, now=now)
    assert not verify(SECRET, b'{"id":"e2"}', headers, now=now)
    assert not verify("another-secret", body, headers, now=now)
    assert not verify(SECRET, body, headers, now=now + 301)
    assert verify(SECRET, body, headers, now=now + 299)
    assert not verify(SECRET, body, signature_headers(SECRET, body, now=now + 600), now=now)
    assert not verify(SECRET, body, {"X-CME-Timestamp": str(int(now))}, now=now)
    assert not verify(SECRET, body, {**headers, "X-CME-Signature": headers["X-CME-Signature"].replace("v1", "v0")})


def test_backoff_grows_exponentially_up_to_an_hour_with_full_jitter(monkeypatch):
    monkeypatch.setattr("lms.outbox.retry.random.uniform", lambda low, high: high)
    assert [backoff(n) for n in (1, 2, 3, 8, 50)] == [BASE_DELAY, 2 * BASE_DELAY, 4 * BASE_DELAY, MAX_DELAY, MAX_DELAY]
    monkeypatch.setattr("lms.outbox.retry.random.uniform", lambda low, high: low)
    assert backoff(5) == 0
