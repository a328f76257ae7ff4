"""The site as an LTI 1.3 / LTI Advantage tool (pylti1p3): platforms launch activities, pick them by deep
linking, and get scores back through Assignment and Grade Services (the `lti_grade` outbox channel).

Platforms are registered in the Wagtail admin (`LtiPlatform`); the tool's keys are `LtiToolKey`
rows whose private halves are PEM files in the private storage (keys.py). docs/lti.md.
"""
