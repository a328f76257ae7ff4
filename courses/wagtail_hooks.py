"""Admin screens for the reference data behind CME activities."""

from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CreditType, Person, Track

for model in (Track, CreditType, Person):
    register_permission_policy(model)


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CreditTypeViewSet(SnippetViewSet):
    model = CreditType
    icon = "pick"
    list_display = ["name", "code", "unit", "hour_based"]


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
    items = (TrackViewSet, CreditTypeViewSet, PersonViewSet)


register_snippet(CMEReferenceGroup)
