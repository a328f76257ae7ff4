"""Who a provider's sign-in is here: the rule that links a provider account to a Member.

The member-id claim names the member (created by a portal, an import, or here when the society
allows it). The first sign-in links the provider's subject to that member's account; a later
sign-in must come from the linked subject and name the same member. The provider is
authoritative for the e-mail and names of the accounts it signs in: they are applied at every
sign-in, the e-mail through `account_email` (an address another member holds is refused and
nothing changes). A linked account has no usable password, so no password reset can reach it.
Accounts with staff rights are never signed in by the provider: a compromised provider must not
become an administrator here.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.learner_lock import lock_learner
from content.refusals import Refused
from content.sanitizer import sanitize_text

from ..models import Degree, Member, SsoLink
from ..services import account_email, events, members
from .config import sso_config

LINKED_ACTION = "cme_lms.sso_linked"

NO_MEMBER_ID = (
    "The society's sign-in did not say which member you are (no member id was sent). "
    "Please contact the society's CME office."
)
UNKNOWN_MEMBER = (
    "Your society account is not yet known to the CME site (member {member_id}). "
    "Please contact the society's CME office, who can add you."
)
NAMES_MISSING = "The society's sign-in sent no first and last name, which a new CME record needs."
STAFF_ACCOUNT = (
    "This member's account has staff rights; it signs in with its password on the sign-in page, "
    "not through the society's sign-in."
)
INACTIVE = "This account is closed. Please contact the society's CME office."
OTHER_SUBJECT = (
    "Member {member_id} is already linked to another society sign-in. Please contact the society's CME office."
)
OTHER_MEMBER = (
    "Your society sign-in is linked to another member than the one it now names ({member_id}). "
    "Please contact the society's CME office."
)


def _claim(claims, name):
    value = claims.get(name) if name else None
    return "" if value is None else str(value).strip()


def _create(member_id, claims, config):
    first_name, last_name = _claim(claims, config.first_name_claim), _claim(claims, config.last_name_claim)
    if not first_name or not last_name:
        raise Refused(NAMES_MISSING)
    degree = _claim(claims, config.degree_claim)
    data = {
        "email": _claim(claims, config.email_claim),
        "first_name": first_name,
        "last_name": last_name,
        "degree": degree if degree in Degree.values else Degree.OTHER,
    }
    created = members.upsert_member(member_id, data).member
    return Member.objects.select_for_update().select_related("user").get(pk=created.pk)


def _check_may_sign_in(member, link, issuer, subject):
    user = member.user
    if member.is_anonymized or not user.is_active:
        raise Refused(INACTIVE)
    if account_email.has_staff_rights(user):
        raise Refused(STAFF_ACCOUNT)
    if link is not None and link.user_id != user.pk:
        raise Refused(OTHER_MEMBER.format(member_id=member.member_id))
    held = SsoLink.objects.filter(user=user).first()
    if held is not None and (held.issuer, held.subject) != (issuer, subject):
        raise Refused(OTHER_SUBJECT.format(member_id=member.member_id))


def _apply_names(member, claims, config):
    changed = []
    for field, claim in (("first_name", config.first_name_claim), ("last_name", config.last_name_claim)):
        value = sanitize_text(_claim(claims, claim))
        if value and value != getattr(member, field):
            setattr(member, field, value)
            changed.append(field)
    if changed:
        member.save(update_fields=[*changed, "updated_at"])
    return changed


def sign_in(issuer, claims):
    """The account this provider sign-in (its verified claims) is, linked and brought up to date.

    Refused (or RecordConflict, for a taken e-mail) when it may not sign in; then nothing changed.
    """
    config = sso_config()
    subject = _claim(claims, "sub")
    member_id = _claim(claims, config.member_id_claim)
    if not member_id:
        raise Refused(NO_MEMBER_ID)
    with transaction.atomic():
        # The account may be written: the learner's lock first, as every writer takes them.
        lock_learner(Member.objects.filter(member_id=member_id).values("user_id"))
        link = SsoLink.objects.select_for_update().filter(issuer=issuer, subject=subject).first()
        member = Member.objects.select_for_update().select_related("user").filter(member_id=member_id).first()
        created = member is None
        if created:
            if link is not None:
                raise Refused(OTHER_MEMBER.format(member_id=member_id))
            if not config.create_unknown_members:
                raise Refused(UNKNOWN_MEMBER.format(member_id=member_id))
            member = _create(member_id, claims, config)
        _check_may_sign_in(member, link, issuer, subject)
        user = member.user
        if user.has_usable_password():
            # The provider now vouches for this account; a password would be a second way in.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if link is None:
            link = SsoLink.objects.filter(user=user).first() or SsoLink(user=user, issuer=issuer, subject=subject)
        first_link = link.pk is None
        link.last_sign_in_at = timezone.now()
        link.save()
        email = _claim(claims, config.email_claim)
        outcome = account_email.change_email(member, email) if email else account_email.UNCHANGED
        names_changed = _apply_names(member, claims, config)
        if not created and (names_changed or outcome == account_email.APPLY):
            events.member_updated(member)
        if first_link:
            log(instance=member, action=LINKED_ACTION, user=user, data={"issuer": issuer})
    return user
