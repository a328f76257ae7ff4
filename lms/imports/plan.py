"""Checking every row against the member rules and the database: what an import would do.

The same checks as `lms.services.members.upsert_member` (the model's full_clean, the NPI and
NABP e-Profile ID validators, the account a new member gets, the e-mail rule of
`lms.services.account_email`), made for a whole file with a few queries.
"""

import copy
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower

from content.refusals import Refused
from content.sanitizer import sanitize_text

from ..models import Degree, Member, MembershipStatus
from ..services.account_email import APPLY, CONFIRM, change_outcome
from ..services.account_email import UNCHANGED as EMAIL_UNCHANGED
from ..services.members import (
    KEPT_WHEN_LEFT_OUT,
    MEMBER_FIELDS,
    PROFILE_FIELDS,
    TEXT_FIELDS,
    change_refusal,
    new_member_refusal,
)
from .reading import read_rows

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
# Cells the file gives for member fields; specialty and the licence data are kept as they are.
FILE_FIELDS = tuple(
    name
    for name in MEMBER_FIELDS
    if name not in ("specialty", "license_states", "license_number", "license_report_consent")
)
NULLABLE = ("birth_month", "birth_day", "membership_expires_on")
# One member each, in the database and in the file: field -> what a message calls it.
IDENTIFIERS = {"npi": "NPI", "nabp_eprofile_id": "NABP e-Profile ID"}
CHUNK = 500  # keeps IN (...) lists under every database's parameter limit


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class RowPlan:
    number: int
    member_id: str
    action: str
    member: Member  # validated, not saved; for an update, a changed copy of the stored one
    email: str
    email_outcome: str = EMAIL_UNCHANGED  # for a stored member: written (APPLY) or to be confirmed (CONFIRM)


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    invalid_rows: int = 0

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def email_confirmations(self):
        """Rows whose new e-mail the member must confirm before it is used."""
        return sum(1 for row in self.rows if row.email_outcome == CONFIRM)

    @property
    def counts(self):
        return {
            "create": self.count(CREATE),
            "update": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "invalid": self.invalid_rows,
        }


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _existing_members(member_ids, lock):
    members = {}
    for chunk in _chunks(member_ids):
        queryset = Member.objects.select_related("user").filter(member_id__in=chunk)
        if lock:
            queryset = queryset.select_for_update()
        members.update((member.member_id, member) for member in queryset)
    return members


def _identifier_owners(name, values):
    owners = {}
    for chunk in _chunks(values):
        owners.update(Member.objects.filter(**{f"{name}__in": chunk}).values_list(name, "member_id"))
    return owners


def _email_owners(emails):
    """Lowercased address -> member id of the members holding these addresses, whatever their case."""
    owners = {}
    for chunk in _chunks(emails):
        owners.update(
            Member.objects.annotate(address=Lower("email"))
            .filter(address__in=chunk)
            .values_list("address", "member_id")
        )
    return owners


def _taken_usernames(member_ids):
    taken = set()
    for chunk in _chunks(member_ids):
        taken.update(get_user_model().objects.filter(username__in=chunk).values_list("username", flat=True))
    return taken


def _choice(value, choices):
    # Case-insensitive, so "md" or "Active" from a hand-edited sheet still match.
    return next((choice for choice in choices.values if choice.lower() == value.lower()), value)


def _field_values(values, fields):
    data = {name: values[name] for name in fields}
    # Left out, the stored value stays: the copy of the stored member (or a new one's default) has it.
    data.update((name, values[name]) for name in KEPT_WHEN_LEFT_OUT if name in values)
    for name in TEXT_FIELDS:
        if name in data:  # the same cleaning as the API's upsert
            data[name] = sanitize_text(data[name])
    for name in NULLABLE:
        data[name] = data[name] or None
    data["degree"] = _choice(data["degree"], Degree)
    data["membership_status"] = _choice(data["membership_status"], MembershipStatus)
    return data


def _validated(member, data, email):
    """full_clean the member with the file's values, plus the e-mail; field -> messages."""
    for name, value in data.items():
        setattr(member, name, value)
    errors = {}
    try:
        # Uniqueness is checked for the whole file at once by the caller, not row by row.
        member.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors["" if name == NON_FIELD_ERRORS else name] = messages
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            errors["email"] = error.messages
    return errors


def _changed_fields(stored, member):
    return [name for name in PROFILE_FIELDS if getattr(stored, name) != getattr(member, name)]


class _FileCheck:
    """The checks that need the whole file and the database: ids, identifiers and e-mails used once, free accounts."""

    def __init__(self, source, lock):
        member_ids = {row.values["member_id"] for row in source if row.values}
        self.stored = _existing_members(member_ids, lock)
        self.owner = {
            name: _identifier_owners(name, {row.values[name] for row in source if row.values and row.values.get(name)})
            for name in IDENTIFIERS
        }
        emails = {row.values["email"].lower() for row in source if row.values and row.values["email"]}
        self.email_owner = _email_owners(emails)
        self.taken = _taken_usernames(member_ids - set(self.stored))
        self.seen_ids, self.seen_emails = {}, {}
        self.seen = {name: {} for name in IDENTIFIERS}

    def _email_errors(self, member_id, email, number):
        address = email.lower()
        if not address:
            return []
        if self.email_owner.get(address, member_id) != member_id:
            return [("email", f"{email} is the e-mail of member {self.email_owner[address]}.")]
        other_id, other_row = self.seen_emails.setdefault(address, (member_id, number))
        if other_id != member_id:
            return [("email", f"{email} is also given to member {other_id} on row {other_row}.")]
        return []

    def _identifier_errors(self, name, member_id, value, number):
        if not value:
            return []
        label, owner = IDENTIFIERS[name], self.owner[name]
        other_id, other_row = self.seen[name].setdefault(value, (member_id, number))
        if owner.get(value, member_id) != member_id:
            return [(name, f"{label} {value} belongs to member {owner[value]}.")]
        if other_id != member_id:
            return [(name, f"{label} {value} is also given to member {other_id} on row {other_row}.")]
        return []

    def errors(self, row):
        member_id = row.values["member_id"]
        errors = self._email_errors(member_id, row.values["email"], row.number)
        if member_id and member_id in self.seen_ids:
            first = self.seen_ids[member_id]
            errors.append(("member_id", f"{member_id} is also on row {first}; give each member once."))
        elif member_id and member_id not in self.stored and member_id in self.taken:
            errors.append(("member_id", f"An account named {member_id} exists without this member id."))
        for name in IDENTIFIERS:
            errors += self._identifier_errors(name, member_id, row.values.get(name, ""), row.number)
        self.seen_ids.setdefault(member_id, row.number)
        return errors


def _plan_row(row, check, fields):
    """(RowPlan or None, [(field, message)]) for one row of the file."""
    if row.problem:
        return None, [("", row.problem)]
    member_id, email = row.values["member_id"], row.values["email"]
    existing = check.stored.get(member_id)
    member = copy.copy(existing) if existing else Member(member_id=member_id)
    errors = [
        (name, message)
        for name, messages in _validated(member, _field_values(row.values, fields), email).items()
        for message in messages
    ]
    errors += check.errors(row)
    email_outcome = EMAIL_UNCHANGED
    changed = _changed_fields(existing, member) if existing is not None else []
    refusal = new_member_refusal(member_id) if existing is None else change_refusal(existing, changed, email)
    if refusal is not None:
        errors.append((refusal.field, refusal.message))
    elif existing is not None:
        try:
            email_outcome = change_outcome(existing.user, email)
        except Refused as refused:
            errors.append((refused.field, refused.message))
    if errors:
        return None, errors
    if existing is None:
        action = CREATE
    elif changed or email_outcome == APPLY:
        action = UPDATE
    else:
        action = UNCHANGED
    return RowPlan(row.number, member_id, action, member, email, email_outcome), []


def plan_import(text, lock=False):
    """The ImportPlan for the file's text; `lock` holds the stored members until the transaction ends."""
    return plan_rows(read_rows(text), lock)


def plan_rows(source, lock=False, fields=FILE_FIELDS):
    """The ImportPlan for these SourceRows, whose values give `fields`, `member_id` and `email`."""
    check = _FileCheck(source, lock)
    plan = ImportPlan()
    for row in source:
        planned, errors = _plan_row(row, check, fields)
        if errors:
            plan.invalid_rows += 1
            plan.errors.extend(RowError(row.number, name, message) for name, message in errors)
        else:
            plan.rows.append(planned)
    return plan
