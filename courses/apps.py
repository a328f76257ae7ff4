from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    label = "cme_courses"
    verbose_name = "CME activities"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import content_version, disclosures, unpublication

        content_version.connect_receivers()
        disclosures.connect_receivers()
        unpublication.connect_receivers()
