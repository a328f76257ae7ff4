"""Who sees the reports: whoever may view members, as the Member permission policy decides."""

from wagtail.permissions import policy_registry

from ..models import Member

# The reports list members' records, so they need the same right as the member listing.
REPORTS_ACTION = "view"


def reports_policy():
    # Looked up when needed: lms.admin.hooks registers the Member policy at import time.
    return policy_registry.get_by_type(Member)


def can_view_reports(user):
    return reports_policy().user_has_permission(user, REPORTS_ACTION)
