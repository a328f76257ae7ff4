"""Worked examples for every question type and scoring mode."""

from decimal import Decimal

import pytest

from quizzes.grading import grade_attempt, grade_question, passes

ABCD = ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("selected", "credit"),
    [(["b"], 1), (["a"], 0), ([], 0), (["a", "b"], 0), (["b", "b"], 1), (["zz"], 0), (["b", "zz"], 0)],
)
def test_single_best_answer(selected, credit):
    assert grade_question("single", ABCD, ["b"], selected) == Decimal(credit)


@pytest.mark.parametrize(("selected", "credit"), [(["true"], 1), (["false"], 0), ([], 0), (["true", "false"], 0)])
def test_true_false(selected, credit):
    assert grade_question("true_false", ["true", "false"], ["true"], selected) == Decimal(credit)


@pytest.mark.parametrize(
    ("selected", "credit"),
    [(["a", "b"], 1), (["b", "a"], 1), (["a"], 0), (["a", "b", "c"], 0), ([], 0), (["c", "d"], 0)],
)
def test_multiple_response_all_or_nothing(selected, credit):
    assert grade_question("multiple", ABCD, ["a", "b"], selected) == Decimal(credit)


@pytest.mark.parametrize(
    ("selected", "credit"),
    [
        (["a", "b", "c"], "1"),  # every correct choice
        (["a", "b"], "0.667"),  # 2 of 3 correct, no wrong: 2/3
        (["a"], "0.333"),  # 1 of 3
        (["a", "b", "d"], "0.333"),  # 2 right - 1 wrong = 1, over 3
        (["a", "d"], "0"),  # 1 - 1 = 0
        (["d"], "0"),  # negative floors at 0
        (["a", "b", "c", "d"], "0.667"),  # 3 - 1 = 2, over 3
        (["a", "b", "zz"], "0.333"),  # a foreign id counts as a wrong selection
    ],
)
def test_multiple_response_partial_credit(selected, credit):
    assert grade_question("multiple", ABCD, ["a", "b", "c"], selected, partial_credit=True) == Decimal(credit)


def presented(n_correct_of=10):
    return [
        {"question_id": i, "key": f"k{i}", "kind": "single", "choices": [{"id": "a"}, {"id": "b"}], "correct": ["a"]}
        for i in range(1, n_correct_of + 1)
    ]


def test_score_is_percent_of_questions():
    selections = {i: ["a"] for i in range(1, 8)} | {8: ["b"], 9: ["b"], 10: []}
    graded, score = grade_attempt(presented(10), selections)
    assert score == Decimal("70.00")
    assert [answer.correct for answer in graded] == [True] * 7 + [False] * 3


def test_exactly_the_pass_mark_passes():
    assert passes(Decimal("70.00"), 70)
    assert not passes(Decimal("69.99"), 70)
    assert passes(Decimal("0"), 0)


def test_two_of_three_rounds_below_seventy_and_fails():
    _, score = grade_attempt(presented(3), {1: ["a"], 2: ["a"], 3: ["b"]})
    assert score == Decimal("66.67")
    assert not passes(score, 70)


def test_partial_credit_adds_up_in_the_score():
    questions = [
        {
            "question_id": 1,
            "key": "m",
            "kind": "multiple",
            "choices": [{"id": x} for x in "abcd"],
            "correct": ["a", "b"],
        },
        {"question_id": 2, "key": "s", "kind": "single", "choices": [{"id": "a"}, {"id": "b"}], "correct": ["a"]},
    ]
    _, score = grade_attempt(questions, {1: ["a"], 2: ["a"]}, partial_credit=True)
    assert score == Decimal("75.00")
