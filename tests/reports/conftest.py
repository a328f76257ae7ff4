"""Hand-made learner records for the report tests, built through the services, and readers
for what the screen, the CSV and the XLSX say."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup

from courses.models import CoursePage, CreditType, ModulePage
from lms.models import Completion, Enrollment
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz

UTC = datetime.UTC


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=UTC)


@pytest.fixture
def catalog(db):
    return make_catalog(make_home())


def make_activity(catalog, slug, title, objectives=("Describe the sample objective.",), modules=1, tests=True):
    course = make_course(
        catalog,
        slug=slug,
        title=title,
        credit="1.00",
        estimated_minutes=60,
        learning_objectives=[{"type": "objective", "value": text} for text in objectives],
        completion_requires_post_test=tests,
        completion_requires_evaluation=tests,
    )
    for number in range(1, modules + 1):
        make_module(course, slug=f"{slug}-m{number}", title=f"{title} module {number}")
    if tests:
        make_quiz(course, role=QuizRole.PRE_TEST, passing_score=0, shuffle_questions=False, shuffle_choices=False)
        make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False)
    # Read back, so the objectives carry the block ids they were stored with.
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def asthma(catalog):
    return make_activity(
        catalog, "asthma", "Asthma update", objectives=("Classify asthma severity.", "Choose a controller."), modules=2
    )


@pytest.fixture
def back_pain(catalog):
    return make_activity(catalog, "back-pain", "Back pain basics", tests=False)


def learner(course=None, **fields):
    member = MemberFactory(**fields)
    if course is not None:
        Enrollment.objects.create(member=member, course=course)
    return member


def enrol(member, course):
    return Enrollment.objects.create(member=member, course=course)


def take_test(member, course, role, correct, when=None):
    """Submit an attempt with the first `correct` of the four questions right: 25 points each."""
    quiz = course.quizzes.get(role=role)
    attempt = start_attempt(quiz, member.user)
    selections = {
        position: (question["correct"] if position <= correct else [])
        for position, question in enumerate(attempt.presented, 1)
    }
    return submit_attempt(attempt.pk, member.user, selections, now=when)


def evaluate(
    course, member, ratings, relevance=5, quality=4, bias_free=True, bias_comment="", commitment="", comments=""
):
    objective_ids = [block.id for block in course.learning_objectives]
    submit_evaluation(
        member,
        course,
        {
            "objective_ratings": dict(zip(objective_ids, ratings)),
            "relevance": relevance,
            "practice_change": "yes" if commitment else "already",
            "commitment_to_change": commitment,
            "free_of_commercial_bias": bias_free,
            "bias_comment": bias_comment,
            "overall_quality": quality,
            "comments": comments,
        },
    )


def complete_modules(member, course, when=None, count=None):
    modules = list(ModulePage.objects.child_of(course).filter(required=True).order_by("path"))
    for module in modules[:count]:
        complete_module(member, module, course, now=when)


def complete(member, course, when, ratings=None, **evaluation):
    """Pass the post-test, evaluate, then finish the modules at `when`: the completion's date."""
    if course.completion_requires_post_test:
        take_test(member, course, QuizRole.POST_TEST, correct=4)
    if course.completion_requires_evaluation:
        evaluate(course, member, ratings or [5] * len(course.learning_objectives), **evaluation)
    complete_modules(member, course, when=when)
    return Completion.objects.get(member=member, course=course)


def claim(member, course, amount, minutes=60):
    ama = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)
    return claim_credit(member, course, minutes, {ama: Decimal(amount)}, report_consent=True)


# Reading the reports back.


def screen_table(response):
    """(headings, rows of cell texts) of the report table on the page."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table = soup.select_one("#listing-results table")
    if table is None:
        return [], []
    headings = [" ".join(th.get_text().split()) for th in table.select("thead th")]
    rows = [[" ".join(td.get_text().split()) for td in tr.select("td")] for tr in table.select("tbody tr")]
    return headings, rows


def csv_table(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "every CSV starts with the UTF-8 byte-order mark"
    headings, *rows = list(csv.reader(io.StringIO(text[1:])))
    return headings, rows


def xlsx_table(response):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    headings, *rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    return headings, rows


def xlsx_cell_matches(screen_text, value):
    """The XLSX keeps numbers and dates typed; they must be the screen's figures."""
    if value is None:
        return screen_text == ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() == screen_text
    if isinstance(value, datetime.date):
        return value.isoformat() == screen_text
    if isinstance(value, (int, float)):
        return Decimal(str(value)) == Decimal(screen_text)
    return value == screen_text


def assert_exports_match_screen(client, url, params=None):
    """Fetch the report, its CSV and its XLSX with the same filters; all three say the same."""
    params = dict(params or {})
    screen = screen_table(client.get(url, params))
    assert csv_table(client.get(url, {**params, "export": "csv"})) == screen
    headings, rows = xlsx_table(client.get(url, {**params, "export": "xlsx"}))
    assert headings == screen[0]
    assert len(rows) == len(screen[1])
    for screen_row, xlsx_row in zip(screen[1], rows):
        assert all(xlsx_cell_matches(text, value) for text, value in zip(screen_row, xlsx_row, strict=True)), (
            screen_row,
            xlsx_row,
        )
    return screen
