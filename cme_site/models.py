from django.db import models
from wagtail.admin.panels import FieldPanel

from courses.models.base import Page
from courses.routing import RemembersRoutes


class HomePage(RemembersRoutes, Page):
    """The demo society's home: a welcome, then what the plugin's home panel shows (lms/templatetags)."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    template = "cme_site/home_page.html"
