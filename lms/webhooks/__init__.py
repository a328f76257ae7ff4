"""Webhooks to member portals: a transactional outbox, HMAC signing, and delivery with retries.

`outbox.emit` records an event inside the caller's transaction; `tasks.deliver_webhook` sends one
delivery; `sweep.requeue_due_deliveries` re-queues what a stopped worker left behind.
"""
