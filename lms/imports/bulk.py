"""upsert_member for many rows at once: the same writes and events, new rows a few hundred per query.

Called with rows `plan_import` has validated inside the same transaction, so the per-row
checks upsert_member makes (full_clean, the account name) have been made already.
"""

from django.contrib.auth import get_user_model

from ..models import Member
from ..services import account_email, events
from ..services.members import PROFILE_FIELDS
from .plan import CREATE, UPDATE

BATCH = 500


def _new_accounts(rows):
    users = [account_email.new_account(row.member_id, row.email) for row in rows]
    return get_user_model().objects.bulk_create(users, batch_size=BATCH)


def bulk_upsert(rows):
    """Create and update the members of these planned rows; unchanged rows are not touched."""
    creates = [row for row in rows if row.action == CREATE]
    updates = [row for row in rows if row.action == UPDATE]
    for row, user in zip(creates, _new_accounts(creates)):
        account_email.attach_account(row.member, user)
    Member.objects.bulk_create([row.member for row in creates], batch_size=BATCH)
    # One UPDATE per changed member: Django's bulk_update builds CASE expressions that cost
    # more than the queries they save, and save() stamps updated_at for the event.
    for row in updates:
        row.member.save(update_fields=[*PROFILE_FIELDS, "updated_at"])
        if row.email_outcome == account_email.APPLY:
            account_email.write(row.member, row.email)
    for row in rows:
        if row.email_outcome == account_email.CONFIRM:
            account_email.request_change(row.member, row.email)
    events.members_updated([row.member for row in creates + updates])
