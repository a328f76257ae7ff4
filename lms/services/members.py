"""Admin actions on a member's identity."""

from django.db import transaction
from wagtail.log_actions import log

from ..models import Certificate, Member
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
