"""Taking an anonymized member's identity out of Wagtail's audit log, keeping every entry.

A log entry keeps the object's `str()` from the moment it was written as its label (a member's
is their name and member id) and whatever data the action stored (a member id, a username, a
reason typed by an admin). Anonymizing replaces those identifiers in the labels and data of the
entries about the member's own records, and the unique ones (member id, username, e-mail, NPI,
board ID) in any entry at all. Who acted, when and what stays: the audit trail keeps its shape.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import ModelLogEntry, PageLogEntry

from quizzes.models import Attempt, AttemptGrant

from ..models import (
    BoardCertification,
    Certificate,
    Completion,
    CreditClaim,
    EmailChange,
    Enrollment,
    Evaluation,
    MocClaim,
    ModuleProgress,
    Participation,
)

# Unique identifiers are searched for in every entry; shorter ones would match unrelated text
# ("M1" in a reason), so those are replaced only in the entries about the member's records.
SEARCHED_EVERYWHERE_FROM = 5


class Scrubber:
    """Replaces each identifier, whatever its case, as a whole word, in strings nested in any JSON value."""

    def __init__(self, replacements):
        self.replacements = {found.casefold(): by for found, by in replacements.items() if found}
        # Longest first, so a last name that contains a first name is replaced whole.
        words = sorted(self.replacements, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words), re.IGNORECASE) if words else None
        )

    def __call__(self, value):
        if self.pattern is None:
            return value
        if isinstance(value, str):
            return self.pattern.sub(lambda match: self.replacements[match.group(0).casefold()], value)
        if isinstance(value, dict):
            return {self(key): self(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self(item) for item in value]
        return value


def identity_of(member, replacement_member_id, replacement_username):
    """What names the member in the log, each with what replaces it."""
    user = member.user
    return {
        "names": {
            member.first_name: "Anonymized",
            member.last_name: "learner",
            user.first_name: "Anonymized",
            user.last_name: "learner",
        },
        "unique": {
            member.member_id: replacement_member_id,
            user.username: replacement_username,
            member.email: "(e-mail removed)",
            user.email: "(e-mail removed)",
            member.npi: "(NPI removed)",
            member.board_id: "(board ID removed)",
            **dict.fromkeys(
                BoardCertification.objects.filter(member=member).values_list("diplomate_id", flat=True),
                "(diplomate id removed)",
            ),
        },
    }


def _records_of(member):
    """(model, primary keys) of the member's account and records, whose entries may name them."""
    user = member.user
    completions = Completion.objects.filter(member=member)
    return [
        (type(member), [member.pk]),
        (get_user_model(), [user.pk]),
        (Completion, completions.values_list("pk", flat=True)),
        (Certificate, Certificate.objects.filter(completion__in=completions).values_list("pk", flat=True)),
        (CreditClaim, CreditClaim.objects.filter(completion__in=completions).values_list("pk", flat=True)),
        (MocClaim, MocClaim.objects.filter(completion__in=completions).values_list("pk", flat=True)),
        (Participation, Participation.objects.filter(completion__in=completions).values_list("pk", flat=True)),
        (BoardCertification, BoardCertification.objects.filter(member=member).values_list("pk", flat=True)),
        (Enrollment, Enrollment.objects.filter(member=member).values_list("pk", flat=True)),
        (ModuleProgress, ModuleProgress.objects.filter(member=member).values_list("pk", flat=True)),
        (Evaluation, Evaluation.objects.filter(member=member).values_list("pk", flat=True)),
        (EmailChange, EmailChange.objects.filter(member=member).values_list("pk", flat=True)),
        (Attempt, Attempt.objects.filter(user=user).values_list("pk", flat=True)),
        (AttemptGrant, AttemptGrant.objects.filter(user=user).values_list("pk", flat=True)),
    ]


def _rewrite(entries, scrub):
    for entry in entries:
        label, data = scrub(entry.label), scrub(entry.data)
        if (label, data) != (entry.label, entry.data):
            entry.label, entry.data = label, data
            entry.save(update_fields=["label", "data"])


def scrub_member(member, identity):
    """Replace the member's identifiers in the audit log (inside the anonymizing transaction).

    Call it while the member's records still point at the member, before the new log entry.
    """
    everything = Scrubber({**identity["names"], **identity["unique"]})
    about_member = Q()
    for model, pks in _records_of(member):
        about_member |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks])
    _rewrite(ModelLogEntry.objects.filter(about_member), everything)

    unique = Scrubber({found: by for found, by in identity["unique"].items() if len(found) >= SEARCHED_EVERYWHERE_FROM})
    mentions = Q()
    for found in unique.replacements:
        mentions |= Q(label__icontains=found) | Q(data__icontains=found)
    if mentions:
        for model in (ModelLogEntry, PageLogEntry):
            _rewrite(model.objects.filter(mentions), unique)
    return everything
