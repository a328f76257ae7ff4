"""The catalog page: the society's activities, filtered by track, format, credit and words."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from wagtail.admin.panels import FieldPanel
from wagtail.models import get_page_models

from ..catalog_filters import CatalogFilterForm
from ..routing import TypedChildRouting
from .base import Page
from .pages import CoursePage, CreditDesignation


class CourseCatalogPage(TypedChildRouting, Page):
    """Lists the published CME activities below it, filterable by track and credit."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cme_courses.CoursePage"]
    template = "courses/course_catalog_page.html"

    @classmethod
    def allowed_subpage_models(cls):
        """Activities, including a site's own subclasses of CoursePage."""
        return [model for model in get_page_models() if issubclass(model, CoursePage)]

    def route_child_queryset(self):
        return CoursePage.objects.child_of(self).select_related("track")

    def get_course_queryset(self):
        return (
            CoursePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(is_template=False)
            .select_related("track")
            .prefetch_related(
                Prefetch("credit_designations", queryset=CreditDesignation.objects.select_related("credit_type"))
            )
            .order_by("title")
        )

    def filter_courses(self, courses, track=None, min_credit=None, query=None, learning_format=None):
        if learning_format:
            courses = courses.filter(learning_format=learning_format)
        if track:
            courses = courses.filter(track__slug=track)
        if min_credit is not None:
            courses = courses.filter(
                Exists(CreditDesignation.objects.filter(page=OuterRef("pk"), max_amount__gte=min_credit))
            )
        if query:
            courses = courses.filter(CoursePage.search_filter(query))
        return courses

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = CatalogFilterForm(request.GET or None)
        courses = self.get_course_queryset()
        if form.is_valid():
            track = form.cleaned_data.get("track")
            courses = self.filter_courses(
                courses,
                track=track.slug if track else None,
                min_credit=form.cleaned_data.get("credit"),
                query=form.cleaned_data.get("q"),
                learning_format=form.cleaned_data.get("format"),
            )
        context.update(courses=courses, filter_form=form)
        return context
