"""Item analysis: how each question performed across submitted attempts.

Discrimination is the upper-lower index: the share answering correctly among the top 27% of
attempts by total score minus that share among the bottom 27%. It runs from -1 to 1; a negative
value means stronger learners got the item wrong more often than weaker ones. Flags need data: an
item with fewer answers than QUIZZES["ITEM_FLAG_MIN_RESPONSES"] (default 30) is flagged only as
having too few responses.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .conf import quizzes_setting
from .models import Answer, Attempt, AttemptStatus

GROUP_SHARE = Decimal("0.27")
EASY_ABOVE = 90
HARD_BELOW = 30
TOO_FEW_RESPONSES = "too few responses"


@dataclass
class ItemStatistics:
    question_id: int
    question_key: str
    attempts: int = 0
    correct: int = 0
    choice_counts: Counter = field(default_factory=Counter)
    discrimination: Decimal | None = None
    # Answers per published version of the quiz their attempt was drawn from (None: attempts
    # from before versions were recorded), since a key or a choice may differ between versions.
    versions: Counter = field(default_factory=Counter)
    min_responses: int = 30

    @property
    def percent_correct(self):
        if not self.attempts:
            return None
        return (Decimal(self.correct) * 100 / self.attempts).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def flags(self):
        if self.attempts < self.min_responses:
            return [TOO_FEW_RESPONSES]
        flags = []
        if self.percent_correct is not None and self.percent_correct > EASY_ABOVE:
            flags.append("too easy")
        if self.percent_correct is not None and self.percent_correct < HARD_BELOW:
            flags.append("too hard")
        if self.discrimination is not None and self.discrimination < 0:
            flags.append("negative discrimination")
        return flags


def group_size(attempt_count):
    return max(1, int((GROUP_SHARE * attempt_count).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def item_analysis(quiz):
    """Statistics per question of `quiz`, in bank order, from all submitted attempts."""
    min_responses = quizzes_setting("ITEM_FLAG_MIN_RESPONSES")
    ranked = list(
        Attempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED)
        .order_by("-score_percent", "pk")
        .values_list("pk", flat=True)
    )
    upper, lower = set(), set()
    if len(ranked) >= 2:
        size = group_size(len(ranked))
        upper, lower = set(ranked[:size]), set(ranked[-size:])

    items = {}
    by_group = defaultdict(lambda: {"upper": [0, 0], "lower": [0, 0]})
    answers = Answer.objects.filter(attempt__quiz=quiz, attempt__status=AttemptStatus.SUBMITTED).values_list(
        "attempt_id", "question_id", "question_key", "selected", "correct", "attempt__quiz_revision_id"
    )
    for attempt_id, question_id, question_key, selected, correct, revision_id in answers:
        item = items.get(question_key)
        if item is None:
            item = items[question_key] = ItemStatistics(
                question_id=question_id, question_key=question_key, min_responses=min_responses
            )
        item.attempts += 1
        item.correct += int(correct)
        item.choice_counts.update(selected)
        item.versions[revision_id] += 1
        for name, members in (("upper", upper), ("lower", lower)):
            if attempt_id in members:
                by_group[question_key][name][0] += int(correct)
                by_group[question_key][name][1] += 1
    for key, item in items.items():
        (upper_correct, upper_total), (lower_correct, lower_total) = by_group[key]["upper"], by_group[key]["lower"]
        if upper_total and lower_total:
            difference = Decimal(upper_correct) / upper_total - Decimal(lower_correct) / lower_total
            item.discrimination = difference.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    order = {question.key: index for index, question in enumerate(quiz.all_items())}
    return sorted(items.values(), key=lambda item: (order.get(item.question_key, len(order)), item.question_key))
