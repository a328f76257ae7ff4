"""A member's identity: created and updated by portals, anonymized by an admin."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from content.learner_lock import lock_learner
from content.refusals import Refused
from content.sanitizer import sanitize_text
from quizzes.models import AttemptGrant

from ..models import (
    BoardCertification,
    Certificate,
    Completion,
    CredentialRecipient,
    EmailChange,
    LtiLaunch,
    Member,
    MocClaim,
    SsoLink,
    XapiStatement,
)
from ..models.member import ANONYMIZED_ID_PREFIX
from . import account_email, events, pars_batches
from .audit_log import identity_of, scrub_member
from .errors import PreconditionFailed, RecordConflict
from .retention import retain_records

ANONYMIZE_ACTION = "cme_lms.anonymize_member"
ANONYMIZED_NAME = "Anonymized learner"
REMOVED_DIPLOMATE_ID = "(removed)"


def anonymize_member(member, by, reason):
    """Remove a learner's personal data but keep their records, instead of deleting the account.

    Completions, claims and certificates stay (ACCME asks for six years of records), and for each
    completion still inside the retention window a restricted `RetainedRecord` keeps what verifies
    it (services/retention.py) until `complete_anonymizations` deletes it; names,
    identifiers, birth date and e-mail go, from the member, the account, the certificate
    snapshots, the reasons admins gave about the member's records and the audit log's entries,
    with the links to the society's sign-in, to other platforms and to the learner's badge DID
    (badges already issued stay, as earned), and the account can no longer
    sign in. The entry that records the anonymization names the
    member by its row only, and its reason is cleared of the identifiers too.
    """
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Give the reason for anonymizing; it is kept in the audit log.", field="reason")
    with transaction.atomic():
        # The account is written too: the learner's lock first, as every writer takes them.
        lock_learner(member.user_id)
        member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
        user = member.user
        if not member.is_anonymized:  # a second anonymization finds no identity left to keep
            retain_records(member)
        identity = identity_of(member, f"{ANONYMIZED_ID_PREFIX}{member.pk}", f"{ANONYMIZED_ID_PREFIX}{user.pk}")
        scrub = scrub_member(member, identity)
        member.member_id = f"{ANONYMIZED_ID_PREFIX}{member.pk}"
        member.first_name, member.last_name = "Anonymized", "learner"
        member.npi = member.board_id = member.specialty = member.license_states = ""
        member.license_number = member.nabp_eprofile_id = ""
        member.birth_month = member.birth_day = None
        member.license_report_consent = False
        member.save()
        user.username = f"{ANONYMIZED_ID_PREFIX}{user.pk}"
        user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        EmailChange.objects.filter(member=member).delete()
        # Who the member is at the society's provider and on other platforms goes too.
        SsoLink.objects.filter(user=user).delete()
        LtiLaunch.objects.filter(member=member).delete()
        CredentialRecipient.objects.filter(member=member).delete()
        # Statements carry the member id; what the record store already holds is the society's to erase there.
        XapiStatement.objects.filter(member=member).delete()
        account_email.write(member, "")
        # Diplomate ids name the learner at their boards: the certifications go, the MOC claims stay.
        BoardCertification.objects.filter(member=member).delete()
        MocClaim.objects.filter(completion__member=member).update(diplomate_id=REMOVED_DIPLOMATE_ID)
        pars_batches.forget_learner(member)
        for certificate in Certificate.objects.filter(completion__member=member):
            certificate.snapshot = {**certificate.snapshot, "learner_name": ANONYMIZED_NAME, "degree": ""}
            certificate.revoked_reason = scrub(certificate.revoked_reason)
            certificate.pdf.delete(save=False)
            certificate.save(update_fields=["snapshot", "revoked_reason", "pdf"])
        _scrub_reasons(member, scrub)
        log(instance=member, action=ANONYMIZE_ACTION, user=by, data={"reason": scrub(reason)})
    return member


def _scrub_reasons(member, scrub):
    """Reasons admins typed about the member's records may name them; the records stay, unchanged otherwise."""
    for completion in Completion.objects.filter(member=member).exclude(manual_reason=""):
        Completion.objects.filter(pk=completion.pk).update(manual_reason=scrub(completion.manual_reason))
    for grant in AttemptGrant.objects.filter(user=member.user):
        AttemptGrant.objects.filter(pk=grant.pk).update(reason=scrub(grant.reason))


TEXT_FIELDS = ("first_name", "last_name", "board_id", "specialty", "license_number")
# A member's profile as portals, imports and the learner's data export show it, in that order.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "degree",
    "npi",
    "board_id",
    "nabp_eprofile_id",
    "birth_month",
    "birth_day",
    "specialty",
    "license_states",
    "license_number",
    "license_report_consent",
    "membership_status",
    "membership_expires_on",
)
# Written by a portal's PUT, a member batch or the member import only when sent: a portal or a file made
# before the field must not erase what the learner entered on their own form (lms/services/nabp.py).
KEPT_WHEN_LEFT_OUT = ("nabp_eprofile_id",)
# What a portal's PUT and a member batch replace.
MEMBER_FIELDS = tuple(name for name in PROFILE_FIELDS if name not in KEPT_WHEN_LEFT_OUT)


STAFF_MEMBER_REFUSAL = (
    "This member's account has staff rights; portals do not change it. A society admin edits it in the admin."
)
ANONYMIZED_REFUSAL = (
    "This member was anonymized: their records are kept without personal data, "
    "and no portal or import may give them a name, an identifier or an e-mail again."
)
NPI_TAKEN = "Another member already has this NPI."
EPROFILE_TAKEN = "Another member already has this NABP e-Profile ID."
STALE_REFUSAL = "The member changed since the version in If-Match; read it again and reapply your change."
RESERVED_ID_REFUSAL = f"Member ids that start with {ANONYMIZED_ID_PREFIX!r} are kept for anonymized members."


def new_member_refusal(member_id):
    """Why a portal or an import may not create a member with this id, or None."""
    if member_id.startswith(ANONYMIZED_ID_PREFIX):
        return Refused(RESERVED_ID_REFUSAL, field="member_id")
    return None


def change_refusal(member, changed_fields, email):
    """Why a portal or an import may not make these changes to a stored member, or None.

    An anonymized member takes no write at all, whatever it carries: any value given would name
    them again. An account with staff rights keeps its e-mail and profile (the admin edits them).
    """
    if member.is_anonymized:
        return Refused(ANONYMIZED_REFUSAL, field="member_id")
    if account_email.has_staff_rights(member.user):
        if not account_email.same_address(member.user.email, email):
            return Refused(account_email.STAFF_REFUSAL, field="email")
        if changed_fields:
            return Refused(STAFF_MEMBER_REFUSAL, field=changed_fields[0])
    return None


def npi_refusal(member, npi):
    """The NPI is unique across members: a conflict when another member holds it, else None."""
    if npi and Member.objects.filter(npi=npi).exclude(pk=member.pk).exists():
        return RecordConflict(NPI_TAKEN, field="npi")
    return None


def member_version(member):
    """An opaque version of the stored member (its ETag's value): changes with every write to it."""
    return f"{member.pk}-{member.updated_at.timestamp():.6f}"


@dataclass(frozen=True)
class Upserted:
    member: Member
    created: bool
    email_pending: bool  # the e-mail asked for waits for the member's confirmation


def _profile(member, data):
    values = {name: data.get(name, getattr(member, name)) for name in PROFILE_FIELDS}
    for name in TEXT_FIELDS:
        values[name] = sanitize_text(values[name])
    return values


def _full_clean(member):
    try:
        member.full_clean(exclude=["user"])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise Refused(" ".join(messages), field=name) from None


def _create(member_id, email, data):
    refusal = new_member_refusal(member_id)
    if refusal is not None:
        raise refusal
    if get_user_model().objects.filter(username=member_id).exists():
        raise Refused(f"An account named {member_id} exists without this member id.", field="member_id")
    account_email.check_available(email)
    user = account_email.new_account(member_id, email)
    user.save()
    member = account_email.attach_account(Member(member_id=member_id), user)
    for name, value in _profile(member, data).items():
        setattr(member, name, value)
    _check_identifiers(member)
    _full_clean(member)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        # Another request gave the same address or NPI to a member in the same moment.
        if account_email.email_owner(email, exclude=member) is not None:
            raise RecordConflict(account_email.TAKEN, field="email") from None
        _check_identifiers(member)
        raise
    events.member_updated(member)
    return member


def _check_identifiers(member):
    """The NPI and the NABP e-Profile ID are each one member's: another member's is a conflict."""
    refusal = npi_refusal(member, member.npi)
    if refusal is not None:
        raise refusal
    eprofile_id = member.nabp_eprofile_id
    if eprofile_id and Member.objects.filter(nabp_eprofile_id=eprofile_id).exclude(pk=member.pk).exists():
        raise RecordConflict(EPROFILE_TAKEN, field="nabp_eprofile_id")


def _check_version(member, expected_version):
    """`expected_version` is None (no precondition), "*" (any stored member) or a set of member_version()s."""
    if expected_version is None:
        return
    if member is None or (expected_version != "*" and member_version(member) not in expected_version):
        raise PreconditionFailed(STALE_REFUSAL)


def upsert_member(member_id, data, expected_version=None):
    """Create or update the member with this society member id.

    The same data twice changes nothing the second time (no write, no event). `data` is the
    validated body: the fields above plus `email`, which follows the rule of
    `lms.services.account_email`. A member whose account has staff rights is not changed at all.
    Any refusal leaves everything as it was. With `expected_version` (an If-Match), the write
    happens only if the stored member is still that version, checked under the member's lock.
    """
    email = data.get("user", {}).get("email", data.get("email", ""))
    with transaction.atomic():
        # The account's e-mail may change: the learner's lock first, as every writer takes them.
        lock_learner(Member.objects.filter(member_id=member_id).values("user_id"))
        member = Member.objects.select_for_update().select_related("user").filter(member_id=member_id).first()
        _check_version(member, expected_version)
        if member is None:
            return Upserted(_create(member_id, email, data), created=True, email_pending=False)
        values = _profile(member, data)
        changed_fields = [name for name, value in values.items() if getattr(member, name) != value]
        refusal = change_refusal(member, changed_fields, email)
        if refusal is not None:
            raise refusal
        for name in changed_fields:
            setattr(member, name, values[name])
        if changed_fields:
            _check_identifiers(member)
            _full_clean(member)
        outcome = account_email.change_email(member, email)
        if changed_fields:
            member.save()
        if changed_fields or outcome == account_email.APPLY:
            events.member_updated(member)
    return Upserted(member, created=False, email_pending=outcome == account_email.CONFIRM)
