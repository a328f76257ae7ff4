"""Grading: pure functions of what was presented and what was selected.

Scoring rules (documented in docs/quizzes.md):
- single best answer and true/false: 1 when exactly the correct choice is selected, else 0;
- select all that apply, all or nothing: 1 when the selection equals the correct set, else 0;
- select all that apply, partial credit: (correct selected - incorrect selected) / number correct,
  never below 0.
A choice id that was not presented with the question counts as an incorrect selection, so a
tampered answer can only lower the score.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import rules

ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class GradedAnswer:
    position: int
    question_id: int
    question_key: str
    selected: list
    credit: Decimal
    correct: bool


def grade_question(kind, presented_ids, correct_ids, selected_ids, partial_credit=False):
    selected = set(selected_ids)
    correct = set(correct_ids)
    foreign = selected - set(presented_ids)
    if kind != rules.QuestionKind.MULTIPLE:
        return ONE if (selected == correct and len(selected) == 1 and not foreign) else ZERO
    if selected == correct:
        return ONE
    if not partial_credit:
        return ZERO
    hits = len(selected & correct)
    misses = len(selected - correct)
    credit = Decimal(hits - misses) / Decimal(len(correct))
    return max(ZERO, credit).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def grade_attempt(presented, selections, partial_credit=False):
    """Return (graded answers, score percent) for `selections` = {position: [choice ids]}."""
    graded = []
    for position, question in enumerate(presented, start=1):
        selected = [str(choice_id) for choice_id in selections.get(position, [])]
        credit = grade_question(
            question["kind"],
            [choice["id"] for choice in question["choices"]],
            question["correct"],
            selected,
            partial_credit=partial_credit,
        )
        graded.append(GradedAnswer(position, question["question_id"], question["key"], selected, credit, credit == ONE))
    if not graded:
        return graded, ZERO
    earned = sum((answer.credit for answer in graded), ZERO)
    score = (earned * 100 / len(graded)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return graded, score


def passes(score_percent, passing_score):
    return Decimal(score_percent) >= Decimal(passing_score)
