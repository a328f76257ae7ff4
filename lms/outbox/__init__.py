"""The transactional outbox: every message to another system leaves through it.

A service writes a delivery row (a concrete `OutboundDelivery`) in its own transaction, so nothing
is sent for a change that rolled back; after commit one task per delivery is queued
(`enqueue_after_commit`). The task claims the delivery under a lease, asks its channel to send it,
and records the outcome; a failure is retried with jittered backoff until the channel's window
ends. `sweep.requeue_due_deliveries` (run by `manage.py deliver_outbox --loop`) queues again the
deliveries whose task was lost. Receivers must deduplicate: delivery is at least once.

A channel (channels.py) names its delivery model and how one delivery is sent; webhooks to portals
(lms/webhooks/), grades to LTI platforms (lms/lti/grades.py) and xAPI statements to the learning
record store (lms/xapi/) are channels. A channel with a single receiver may send its deliveries in
batches: the task then takes the oldest waiting deliveries along with its own, in the order written.
"""
