"""Admin actions on a member's identity."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.log_actions import log

from content.sanitizer import sanitize_text

from ..models import Certificate, Member
from . import events
from .errors import RecordRefused

ANONYMIZE_ACTION = "lms.anonymize_member"
ANONYMIZED_NAME = "Anonymized learner"


def anonymize_member(member, by, reason):
    """Remove a learner's personal data but keep their records, instead of deleting the account.

    Completions, claims and certificates stay (ACCME asks for six years of records); names,
    identifiers, birth date and e-mail go, from the member, the account and the certificate
    snapshots, and the account can no longer sign in.
    """
    reason = (reason or "").strip()
    if not reason:
        raise RecordRefused("Give the reason for anonymizing; it is kept in the audit log.", field="reason")
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        original_id = member.member_id
        member.member_id = f"anonymized-{member.pk}"
        member.first_name, member.last_name = "Anonymized", "learner"
        member.npi = member.board_id = member.specialty = member.license_states = ""
        member.birth_month = member.birth_day = None
        member.save()
        user = member.user
        user.username = f"anonymized-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        for certificate in Certificate.objects.filter(completion__member=member):
            certificate.snapshot = {**certificate.snapshot, "learner_name": ANONYMIZED_NAME, "degree": ""}
            certificate.pdf.delete(save=False)
            certificate.save(update_fields=["snapshot", "pdf"])
        log(instance=member, action=ANONYMIZE_ACTION, user=by, data={"reason": reason, "member_id": original_id})
    return member


TEXT_FIELDS = ("first_name", "last_name", "board_id", "specialty")
MEMBER_FIELDS = (
    "first_name", "last_name", "degree", "npi", "board_id", "birth_month", "birth_day", "specialty",
    "license_states", "membership_status", "membership_expires_on",
)


def upsert_member(member_id, data):
    """Create or update the member with this society member id; return (member, created, changed).

    The same data twice changes nothing the second time (no write, no event). `data` is the
    validated body: the fields above plus `email`.
    """
    email = data.get("user", {}).get("email", data.get("email", ""))
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("user").filter(member_id=member_id).first()
        created = member is None
        if created:
            User = get_user_model()
            if User.objects.filter(username=member_id).exists():
                raise RecordRefused(f"An account named {member_id} exists without this member id.", field="member_id")
            user = User(username=member_id, email=email)
            user.set_unusable_password()
            user.save()
            member = Member(user=user, member_id=member_id)
        values = {name: data.get(name, getattr(member, name)) for name in MEMBER_FIELDS}
        for name in TEXT_FIELDS:
            values[name] = sanitize_text(values[name])
        changed = created or any(getattr(member, name) != value for name, value in values.items())
        changed = changed or member.user.email != email
        if not changed:
            return member, False, False
        for name, value in values.items():
            setattr(member, name, value)
        try:
            member.full_clean(exclude=["user"])
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            raise RecordRefused(" ".join(messages), field=name) from None
        member.save()
        if member.user.email != email:
            member.user.email = email
            member.user.save(update_fields=["email"])
        events.member_updated(member)
    return member, created, True
