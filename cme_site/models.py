from django.db import models
from wagtail.admin.panels import FieldPanel

from courses.models import CourseCatalogPage
from courses.models.base import Page
from courses.routing import RemembersRoutes


class HomePage(RemembersRoutes, Page):
    """The society's CME home: a welcome and the way into the catalog."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    template = "cme_site/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalog"] = CourseCatalogPage.objects.live().public().first()
        return context
