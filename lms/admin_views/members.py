from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Member


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "group"
    menu_label = "Members"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["member_id", "last_name", "first_name", "degree", "membership_status", "membership_expires_on"]
    list_filter = ["degree", "membership_status"]
    search_fields = ["member_id", "first_name", "last_name", "npi"]
