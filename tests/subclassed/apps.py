from django.apps import AppConfig


class SubclassedConfig(AppConfig):
    """A host site's own app that extends the activity page, installed by the test settings only."""

    name = "tests.subclassed"
    label = "subclassed"
    default_auto_field = "django.db.models.BigAutoField"
