"""A member's e-mail: who may change it, and the one place it is written.

An account that signs in with a password is found by its e-mail: the password-reset link goes
there. So that address is the member's identity, and whoever could change it could take the
account. A portal or an import gives the e-mail when it creates a member; afterwards the
address of an account with a usable password changes only when the member confirms it, signed
in, from a link sent to the new address, and only when the society turned verified changes on
(`LMS["VERIFIED_EMAIL_CHANGES"]`). Accounts with staff rights keep theirs (a superuser changes
them in Wagtail's user settings). Accounts without a password (created by a portal or an
import) take a new address at once. Addresses equal but for case are the same address.

`Member.email` mirrors the account's e-mail so that the database can hold it unique per
member, case-insensitively (`member_email_unique_ci`); both are written here and nowhere else.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from content.learner_lock import lock_learner
from content.refusals import Refused

from ..conf import lms_settings
from ..models import EmailChange, Member
from . import events
from .errors import RecordConflict

UNCHANGED, APPLY, CONFIRM = "unchanged", "apply", "confirm"
CHANGE_REQUESTED_ACTION = "cme_lms.email_change_requested"
CHANGE_CONFIRMED_ACTION = "cme_lms.email_change_confirmed"
TOKEN_SALT = "lms.email-change"  # noqa: S105 (a signing namespace; the secret is SECRET_KEY)

STAFF_REFUSAL = (
    "This account has staff rights; its e-mail is changed only by a superuser, in the admin's user settings."
)
PASSWORD_REFUSAL = (
    "This member signs in with a password, so the e-mail is their identity (password-reset links go there). "  # noqa: S105
    "It changes only with the member's confirmation, and verified e-mail changes are off on this site."
)
TAKEN = "Another member already has this e-mail address (compared without regard to case)."


def same_address(first, second):
    return (first or "").lower() == (second or "").lower()


def has_staff_rights(user):
    return user.is_staff or user.is_superuser


def change_outcome(user, email):
    """UNCHANGED, APPLY or CONFIRM for giving `user`'s account this e-mail; Refused (field email)
    when the rule refuses. Reads no database: callers check that the address is free."""
    if same_address(user.email, email):
        return UNCHANGED
    if has_staff_rights(user):
        raise Refused(STAFF_REFUSAL, field="email")
    if not user.has_usable_password():
        return APPLY
    if lms_settings.VERIFIED_EMAIL_CHANGES:
        return CONFIRM
    raise Refused(PASSWORD_REFUSAL, field="email")


def email_owner(email, exclude=None):
    """The member, other than `exclude`, holding this address whatever its case; or None."""
    if not email:
        return None
    # Lower() on both sides and the blank excluded: the lookup the unique index answers.
    owners = Member.objects.exclude(email="").alias(address=Lower("email")).filter(address=Lower(Value(email)))
    if exclude is not None:
        owners = owners.exclude(pk=exclude.pk)
    return owners.first()


def check_available(email, member=None):
    if email_owner(email, exclude=member) is not None:
        raise RecordConflict(TAKEN, field="email")


def new_account(username, email):
    """An account for a new member (not saved): no password, so no one signs in with it yet."""
    user = get_user_model()(username=username, email=email)
    user.set_unusable_password()
    return user


def attach_account(member, user):
    """Give a member not yet saved its account, and with it the account's e-mail."""
    member.user, member.email = user, user.email
    return member


def write(member, email):
    """Give the member and its account this e-mail (locked by the caller's transaction).

    A savepoint around the writes: another member given the same address in the same moment
    is a conflict, not a broken transaction.
    """
    member.email = member.user.email = email
    try:
        with transaction.atomic():
            member.user.save(update_fields=["email"])
            member.save(update_fields=["email", "updated_at"])
    except IntegrityError:
        if email_owner(email, exclude=member) is not None:
            raise RecordConflict(TAKEN, field="email") from None
        raise


def change_email(member, email):
    """Apply the rule to this e-mail for an existing member, locked by the caller; return the outcome.

    APPLY writes the address; CONFIRM keeps the address in use and asks the member to confirm the
    new one. Refusals raise before anything is written.
    """
    outcome = change_outcome(member.user, email)
    if outcome != UNCHANGED:
        check_available(email, member)
    if outcome == APPLY:
        write(member, email)
    elif outcome == CONFIRM:
        request_change(member, email)
    return outcome


def pending_change(member):
    return EmailChange.objects.filter(member=member, confirmed_at__isnull=True).first()


def request_change(member, email):
    """Ask the member to confirm `email`: a notice to the address in use, a link to the new one.

    Asking again for the address already waiting sends nothing: the first link still works. A
    request for another address replaces the one waiting, whose link then no longer works.
    """
    waiting = pending_change(member)
    if waiting is not None and same_address(waiting.email, email):
        return waiting
    if waiting is not None:
        waiting.delete()
    change = EmailChange.objects.create(member=member, email=email, previous_email=member.user.email)
    log(instance=member, action=CHANGE_REQUESTED_ACTION)
    transaction.on_commit(lambda: _send_change_mails(member, change))
    return change


def confirmation_token(change):
    return signing.dumps({"change": change.pk, "email": change.email}, salt=TOKEN_SALT)


def confirmation_url(change):
    return lms_settings.site_url + reverse("lms:confirm_email_change", args=[confirmation_token(change)])


def _link_lifetime():
    return datetime.timedelta(hours=lms_settings.EMAIL_CHANGE_LINK_HOURS)


def _send_change_mails(member, change):
    hours = lms_settings.EMAIL_CHANGE_LINK_HOURS
    if change.previous_email:
        send_mail(
            subject="A change of your CME account's e-mail was requested",
            message=(
                f"Dear {member.first_name} {member.last_name},\n\n"
                f"a change of the e-mail of your CME account (member {member.member_id}) to {change.email} was "
                f"requested. Nothing changes unless it is confirmed from a link sent to that address, by someone "
                f"signed in to your account. If you did not ask for this, do not share your password and tell "
                f"the society's CME office."
            ),
            from_email=lms_settings.FROM_EMAIL,
            recipient_list=[change.previous_email],
        )
    send_mail(
        subject="Confirm the new e-mail of your CME account",
        message=(
            f"Dear {member.first_name} {member.last_name},\n\n"
            f"to make {change.email} the e-mail of your CME account, sign in and open this link within "
            f"{hours} hours:\n\n{confirmation_url(change)}\n\n"
            f"Until then your account keeps its current address. If you did not ask for this, ignore this message."
        ),
        from_email=lms_settings.FROM_EMAIL,
        recipient_list=[change.email],
    )


def change_for_token(user, token):
    """The change waiting for confirmation that this signed link names, for the signed-in `user`."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=_link_lifetime())
    except signing.SignatureExpired:
        raise Refused("This confirmation link has expired. Ask for the change again.") from None
    except signing.BadSignature:
        raise Refused("This confirmation link is not valid. Copy the whole link from the e-mail.") from None
    change = (
        EmailChange.objects.select_related("member__user")
        .filter(pk=data.get("change"), email=data.get("email"), member__user=user, confirmed_at__isnull=True)
        .first()
    )
    if change is None:
        raise Refused(
            "This confirmation link is no longer valid: the change was confirmed or replaced by a newer request, "
            "or it is for another account than the one you are signed in with."
        )
    return change


def confirm_change(user, token):
    """Make the confirmed address the account's e-mail; return the member."""
    with transaction.atomic():
        change = change_for_token(user, token)
        # The account is written: the learner's lock first, as every writer takes them.
        lock_learner(user)
        member = Member.objects.select_for_update().select_related("user").get(pk=change.member_id)
        if not same_address(member.user.email, change.previous_email):
            raise Refused("The account's e-mail changed since this link was sent. Ask for the change again.")
        if has_staff_rights(member.user):
            raise Refused(STAFF_REFUSAL)
        check_available(change.email, member)
        write(member, change.email)
        change.confirmed_at = timezone.now()
        change.save(update_fields=["confirmed_at"])
        events.member_updated(member)
        log(instance=member, action=CHANGE_CONFIRMED_ACTION, user=user)
    return member
