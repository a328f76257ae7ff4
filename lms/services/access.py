"""Who may take an activity: members-only activities need an active society membership."""

from .errors import RecordRefused


def member_for(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "member", None)


def refusal_for(member, course):
    """Why `member` may not take `course`, or None when they may."""
    if member is None:
        return "Your account has no member profile yet; contact the CME office to complete it."
    if course.members_only and not member.is_active_member:
        return (
            f"{course.title} is open to society members only, and your membership is not active"
            f"{' (it expired on ' + member.membership_expires_on.strftime('%d %B %Y') + ')' if member.membership_expires_on else ''}. "
            "Renew your membership to take it; the activity description stays open to everyone."
        )
    return None


def ensure_may_take(member, course):
    reason = refusal_for(member, course)
    if reason:
        raise RecordRefused(reason)
