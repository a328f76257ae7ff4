"""A bank as a spreadsheet: one row per question under a header naming the columns
(docs/question-banks.md). Line numbers count the file's lines, so a cell holding a line break
moves the rows after it down, as an editor shows them."""

import csv
import io

from content.spreadsheet import csv_text, formula_unguarded

from .. import rules
from .items import ImportedItem, ImportProblem, plain, split_list, stem_html

MAX_CHOICES = 26
CHOICE_COLUMNS = [f"choice_{number}" for number in range(1, MAX_CHOICES + 1)]
REQUIRED = ["kind", "stem", "choice_1", "choice_2", "correct", "rationale"]
OPTIONAL = ["key", "reference", "objectives"]
KNOWN = set(REQUIRED) | set(OPTIONAL) | set(CHOICE_COLUMNS)


def parse_csv(text):
    """([ImportedItem], [ImportProblem]) for a CSV file's text (its first row the header)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return [], [ImportProblem(1, "The file is empty: the first row names the columns.")]
    except csv.Error as error:
        return [], [ImportProblem(1, f"The header row cannot be read: {error}.")]
    problems = _header_problems(header)
    if problems:
        return [], problems
    items, start = [], reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(ImportProblem(start, f"The row cannot be read: {error}."))
            break
        if any(cell.strip() for cell in row):
            item, row_problems = _item(start, dict(zip(header, row, strict=False)), len(row), len(header))
            problems.extend(row_problems)
            if not row_problems:
                items.append(item)
        start = reader.line_num + 1
    return items, problems


def _header_problems(header):
    problems = []
    unknown = [name for name in header if name not in KNOWN]
    if unknown:
        problems.append(
            ImportProblem(1, f"Unknown column(s): {', '.join(unknown)}. The columns are listed in the docs.")
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        problems.append(ImportProblem(1, f"Missing column(s): {', '.join(missing)}."))
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(ImportProblem(1, f"Column(s) named twice: {', '.join(repeated)}."))
    return problems


def _cell(row, name):
    value = (row.get(name) or "").strip()
    # The export guards cells a spreadsheet would run as formulas; the import takes the guard off again.
    return formula_unguarded(value)


def _item(line, row, cells, columns):
    def refuse(message):
        return None, [ImportProblem(line, message)]

    if cells > columns:
        return refuse(f"The row has {cells} cells but the header names {columns} columns.")
    kind = _cell(row, "kind").lower()
    if kind not in rules.QuestionKind.values:
        return refuse(f"kind is {kind or 'empty'!r}; write one of {', '.join(rules.QuestionKind.values)}.")
    texts = [plain(_cell(row, name)) for name in CHOICE_COLUMNS]
    while texts and not texts[-1]:
        texts.pop()
    if "" in texts:
        gap = CHOICE_COLUMNS[texts.index("")]
        return refuse(f"{gap} is empty but a later choice is not: fill the choices from choice_1 on.")
    numbers = split_list(_cell(row, "correct"))
    if not numbers or not all(number.isdigit() and 1 <= int(number) <= len(texts) for number in numbers):
        return refuse(
            f"correct is {_cell(row, 'correct')!r}; give the number(s) of the right choice(s), 1 to {len(texts)}, "
            "separated by ; (e.g. 2 or 1;3)."
        )
    right = {int(number) for number in numbers}
    item = ImportedItem(
        line=line,
        kind=kind,
        key=_cell(row, "key"),
        stem=stem_html(_cell(row, "stem")),
        choices=[(text, number in right) for number, text in enumerate(texts, start=1)],
        rationale=plain(_cell(row, "rationale")),
        reference=plain(_cell(row, "reference")),
        objectives=split_list(_cell(row, "objectives")),
    )
    problems = [ImportProblem(line, problem) for problem in rules.question_problems(kind, item.choices)]
    if not item.stem:
        problems.append(ImportProblem(line, "stem is empty: give the question's text."))
    if not item.rationale:
        problems.append(ImportProblem(line, "rationale is empty: say why the answer is right."))
    return item, problems


def write_csv(questions):
    """The bank's questions as CSV text, written as every download is (content/spreadsheet.py)."""
    questions = list(questions)
    width = max([2, *(len(question.choice_pairs()) for question in questions)])
    header = ["key", "kind", "stem", *CHOICE_COLUMNS[:width], "correct", "rationale", "reference", "objectives"]
    rows = []
    for question in questions:
        pairs = question.choice_pairs()
        texts = [text for text, _ in pairs] + [""] * (width - len(pairs))
        correct = ";".join(str(number) for number, (_, right) in enumerate(pairs, start=1) if right)
        rows.append(
            [
                question.key,
                question.kind,
                question.stem,
                *texts,
                correct,
                question.rationale,
                question.reference,
                "; ".join(question.objectives or []),
            ]
        )
    return csv_text(header, rows)
