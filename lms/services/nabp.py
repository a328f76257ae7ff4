"""A pharmacist's or pharmacy technician's NABP details: what CPE Monitor matches their ACPE credit on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.log_actions import log

from ..models import Member
from ..validators import validate_nabp_eprofile_id
from . import progress_cache
from .errors import RecordConflict, Refused

NABP_DETAILS_ACTION = "cme_lms.save_nabp_details"
EPROFILE_TAKEN = "Another member has this NABP e-Profile ID; check the number in your NABP e-Profile."


def save_nabp_details(member, eprofile_id, birth_month, birth_day, by=None):
    """Set the member's NABP e-Profile ID and month and day of birth, checked as the member record checks them."""
    eprofile_id = (eprofile_id or "").strip()
    if not eprofile_id:
        raise Refused("Enter your NABP e-Profile ID.", field="nabp_eprofile_id")
    try:
        validate_nabp_eprofile_id(eprofile_id)
    except ValidationError as error:
        raise Refused(" ".join(error.messages), field="nabp_eprofile_id") from None
    with transaction.atomic():
        # The member's own fields change: its row's lock, not the learner's.
        member = Member.objects.select_for_update().get(pk=member.pk)
        if Member.objects.filter(nabp_eprofile_id=eprofile_id).exclude(pk=member.pk).exists():
            raise RecordConflict(EPROFILE_TAKEN, field="nabp_eprofile_id")
        member.nabp_eprofile_id, member.birth_month, member.birth_day = eprofile_id, birth_month, birth_day
        try:
            member.clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            raise Refused(" ".join(messages), field=name) from None
        member.save(update_fields=["nabp_eprofile_id", "birth_month", "birth_day", "updated_at"])
        # Ids only: the audit log names no identifier.
        log(instance=member, action=NABP_DETAILS_ACTION, user=by or member.user, data={"member_id": member.pk})
        progress_cache.member_changed(member.pk)
    return member
