"""Item analysis of one quiz: how each question performed, with the flags worth a look."""

import html
from dataclasses import dataclass
from decimal import Decimal
from string import ascii_uppercase

import django_filters
from django.utils.html import strip_tags
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Revision

from quizzes.analysis import item_analysis
from quizzes.blueprint import activity_objectives
from quizzes.conf import quizzes_setting
from quizzes.models import Quiz

from .base import CMEReportView


class ItemAnalysisFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        label="Quiz", method="filter_quiz", queryset=Quiz.objects.order_by("title"), empty_label="Choose a quiz"
    )

    class Meta:
        model = Quiz
        fields = []

    def filter_quiz(self, queryset, name, value):
        return queryset.filter(pk=value.pk)


@dataclass
class ItemRow:
    number: int | None
    key: str
    stem: str
    objectives: str
    answers: int
    percent_correct: Decimal | None
    discrimination: Decimal | None
    choices: str
    versions: str
    flags: str


def plain_text(rich_text):
    """The whole text, never shortened: the screen and the exports carry every word of a stem or choice."""
    return " ".join(html.unescape(strip_tags(rich_text)).split())


def objectives_assessed(question, numbered):
    """'1. text; 3. text': the activity's objectives the item is tagged with, in the activity's order."""
    tags = set(question.objectives or [])
    return "; ".join(label for objective_id, label in numbered if objective_id in tags)


def choice_distribution(question, counts):
    """'A. text (correct): 3; B. text: 1', in the bank's choice order; picks of removed choices last."""
    parts, known = [], set()
    for letter, block in zip(ascii_uppercase, question.choices):
        known.add(block.id)
        marker = " (correct)" if block.value["correct"] else ""
        parts.append(f"{letter}. {plain_text(block.value['text'])}{marker}: {counts.get(block.id, 0)}")
    removed = sum(count for choice_id, count in counts.items() if choice_id not in known)
    if removed:
        parts.append(f"removed choices: {removed}")
    return "; ".join(parts)


def version_counts(versions, published):
    """'revision 27 of 02 Dec 2026: 12; revision 31 of 05 Jan 2027: 3', oldest first."""
    parts = []
    for revision_id in sorted(versions, key=lambda pk: (pk is not None, pk or 0)):
        if revision_id is None:
            label = "before versions were recorded"
        else:
            label = f"revision {revision_id} of {published[revision_id]:%d %b %Y}"
        parts.append(f"{label}: {versions[revision_id]}")
    return "; ".join(parts)


def item_rows(quiz):
    bank = {question.key: (number, question) for number, question in enumerate(quiz.all_items(), start=1)}
    course = quiz.course or (quiz.module.get_course() if quiz.module_id else None)
    numbered = [(pk, f"{number}. {text}") for number, (pk, text) in enumerate(activity_objectives(course), start=1)]
    items = item_analysis(quiz)
    revision_ids = {pk for item in items for pk in item.versions if pk is not None}
    published = dict(Revision.objects.filter(pk__in=revision_ids).values_list("pk", "created_at"))
    rows = []
    for item in items:
        number, question = bank.get(item.question_key, (None, None))
        rows.append(
            ItemRow(
                number=number,
                key=item.question_key,
                stem=plain_text(question.stem) if question else "(removed from the bank)",
                objectives=objectives_assessed(question, numbered) if question else "",
                answers=item.attempts,
                percent_correct=item.percent_correct,
                discrimination=item.discrimination,
                choices=choice_distribution(question, item.choice_counts) if question else "",
                versions=version_counts(item.versions, published),
                flags=", ".join(item.flags),
            )
        )
    return rows


class ItemAnalysisReportView(CMEReportView):
    page_title = "Quiz item analysis"
    header_icon = "list-ol"
    filterset_class = ItemAnalysisFilterSet
    index_url_name = "lms_reports:item_analysis"
    index_results_url_name = "lms_reports:item_analysis_results"
    export_name = "cme-item-analysis"

    @property
    def report_note(self):
        return (
            "From every submitted attempt. Discrimination is the share correct among the top 27% of attempts "
            "by score minus the share among the bottom 27%. Flagged: more than 90% or fewer than 30% correct, "
            "or negative discrimination, and only for items with at least "
            f"{quizzes_setting('ITEM_FLAG_MIN_RESPONSES')} answers; below that the flag says "
            '"too few responses". Objectives are the activity\'s learning objectives the item assesses. Stems, '
            "choices and the key marked are those of the live version; answers count per version of the quiz "
            "their attempt was drawn from, each graded with its own key."
        )

    list_export = [
        "number",
        "key",
        "stem",
        "objectives",
        "answers",
        "percent_correct",
        "discrimination",
        "choices",
        "versions",
        "flags",
    ]
    export_headings = {
        "number": "No.",
        "key": "Question key",
        "stem": "Stem",
        "objectives": "Objectives",
        "answers": "Answers",
        "percent_correct": "Percent correct",
        "discrimination": "Discrimination",
        "choices": "Choices picked",
        "versions": "Quiz versions",
        "flags": "Flags",
    }

    @property
    def no_results_message(self):
        if self.selected("quiz") is None:
            return "Choose a quiz to see how its questions performed."
        return "Nobody has submitted an attempt at this quiz yet."

    def get_base_queryset(self):
        return Quiz.objects.all()

    def get_rows(self, records):
        quiz = self.selected("quiz")
        return item_rows(quiz) if quiz is not None else []
