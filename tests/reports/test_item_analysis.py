"""Quiz item analysis: per question, answers, percent correct, discrimination, picks and flags."""

import pytest
from django.urls import reverse

from quizzes.models import Question, QuizDraw, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import make_bank, make_quiz

from .conftest import assert_exports_match_screen, learner, make_activity, screen_table

URL = "lms_reports:item_analysis"
LONG_STEM = (
    "<p>Which controller &amp; which dose would you choose for a <b>patient</b> with moderate persistent "
    "asthma who already uses a reliever daily?</p>"
)
# What each learner picks, per question key: k4 is answered right only by the weakest learner.
PICKS = [
    {"k1": ["q1b"], "k2": ["q2a"], "k3": ["q3true"], "k4": ["q4a"], "k5": ["q5a"]},  # 80
    {"k1": ["q1b"], "k2": ["q2a"], "k3": ["q3true"], "k4": ["q4a"], "k5": ["q5a"]},  # 80
    {"k1": ["q1b"], "k2": ["q2a"], "k3": ["q3false"], "k4": ["q4c"], "k5": ["q5a"]},  # 60
    {"k1": ["q1a"], "k2": ["q2a"], "k3": ["q3false"], "k4": ["q4d"], "k5": ["q5a"]},  # 40
    {"k1": ["q1c"], "k2": ["q2b"], "k3": ["q3false"], "k4": ["q4a", "q4b"], "k5": ["q5a"]},  # 40
]


@pytest.fixture
def quiz(catalog):
    course = make_activity(catalog, "items", "Item course", tests=False)
    quiz = make_quiz(
        course,
        role=QuizRole.POST_TEST,
        shuffle_questions=False,
        shuffle_choices=False,
        questions=[
            ("single", ("q1a", "+q1b", "q1c")),
            ("single", ("+q2a", "q2b", "q2c")),
            ("true_false", ("+q3true", "q3false")),
            ("multiple", ("+q4a", "+q4b", "q4c", "q4d")),
            ("single", ("+q5a", "q5b")),
        ],
    )
    Question.objects.filter(quiz=quiz, key="k1").update(stem=LONG_STEM)
    for picks in PICKS:
        user = learner(course).user
        attempt = start_attempt(quiz, user)
        submit_attempt(attempt.pk, user, {position: picks[q["key"]] for position, q in enumerate(attempt.presented, 1)})
    return quiz


def test_one_row_per_question_in_bank_order(admin_client, quiz, settings):
    settings.QUIZZES = {"ITEM_FLAG_MIN_RESPONSES": 5}
    response = admin_client.get(reverse(URL), {"quiz": quiz.pk})
    headings, rows = screen_table(response)
    assert headings == [
        "No.",
        "Question key",
        "Stem",
        "Objectives",
        "Answers",
        "Percent correct",
        "Discrimination",
        "Choices picked",
        "Quiz versions",
        "Flags",
    ]
    stem = (
        "Which controller & which dose would you choose for a patient with moderate persistent asthma who already "
        "uses a reliever daily?"
    )
    version = f"revision {quiz.live_revision_id} of {quiz.live_revision.created_at:%d %b %Y}: 5"
    tag = "1. Describe the sample objective."
    assert rows == [
        ["1", "k1", stem, tag, "5", "60.0", "1.00", "A. q1a: 1; B. q1b (correct): 3; C. q1c: 1", version, ""],
        ["2", "k2", "Stem 2", tag, "5", "80.0", "1.00", "A. q2a (correct): 4; B. q2b: 1; C. q2c: 0", version, ""],
        ["3", "k3", "Stem 3", tag, "5", "40.0", "1.00", "A. q3true (correct): 2; B. q3false: 3", version, ""],
        [
            "4",
            "k4",
            "Stem 4",
            tag,
            "5",
            "20.0",
            "-1.00",
            "A. q4a (correct): 3; B. q4b (correct): 1; C. q4c: 1; D. q4d: 1",
            version,
            "too hard, negative discrimination",
        ],
        ["5", "k5", "Stem 5", tag, "5", "100.0", "0.00", "A. q5a (correct): 5; B. q5b: 0", version, "too easy"],
    ]
    assert "Which controller &amp; which dose" in response.content.decode()


def test_a_question_removed_from_the_bank_keeps_its_row(admin_client, quiz):
    Question.objects.filter(quiz=quiz, key="k5").delete()
    _, rows = screen_table(admin_client.get(reverse(URL), {"quiz": quiz.pk}))
    version = f"revision {quiz.live_revision_id} of {quiz.live_revision.created_at:%d %b %Y}: 5"
    # Five answers are too few for a flag at the default threshold of 30.
    assert rows[-1] == ["", "k5", "(removed from the bank)", "", "5", "100.0", "0.00", "", version, "too few responses"]


def test_answers_are_counted_per_version_of_the_quiz(admin_client, quiz):
    from content.publishing import publish_snippet

    first = quiz.live_revision
    quiz.passing_score = 60
    second = publish_snippet(quiz)
    user = learner(quiz.course).user
    attempt = start_attempt(quiz, user)
    submit_attempt(attempt.pk, user, {})
    rows = screen_table(admin_client.get(reverse(URL), {"quiz": quiz.pk}))[1]
    assert rows[0][8] == (
        f"revision {first.pk} of {first.created_at:%d %b %Y}: 5; "
        f"revision {second.pk} of {second.created_at:%d %b %Y}: 1"
    )


def test_needs_a_quiz(admin_client, quiz):
    response = admin_client.get(reverse(URL))
    assert screen_table(response)[1] == []
    assert "Choose a quiz to see how its questions performed." in response.content.decode()


def test_exports_say_what_the_screen_says(admin_client, quiz):
    assert len(assert_exports_match_screen(admin_client, reverse(URL), {"quiz": quiz.pk})[1]) == 5


def test_the_csv_carries_stems_and_choices_whole(admin_client, quiz):
    long_choice = "A choice worded at length " * 6
    question = Question.objects.get(quiz=quiz, key="k2")
    question.choices = [
        {"type": "choice", "value": {"text": long_choice.strip(), "correct": True}, "id": "q2a"},
        {"type": "choice", "value": {"text": "q2b", "correct": False}, "id": "q2b"},
    ]
    question.save()
    response = admin_client.get(reverse(URL), {"quiz": quiz.pk, "export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "moderate persistent asthma who already uses a reliever daily?" in text
    assert f"A. {long_choice.strip()} (correct): 4" in text


def test_an_item_drawn_from_a_question_bank_has_its_own_row(admin_client, catalog):
    course = make_activity(catalog, "banked", "Banked course", tests=False)
    quiz = make_quiz(course, role=QuizRole.PRE_TEST, questions=[("single", ("+own", "other"))], shuffle_questions=False)
    QuizDraw.objects.create(quiz=quiz, bank=make_bank("Shared", questions=[("single", ("+b1", "b2"))]), count=1)
    user = learner(course).user
    attempt = start_attempt(quiz, user)
    submit_attempt(attempt.pk, user, {1: ["own"], 2: ["b1"]})
    _, rows = screen_table(admin_client.get(reverse(URL), {"quiz": quiz.pk}))
    assert [(row[0], row[1], row[2], row[4]) for row in rows] == [
        ("1", "k1", "Stem 1", "1"),
        ("2", "shared-1", "Shared item 1", "1"),
    ]
