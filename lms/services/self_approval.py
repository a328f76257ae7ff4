"""Who may approve a moderation request they submitted themselves (LMS["SELF_APPROVAL"]).

"never": nobody; "only-admin" (the default): only when no one else can approve it (the only
active member of the approving groups, e.g. a society with a single admin, whose changes would
otherwise never be published); "allowed": anyone who may approve.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from ..conf import lms_settings

NEVER, ONLY_ADMIN, ALLOWED = "never", "only-admin", "allowed"
REFUSAL = "You submitted this for review: another Society admin approves it."


def may_approve_own_requests(task, user):
    rule = lms_settings.SELF_APPROVAL
    if rule == ALLOWED:
        return True
    if rule == NEVER:
        return False
    if rule != ONLY_ADMIN:
        raise ImproperlyConfigured(f'LMS["SELF_APPROVAL"] is {rule!r}; use "{NEVER}", "{ONLY_ADMIN}" or "{ALLOWED}".')
    others = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all()).exclude(pk=user.pk)
    return not others.exists()


def may_approve(task, user, requested_by):
    """Whether `user` may approve, at `task`, a request `requested_by` submitted."""
    if requested_by is None or requested_by.pk != user.pk:
        return True
    return may_approve_own_requests(task, user)
