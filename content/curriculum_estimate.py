"""The learning time a curriculum activity's files support, and the credit that time allows.

Module text is read at 200 words a minute, plus one minute for every test item a learner answers
in one sitting of each test; the curriculum reader (content/curriculum_data.py) refuses stated
times and credit this does not support.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from bs4 import BeautifulSoup

# The blocks whose text a learner reads: plain-text blocks, and structured blocks by their fields.
TEXT_BLOCKS = {"heading"}
STRUCT_BLOCKS = {
    "key_point": ("title", "text"),
    "case_vignette": ("title", "presentation", "question", "discussion"),
}

# A stated estimated_minutes may differ from the computed time by 10 % of it, or by 1 minute
# where that is more.
WORDS_PER_MINUTE = 200
MINUTES_PER_TEST_ITEM = 1
ESTIMATE_TOLERANCE = Decimal("0.10")
MIN_ESTIMATE_TOLERANCE_MINUTES = 1
CREDIT_STEP = Decimal("0.25")
TOLERANCE_RULE = (
    f"state it within {int(ESTIMATE_TOLERANCE * 100)} % of the computed time "
    f"(or {MIN_ESTIMATE_TOLERANCE_MINUTES} minute, where that is more)"
)
WORD = re.compile(r"\w+(?:['’-]\w+)*%?")


@dataclass
class CreditEstimate:
    """The learning time an activity's files support, and the credit that time allows."""

    words: int
    test_items: int

    @property
    def reading_minutes(self):
        return Decimal(self.words) / WORDS_PER_MINUTE

    @property
    def test_minutes(self):
        return Decimal(self.test_items * MINUTES_PER_TEST_ITEM)

    @property
    def minutes(self):
        return self.reading_minutes + self.test_minutes

    @property
    def supported_credit(self):
        """Hours of learning rounded down to the quarter hour: never more credit than the time supports."""
        return (self.minutes / 60 / CREDIT_STEP).to_integral_value(rounding=ROUND_FLOOR) * CREDIT_STEP

    def describe(self):
        return (
            f"{self.words} words of module text at {WORDS_PER_MINUTE} a minute and {self.test_items} test items "
            f"at {MINUTES_PER_TEST_ITEM} minute each: {_minutes(self.minutes)} minutes"
        )


def _minutes(value):
    return f"{value.quantize(Decimal('0.1'))}".rstrip("0").rstrip(".")


def count_words(text):
    return len(WORD.findall(text))


def module_words(module):
    """Words a learner reads in a module's body; reference lists are not counted as reading."""
    words = 0
    for block in module.body:
        kind, value = block["type"], block["value"]
        if kind == "rich_text":
            words += count_words(BeautifulSoup(value, "html.parser").get_text(" "))
        elif kind in TEXT_BLOCKS:
            words += count_words(value)
        elif kind in STRUCT_BLOCKS:
            words += sum(count_words(value[name]) for name in STRUCT_BLOCKS[kind])
    return words


def check_estimate(reader, modules, quizzes, designations):
    """Refuse, through `reader.fail`, estimated times and credit the module text and test items do not support."""
    for index, module in enumerate(modules):
        words = module_words(module)
        computed = Decimal(words) / WORDS_PER_MINUTE
        if not _agrees(module.estimated_minutes, computed):
            reader.fail(
                f"modules[{index}].estimated_minutes",
                f"{module.estimated_minutes} minutes disagrees with the {_minutes(computed)} minutes its {words} words "
                f"take at {WORDS_PER_MINUTE} words a minute; {TOLERANCE_RULE}",
            )
    estimate = CreditEstimate(
        words=sum(module_words(module) for module in modules),
        test_items=sum(quiz.items_per_sitting for quiz in quizzes.values()),
    )
    stated = reader.get("estimated_minutes", int)
    if not _agrees(stated, estimate.minutes):
        reader.fail(
            "estimated_minutes",
            f"{stated} minutes disagrees with the estimate ({estimate.describe()}); {TOLERANCE_RULE}",
        )
    for index, designation in enumerate(designations):
        if designation["max_amount"] > estimate.supported_credit:
            reader.fail(
                f"credit_designations[{index}].max_amount",
                f"{designation['max_amount']} is more than the {estimate.supported_credit} the estimate supports "
                f"({estimate.describe()}, rounded down to a quarter hour)",
            )
    return estimate


def _agrees(stated, computed):
    return abs(Decimal(stated) - computed) <= max(computed * ESTIMATE_TOLERANCE, MIN_ESTIMATE_TOLERANCE_MINUTES)
