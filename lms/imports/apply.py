"""Applying an import in one transaction: every valid row, or nothing when any row is invalid."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from .bulk import bulk_upsert
from .plan import plan_import

IMPORT_ACTION = "cme_lms.import_members"
VALID_ROWS, ALL_OR_NOTHING = "valid_rows", "all_or_nothing"
CONCURRENT_CHANGE = (
    "members changed elsewhere while the import ran (another import or a member portal). Apply the file again."
)


@dataclass
class ImportResult:
    applied: bool
    counts: dict
    errors: list = field(default_factory=list)
    refusal: str = ""  # why nothing was applied


def _invalid_rows(counts):
    return (
        f"{counts['invalid']} row{'s are' if counts['invalid'] != 1 else ' is'} invalid and you chose all or nothing."
    )


def apply_import(text, mode, by, source_name, sha256):
    """Check the file again against the database as it is now, then write it and audit-log the counts.

    With ALL_OR_NOTHING a single invalid row means nothing is written; with VALID_ROWS the
    invalid rows are skipped. Either way the writes are one transaction.
    """
    with transaction.atomic():
        plan = plan_import(text, lock=True)
        counts = plan.counts
        if mode == ALL_OR_NOTHING and plan.errors:
            return ImportResult(applied=False, counts=counts, errors=plan.errors, refusal=_invalid_rows(counts))
        try:
            with transaction.atomic():
                bulk_upsert(plan.rows)
        except IntegrityError:
            # A member or account with one of these ids or NPIs was written after the check.
            return ImportResult(applied=False, counts=counts, errors=plan.errors, refusal=CONCURRENT_CHANGE)
        log(
            instance=by,
            action=IMPORT_ACTION,
            user=by,
            title=f"Member import: {source_name}",
            data={"file": source_name, "sha256": sha256, "mode": mode, **counts},
        )
    return ImportResult(applied=True, counts=counts, errors=plan.errors)
