"""Admin screens for the reference data behind CME activities."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import accreditation, activity_copy, admin_api, authoring_checks, disclosure_file, unpublication
from . import hooks as cme_hooks
from .mitigation_check import mitigation_problems
from .models import Board, CoursePage, CreditType, ModulePage, Person, Track
from .panels import PUBLICATION_PANEL
from .publication_unit import Part, part_problems, waiting_parts
from .publishing_checks import HOOK, checklist_item, publish_problems

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


# The pre-publish accreditation checklist, in the order the author reads it (quizzes adds the assessment).
for check, label, panel in (
    (accreditation.objective_problems, "Learning objectives", "learning_objectives"),
    (accreditation.disclosure_currency_problems, "Disclosures made within 12 months", "faculty_and_planners"),
    (mitigation_problems, "Relationships mitigated", "mitigation_of_relevant_financial_relationships"),
    (accreditation.credit_problems, "Credit designated for the estimated time", "credit_designation"),
    (accreditation.dates_problems, "Release, review and expiry dates", "dates"),
    (accreditation.statement_problems, "Accreditation and designation statements", "statements"),
    (part_problems, "Modules and tests go live with it", PUBLICATION_PANEL),
):
    hooks.register(HOOK, checklist_item(label, f"panel-child-content-{panel}")(check))


@hooks.register(cme_hooks.ACTIVITY_PARTS)
def activity_modules(activity):
    return [
        Part(module, "module", module.required) for module in ModulePage.objects.child_of(activity).order_by("path")
    ]


hooks.register(
    HOOK, checklist_item("Not a template", "panel-child-content-is_template")(authoring_checks.not_a_template)
)


@hooks.register("before_publish_page")
def publish_activity_as_a_unit(request, page):
    """The editor's Publish button publishes an activity through `CoursePage.publish`, with its modules
    and tests in one transaction; what stops it is shown and the draft kept."""
    if not isinstance(page, CoursePage):
        return None
    problems = publish_problems(page)
    if problems:
        if page.live and page.live_revision_id is None:  # a page just created to be published stays a draft
            page.live = False
            page.has_unpublished_changes = True
            page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
        for problem in problems:
            messages.error(request, f"Not published: {problem}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    with_it = [str(part) for part in waiting_parts(page)]
    page.latest_revision.publish(user=request.user)
    page = CoursePage.objects.get(pk=page.pk)
    for after in hooks.get_hooks("after_publish_page"):
        response = after(request, page)
        if response:
            return response
    if page.live and page.live_revision_id == page.latest_revision_id:
        message = f"Page \u2018{page.get_admin_display_title()}\u2019 has been published"
        message += f" with its {', '.join(with_it)}." if with_it else "."
    else:
        message = f"Page \u2018{page.get_admin_display_title()}\u2019 has been scheduled for publishing."
    messages.success(request, message)
    return redirect("wagtailadmin_explore", page.get_parent().id)


hooks.register("before_unpublish_page", unpublication.unpublish_activity_as_a_unit)
hooks.register("construct_admin_api", admin_api.activities_by_their_rules)
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
