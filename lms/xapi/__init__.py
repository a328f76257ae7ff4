"""Learning records for the society's learning record store: xAPI 1.0.3 statements, sent by the outbox.

Learner events (events.py) become statements of the profile in profile.py, written as
`XapiStatement` rows in the transaction of the record they describe (outbox.py); the `xapi`
channel (delivery.py) POSTs them in batches to the store's statements resource. Off unless
`LMS["XAPI"]` names the store (config.py, docs/xapi.md).
"""
