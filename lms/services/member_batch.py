"""Many members created or replaced at once for a portal's sync: the member rules, all or nothing.

Each member is checked as `upsert_member` checks one (the model's rules, NPI, NABP e-Profile ID
and e-mail unique across members and within the batch, `new_member_refusal`, `change_refusal`, the e-mail rule of
`account_email`), with the few queries of the member import (lms/imports/plan.py), and written with
its bulk writes (lms/imports/bulk.py). One refused member and nothing is written.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from ..imports.bulk import bulk_upsert
from ..imports.plan import CREATE, UNCHANGED, UPDATE, plan_rows
from ..imports.reading import SourceRow
from ..services.account_email import CONFIRM
from .errors import RecordConflict
from .members import MEMBER_FIELDS

MAX_MEMBERS = 500
CONCURRENT_CHANGE = "Members in this batch changed elsewhere while it was written; send it again."
ACTIONS = {CREATE: "created", UPDATE: "updated", UNCHANGED: "unchanged"}


@dataclass
class BatchResult:
    applied: bool
    results: list = field(default_factory=list)  # per member, in the order sent: member_id, action, email_pending
    errors: list = field(default_factory=list)  # (index, field, message) when nothing was applied


def upsert_members(members):
    """Create or replace each of `members` together.

    Each is a dict of member_id, email and every member field, plus the fields of
    `KEPT_WHEN_LEFT_OUT` it was sent with: left out, they keep the stored values.
    """
    source = [SourceRow(index, member) for index, member in enumerate(members)]
    with transaction.atomic():
        plan = plan_rows(source, lock=True, fields=MEMBER_FIELDS)
        if plan.errors:
            return BatchResult(False, errors=[(error.row, error.field, error.message) for error in plan.errors])
        try:
            with transaction.atomic():
                bulk_upsert(plan.rows)
        except IntegrityError:
            raise RecordConflict(CONCURRENT_CHANGE) from None
    results = [
        {"member_id": row.member_id, "action": ACTIONS[row.action], "email_pending": row.email_outcome == CONFIRM}
        for row in plan.rows
    ]
    return BatchResult(True, results=results)
