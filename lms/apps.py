from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LmsConfig(AppConfig):
    name = "lms"
    label = "cme_lms"
    verbose_name = "Learner records"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, receivers  # noqa: F401  (registers system checks; connects the quiz-graded receiver)
        from .api import schema  # noqa: F401  (registers the API key scheme with drf-spectacular)
        from .lti import receivers as lti_receivers  # noqa: F401  (the lti_grade channel; grades on completion)
        from .services.roles import ensure_roles_after_migrate
        from .webhooks import delivery  # noqa: F401  (registers the webhook channel of the outbox)
        from .xapi import receivers as xapi_receivers  # noqa: F401  (the xapi channel; statements on records)

        post_migrate.connect(ensure_roles_after_migrate, sender=self)
