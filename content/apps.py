from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    label = "cme_content"
    verbose_name = "CME content"
    default_auto_field = "django.db.models.BigAutoField"
