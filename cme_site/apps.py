from django.apps import AppConfig


class CmeSiteConfig(AppConfig):
    """The demonstration site around the plugin: settings, root URLs, WSGI, its home page and demo
    accounts. Host sites never list it; they wire the plugin in their own settings (docs/install.md)."""

    name = "cme_site"
    label = "cme_site"
    verbose_name = "CME demo site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .home import ensure_home_page_after_migrate

        post_migrate.connect(ensure_home_page_after_migrate, sender=self)
