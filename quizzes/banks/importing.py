"""Importing questions into a bank from a GIFT or CSV file: planned first (what would be created, what
is wrong, by line), then added all at once or not at all to the bank's latest version as a new draft
revision, with an audit-log entry. Like an edit, the items reach learners when the draft is published."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from wagtail.log_actions import log

from .. import blueprint
from ..models import Question
from .csv_rows import parse_csv
from .gift import parse_gift
from .items import ImportProblem

IMPORT_ACTION = "cme_quizzes.import_questions"
PARSERS = {"gift": parse_gift, "csv": parse_csv}
FORMAT_LABELS = {"gift": "GIFT", "csv": "CSV"}
KEY_LENGTH = 64


class ImportRefused(Exception):
    """Nothing was imported; `problems` say why, by line."""

    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportPlan:
    items: list
    problems: list

    @property
    def can_import(self):
        return bool(self.items) and not self.problems


def latest_version(bank):
    """The bank as last saved, draft or published: what an import adds to."""
    return bank.get_latest_revision_as_object() if bank.pk else bank


def plan_import(bank, file_format, text):
    """What importing `text` (in `file_format`, "gift" or "csv") into `bank` would create, and why it cannot."""
    items, problems = PARSERS[file_format](text)
    problems = list(problems)
    bank = latest_version(bank)
    known = {objective_id for objective_id, _ in blueprint.activity_objectives(bank.course)}
    taken = {question.key for question in bank.questions.all()}
    for item in items:
        if len(item.key) > KEY_LENGTH:
            problems.append(ImportProblem(item.line, f"The key (title) is longer than {KEY_LENGTH} characters."))
        elif item.key and item.key in taken:
            problems.append(
                ImportProblem(item.line, f"The key {item.key!r} is already used by another question in the bank.")
            )
        taken.add(item.key)
        unknown = [objective for objective in item.objectives if objective not in known]
        if unknown:
            where = f"{bank.course.title}'s" if bank.course else "the bank's activity (none is set)"
            problems.append(
                ImportProblem(item.line, f"Objective(s) {', '.join(unknown)} are not among {where} objectives.")
            )
    if not items and not problems:
        problems.append(ImportProblem(1, "The file holds no questions."))
    problems.sort(key=lambda problem: problem.line)
    return ImportPlan(items=items, problems=problems)


def import_questions(bank, file_format, text, user, filename=""):
    """Add the questions `text` describes at the end of `bank`'s latest version, saved as a draft; return
    them. Raise ImportRefused and add none when the file has a problem."""
    with transaction.atomic():
        bank = type(bank).objects.select_for_update().get(pk=bank.pk)
        plan = plan_import(bank, file_format, text)
        if not plan.can_import:
            raise ImportRefused(plan.problems)
        draft = latest_version(bank)
        kept = list(draft.questions.all())
        start = max((question.sort_order or 0 for question in kept), default=-1) + 1
        created = [
            Question(
                key=item.key or str(uuid.uuid4()),
                sort_order=start + offset,
                kind=item.kind,
                stem=item.stem,
                choices=[
                    {"type": "choice", "value": {"text": text, "correct": correct}} for text, correct in item.choices
                ],
                rationale=item.rationale,
                reference=item.reference,
                objectives=item.objectives,
            )
            for offset, item in enumerate(plan.items)
        ]
        draft.questions = [*kept, *created]
        revision = draft.save_revision(user=user, log_action=False)
        log(
            instance=draft,
            action=IMPORT_ACTION,
            user=user,
            revision=revision,
            data={"format": FORMAT_LABELS[file_format], "filename": filename, "questions": len(created)},
        )
    return created
