"""Moodle's GIFT format, for the questions a bank can hold: single best answer, select all that apply
and true/false (docs/question-banks.md).

No parser on PyPI is kept up to date, and the subset is small: a question is a block of lines ended
by a blank line, `::title::` first (the item's key), then the stem and the answers in braces.
Escaped characters are swapped for private-use stand-ins before the block is split, so the
splitting never meets them, and swapped back in every piece of text.
"""

import re

from .. import rules
from .items import ImportedItem, ImportProblem, plain, split_list, stem_html

SPECIAL = "~=#{}:"
_STAND_INS = {char: chr(0xE000 + index) for index, char in enumerate(SPECIAL + "\\")}
_STAND_INS["n"] = chr(0xE000 + len(SPECIAL) + 1)
_RESTORED = {stand_in: ("\n" if char == "n" else char) for char, stand_in in _STAND_INS.items()}
TRUE_WORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
FORMATS = ("html", "moodle", "plain", "markdown")
UNSUPPORTED = "only single-best-answer, select-all-that-apply and true/false questions can be imported"


def _protect(text):
    return re.sub(r"\\(.)", lambda match: _STAND_INS.get(match[1], match[0]), text)


def _restore(text):
    return "".join(_RESTORED.get(char, char) for char in text).strip()


def _blocks(text):
    """(first line number, block text, comments before or in it) for each question."""
    lines, start, comments = [], None, []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            comments.append(stripped[2:].strip())
        elif not stripped:
            if lines:
                yield start, "\n".join(lines), comments
                lines, start, comments = [], None, []
        elif not stripped.startswith("$CATEGORY:"):
            start = start or number
            lines.append(line)
    if lines:
        yield start, "\n".join(lines), comments


def parse_gift(text):
    """([ImportedItem], [ImportProblem]) for a GIFT file's text."""
    items, problems = [], []
    for line, block, comments in _blocks(text):
        item, block_problems = _question(line, _protect(block), comments)
        problems.extend(block_problems)
        if item is not None and not block_problems:
            items.append(item)
    return items, problems


def _question(line, block, comments):
    def refuse(message):
        return None, [ImportProblem(line, message)]

    key = ""
    title = re.match(r"\s*::(.*?)::", block, re.S)
    if title:
        key, block = _restore(title[1]), block[title.end() :]
    block = block.strip()
    text_format = re.match(r"\[(\w+)\]", block)
    if text_format and text_format[1] in FORMATS:
        block = block[text_format.end() :]
    opening = block.find("{")
    if opening < 0:
        return refuse("The question has no answers: put them between { and }, e.g. {=right ~wrong}.")
    closing = block.find("}", opening)
    if closing < 0:
        return refuse("The answers opened with { are not closed with }.")
    if "{" in block[opening + 1 : closing] or "{" in block[closing + 1 :]:
        return refuse("A question has one set of answers; write a literal { or } as \\{ or \\}.")
    before, after = block[:opening].strip(), block[closing + 1 :].strip()
    stem = f"{before} _____ {after}" if after else before
    is_html = not text_format or text_format[1] in ("html", "moodle")
    item = ImportedItem(
        line=line, kind=rules.QuestionKind.SINGLE, stem=stem_html(_restore(stem), is_html=is_html), key=key
    )
    for comment in comments:
        label, _, value = comment.partition(":")
        if label.strip().casefold() == "objectives":
            item.objectives = split_list(value)
        elif label.strip().casefold() == "reference":
            item.reference = plain(value)
    message = _answers(item, block[opening + 1 : closing])
    if message:
        return refuse(message)
    problems = [ImportProblem(line, problem) for problem in rules.question_problems(item.kind, item.choices)]
    if not item.stem:
        problems.append(ImportProblem(line, "The question has no text before its answers."))
    if not item.rationale:
        problems.append(
            ImportProblem(line, "Give the rationale as general feedback after ####, e.g. {=right ~wrong ####Why.}")
        )
    return item, problems


def _answers(item, body):
    """Fill the item's kind, choices and rationale from the text between the braces; a message if it cannot."""
    body, _, general = body.partition("####")
    body = body.strip()
    if not body:
        return f"An essay question ({{}}) has nothing to grade: {UNSUPPORTED}."
    if body.startswith("#"):
        return f"A numerical question ({{#...}}) cannot be imported: {UNSUPPORTED}."
    head, *feedback = body.split("#")
    if head.strip().upper() in TRUE_WORDS:
        truth = TRUE_WORDS[head.strip().upper()]
        item.kind = rules.QuestionKind.TRUE_FALSE
        item.choices = [("True", truth), ("False", not truth)]
        # {T#shown when wrong#shown when right}: the second explains the right answer.
        item.rationale = plain(_restore(general)) or plain(_restore(feedback[-1] if feedback else ""))
        return ""
    parts = re.split(r"([=~])", body)
    if parts[0].strip():
        return "Each answer starts with = (right) or ~ (wrong); text was found before the first."
    answers = []
    for marker, content in zip(parts[1::2], parts[2::2], strict=True):
        weight = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", content)
        if weight:
            content = content[weight.end() :]
        text, _, answer_feedback = content.partition("#")
        if "->" in text:
            return f"A matching question (a -> b) cannot be imported: {UNSUPPORTED}."
        right = marker == "=" or (weight is not None and float(weight[1]) > 0)
        answers.append((plain(_restore(text)), right, marker == "~" and weight is not None, _restore(answer_feedback)))
    if all(marker == "=" for marker in parts[1::2]):
        return f"Every answer is marked right (=): that is a short-answer question. {UNSUPPORTED}; mark wrong ones ~."
    right = [answer for answer in answers if answer[1]]
    weighted = any(answer[2] and answer[1] for answer in answers)
    item.kind = rules.QuestionKind.MULTIPLE if weighted or len(right) > 1 else rules.QuestionKind.SINGLE
    item.choices = [(text, is_right) for text, is_right, _, _ in answers]
    item.rationale = plain(_restore(general)) or plain(" ".join(answer[3] for answer in right if answer[3]))
    return ""


def _escape(text):
    text = "".join("\\" + char if char in SPECIAL or char == "\\" else char for char in str(text))
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _weight(share):
    return f"{share:.5f}".rstrip("0").rstrip(".")


def write_gift(questions):
    """The bank's questions as GIFT text, in order; `parse_gift` reads it back to the same items."""
    blocks = []
    for question in questions:
        lines = []
        if question.objectives:
            lines.append(f"// objectives: {', '.join(question.objectives)}")
        if question.reference:
            lines.append(f"// reference: {' '.join(question.reference.split())}")
        lines.append(f"::{_escape(question.key)}::[html]{_escape(question.stem)} {{{_answer_text(question)}}}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _answer_text(question):
    pairs = question.choice_pairs()
    rationale = f" ####{_escape(question.rationale)}"
    words = sorted(text.strip().casefold() for text, _ in pairs)
    if question.kind == rules.QuestionKind.TRUE_FALSE and words == ["false", "true"]:
        truth = next(correct for text, correct in pairs if text.strip().casefold() == "true")
        return ("T" if truth else "F") + rationale
    if question.kind == rules.QuestionKind.MULTIPLE:
        right = sum(1 for _, correct in pairs if correct) or 1
        answers = [f"~%{_weight(100 / right) if correct else '-100'}%{_escape(text)}" for text, correct in pairs]
    else:
        answers = [f"{'=' if correct else '~'}{_escape(text)}" for text, correct in pairs]
    return " ".join(answers) + rationale
