"""Admin screens for the reference data behind CME activities."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import activity_copy, authoring_checks, disclosure_file
from .mitigation_check import mitigation_problems
from .models import Board, CoursePage, CreditType, Person, Track
from .publishing_checks import HOOK, publish_problems

for model in (Track, CreditType, Board, Person):
    register_permission_policy(model)


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CreditTypeViewSet(SnippetViewSet):
    model = CreditType
    icon = "pick"
    list_display = ["name", "code", "unit", "hour_based", "eligible_degrees_display"]


class BoardViewSet(SnippetViewSet):
    model = Board
    icon = "group"
    menu_label = "Certifying boards"
    list_display = ["code", "name", "all_or_nothing"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Faculty and disclosures"
    list_display = ["name", "credentials", "affiliation", "no_relevant_relationships", LiveStatusTagColumn()]
    search_fields = ["name", "affiliation"]


class CMEReferenceGroup(SnippetViewSetGroup):
    menu_label = "CME set-up"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (TrackViewSet, CreditTypeViewSet, BoardViewSet, PersonViewSet)


register_snippet(CMEReferenceGroup)


@hooks.register(HOOK)
def relevant_relationships_mitigated(page):
    return mitigation_problems(page)


hooks.register(HOOK, authoring_checks.dates_set)
hooks.register(HOOK, authoring_checks.not_a_template)


@hooks.register("before_publish_page")
def refuse_unpublishable_activity(request, page):
    """Keep the editor's draft and say what stops it being published, instead of publishing it."""
    if not isinstance(page, CoursePage):
        return None
    problems = publish_problems(page)
    if not problems:
        return None
    if page.live and page.live_revision_id is None:  # a page just created to be published stays a draft
        page.live = False
        page.has_unpublished_changes = True
        page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
    for problem in problems:
        messages.error(request, f"Not published: {problem}")
    return redirect("wagtailadmin_pages:edit", page.pk)


hooks.register("register_page_header_buttons", disclosure_file.header_button)
hooks.register("register_page_header_buttons", activity_copy.template_buttons)
hooks.register("register_page_listing_more_buttons", activity_copy.template_buttons)
hooks.register("before_copy_page", activity_copy.send_activity_copies_here)


@hooks.register("register_admin_urls")
def register_disclosure_file_urls():
    return [
        path(
            "cme/activities/<int:page_id>/disclosures/",
            disclosure_file.published_disclosures,
            name="courses_published_disclosures",
        ),
        path("cme/activities/<int:page_id>/copy/", activity_copy.copy_view, name="courses_copy_activity"),
    ]
