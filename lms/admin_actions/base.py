"""What every records screen in the admin shares: the Member permission check and the header."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..models import Member


class RecordsAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    # Learner records belong to members, so the Member permission policy decides who may see
    # or change them; it is checked in dispatch, before any handler runs.
    model = Member
    permission_required = "change"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]
