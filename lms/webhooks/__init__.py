"""Webhooks to member portals: the outbox's first channel, with HMAC signing and scoped fan-out.

`outbox.emit` records an event and one delivery per listening portal inside the caller's
transaction; `delivery.post` sends one delivery when the outbox (lms/outbox/) asks it to.
"""
