"""What every records screen in the admin shares: the Member permission check and the header,
and for the action screens, one service call whose refusal shows on the form."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from content.refusals import Refused, add_refusal

from ...models import Member


class MemberRecordsPermission(PermissionCheckedMixin):
    # Learner records belong to members, so the Member permission policy decides who may see
    # or change them; it is checked in dispatch, before any handler runs.
    permission_required = "change"
    any_permission_required = None

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Member)


class RecordsAdminView(MemberRecordsPermission, WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class RecordActionView(RecordsAdminView, FormView):
    """A form that runs one service: a refusal is shown at its field, success as a message."""

    template_name = "lms/admin/action_form.html"
    refusals = (Refused,)
    success_url_name = None

    def perform(self, form):
        """Call the service with the form's data; return the message that confirms it."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except self.refusals as refusal:
            add_refusal(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.success_url_name)
