"""The review step of the publishing workflow: group approval, not by the one who submitted."""

from django.core.exceptions import PermissionDenied
from wagtail.models import GroupApprovalTask

from ..services import self_approval

APPROVE = "approve"


class SocietyApprovalTask(GroupApprovalTask):
    """Members of the chosen groups approve pages and snippets; the submitter approves their own
    request only as LMS["SELF_APPROVAL"] allows (lms/services/self_approval.py)."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        state = obj.current_workflow_state
        if state is None or self_approval.may_approve(self, user, state.requested_by):
            return actions
        return [action for action in actions if action[0] != APPROVE]

    def on_action(self, task_state, user, action_name, **kwargs):
        # The editor only offers what get_actions allows; this holds for any other caller too.
        if action_name == APPROVE and not self_approval.may_approve(self, user, task_state.workflow_state.requested_by):
            raise PermissionDenied(self_approval.REFUSAL)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if self_approval.may_approve_own_requests(self, user):
            return states
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve; the one who submitted does not, unless no one else can."

    class Meta:
        verbose_name = "Group approval by another member"
        verbose_name_plural = "Group approvals by another member"
