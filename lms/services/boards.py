"""A learner's board certifications: the diplomate id and consent MOC claims need."""

from django.db import transaction
from wagtail.log_actions import log

from content.refusals import Refused

from ..models import BoardCertification
from . import progress_cache

BOARD_CERTIFICATION_ACTION = "cme_lms.save_board_certification"


def save_board_certification(member, board, diplomate_id, report_consent, by=None):
    """Add or change the member's certification by `board`; the consent's time is kept while it stands."""
    diplomate_id = (diplomate_id or "").strip()
    if not diplomate_id:
        raise Refused(f"Enter your {board.code} diplomate id.", field="diplomate_id")
    with transaction.atomic():
        certification, created = BoardCertification.objects.select_for_update().get_or_create(
            member=member, board=board, defaults={"diplomate_id": diplomate_id, "report_consent": report_consent}
        )
        if not created:
            certification.diplomate_id = diplomate_id
            certification.report_consent = report_consent
            certification.save()
        log(
            instance=certification,
            action=BOARD_CERTIFICATION_ACTION,
            user=by or member.user,
            data={"board": board.code, "report_consent": report_consent, "created": created},
        )
        progress_cache.member_changed(member.pk)
    return certification
