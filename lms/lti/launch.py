"""What a validated launch means here: which member, which activity, and where the grade goes back.

pylti1p3 has checked the launch (state, signature, expiry, registration by issuer and audience,
deployment, message); these rules decide the rest, in one transaction. The member is matched by
the platform's setting: the society member id in a custom parameter, or the e-mail. A platform
never signs in an account with staff rights, an anonymized or a closed one. A nonce is accepted
once: the same launch posted again is refused.
"""

import contextlib
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.refusals import Refused
from courses.models import CoursePage

from ..models import LtiLaunch, LtiResourceLink, LtiUsedNonce, MatchBy, Member
from ..services import account_email
from ..services.enrollment import enrol

CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
RESOURCE_LINK = "https://purl.imsglobal.org/spec/lti/claim/resource_link"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
ACTIVITY_PARAMETER = "cme_activity"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"

REPLAYED = "This launch was already used. Open the activity again from your course."
NO_MEMBER_ID = "The platform did not send your society member id ({parameter}). Please contact your course's staff."
NO_EMAIL = "The platform did not send your e-mail address. Please contact your course's staff."
UNKNOWN_MEMBER = "No CME member matches your account on the platform. Please contact the society's CME office."
STAFF = "Accounts with staff rights on the CME site are not signed in from another platform; sign in on the site."
CLOSED = "This CME account is closed. Please contact the society's CME office."
NO_ACTIVITY = "This link does not name a CME activity, or the activity is no longer published."


def consume_nonce(platform, launch_data):
    """Accept this launch's nonce once (until its token expires); a second use is refused."""
    now = timezone.now()
    expires = datetime.datetime.fromtimestamp(int(launch_data.get("exp", 0)), tz=datetime.UTC)
    LtiUsedNonce.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            LtiUsedNonce.objects.create(platform=platform, nonce=launch_data["nonce"], expires_at=max(expires, now))
    except IntegrityError:
        raise Refused(REPLAYED) from None


def custom_parameters(launch_data):
    custom = launch_data.get(CUSTOM) or {}
    return custom if isinstance(custom, dict) else {}


def launching_member(platform, launch_data):
    """The member this launch is for, locked; Refused when none may be signed in."""
    members = Member.objects.select_for_update().select_related("user")
    if platform.match_by == MatchBy.MEMBER_ID:
        member_id = str(custom_parameters(launch_data).get(platform.member_id_parameter) or "").strip()
        if not member_id:
            raise Refused(NO_MEMBER_ID.format(parameter=platform.member_id_parameter))
        member = members.filter(member_id=member_id).first()
    else:
        email = str(launch_data.get("email") or "").strip()
        if not email:
            raise Refused(NO_EMAIL)
        owner = account_email.email_owner(email)
        member = members.filter(pk=owner.pk).first() if owner is not None else None
    if member is None:
        raise Refused(UNKNOWN_MEMBER)
    if account_email.has_staff_rights(member.user):
        raise Refused(STAFF)
    if member.is_anonymized or not member.user.is_active:
        raise Refused(CLOSED)
    return member


def live_activity(page_id):
    try:
        return CoursePage.objects.live().get(pk=int(page_id))
    except (CoursePage.DoesNotExist, TypeError, ValueError):
        return None


def launched_activity(platform, launch_data):
    """The activity the link opens: its `cme_activity` parameter (set by deep linking), else the link's record."""
    course = live_activity(custom_parameters(launch_data).get(ACTIVITY_PARAMETER))
    if course is None:
        link_id = (launch_data.get(RESOURCE_LINK) or {}).get("id")
        link = LtiResourceLink.objects.filter(platform=platform, resource_link_id=link_id).first()
        course = live_activity(link.course_id) if link is not None else None
    if course is None:
        raise Refused(NO_ACTIVITY)
    return course


def record_launch(platform, launch_data):
    """Accept a resource-link launch: (member, activity), with the link and the grade address recorded."""
    with transaction.atomic():
        consume_nonce(platform, launch_data)
        member = launching_member(platform, launch_data)
        course = launched_activity(platform, launch_data)
        ags = launch_data.get(AGS_ENDPOINT) or {}
        link, _ = LtiResourceLink.objects.update_or_create(
            platform=platform,
            resource_link_id=(launch_data.get(RESOURCE_LINK) or {}).get("id") or "",
            defaults={
                "course": course,
                "lineitem_url": ags.get("lineitem") or "",
                "ags_scopes": ags.get("scope") or [],
            },
        )
        LtiLaunch.objects.update_or_create(
            resource_link=link,
            member=member,
            defaults={"platform_user_id": launch_data["sub"], "last_launched_at": timezone.now()},
        )
        # A refused enrolment (a lapsed membership) still opens the activity, whose page says why.
        with contextlib.suppress(Refused):
            enrol(member, course)
    return member, course
