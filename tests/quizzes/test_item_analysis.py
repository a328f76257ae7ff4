"""Item analysis against a hand-computed example.

Ten learners, three questions (C = correct, W = wrong):

    learner  k1 k2 k3  score
    L1       C  C  C   100
    L2       C  C  W   66.67
    L3       C  W  C   66.67
    L4       C  C  W   66.67
    L5       W  C  C   66.67
    L6       C  W  W   33.33
    L7       W  C  W   33.33
    L8       W  W  C   33.33
    L9       W  W  W   0
    L10      C  W  W   33.33

27% of 10 rounds to groups of 3. Ranked by score (ties by attempt order):
upper = L1, L2, L3; lower = L8, L10, L9.

k1: 6/10 correct = 60.0%; upper 3/3, lower 1/3 (L10): D = 1 - 0.333 = 0.67
k2: 5/10 = 50.0%; upper 2/3, lower 0/3: D = 0.67
k3: 4/10 = 40.0%; upper 2/3, lower 1/3 (L8): D = 0.33
"""

from decimal import Decimal

from quizzes.analysis import ItemStatistics, group_size, item_analysis
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import enrolled_learner, make_quiz

ROWS = {
    "L1": "CCC",
    "L2": "CCW",
    "L3": "CWC",
    "L4": "CCW",
    "L5": "WCC",
    "L6": "CWW",
    "L7": "WCW",
    "L8": "WWC",
    "L9": "WWW",
    "L10": "CWW",
}
WRONG_K1 = {"L5": "q1a", "L7": "q1a", "L8": "q1a", "L9": "q1c"}


def test_item_analysis_matches_the_hand_computed_example(bare_activity, settings):
    settings.QUIZZES = {"ITEM_FLAG_MIN_RESPONSES": 10}
    quiz = make_quiz(
        bare_activity,
        questions=[
            ("single", ("q1a", "+q1b", "q1c")),
            ("single", ("+q2a", "q2b", "q2c")),
            ("true_false", ("+q3t", "q3f")),
        ],
        shuffle_questions=False,
        shuffle_choices=False,
    )
    for name, row in ROWS.items():
        learner = enrolled_learner(bare_activity, name)
        attempt = start_attempt(quiz, learner)
        selections = {
            1: ["q1b"] if row[0] == "C" else [WRONG_K1[name]],
            2: ["q2a"] if row[1] == "C" else ["q2b"],
            3: ["q3t"] if row[2] == "C" else ["q3f"],
        }
        submit_attempt(attempt.pk, learner, selections)

    k1, k2, k3 = item_analysis(quiz)
    assert [item.question_key for item in (k1, k2, k3)] == ["k1", "k2", "k3"]
    assert [item.attempts for item in (k1, k2, k3)] == [10, 10, 10]
    assert [item.percent_correct for item in (k1, k2, k3)] == [Decimal("60.0"), Decimal("50.0"), Decimal("40.0")]
    assert [item.discrimination for item in (k1, k2, k3)] == [Decimal("0.67"), Decimal("0.67"), Decimal("0.33")]
    assert dict(k1.choice_counts) == {"q1b": 6, "q1a": 3, "q1c": 1}
    assert k1.flags == k2.flags == k3.flags == []


def test_group_size_is_27_percent_rounded_at_least_one():
    assert group_size(10) == 3
    assert group_size(2) == 1
    assert group_size(100) == 27


def test_flags_for_easy_hard_and_negatively_discriminating_items():
    easy = ItemStatistics(question_id=1, question_key="e", attempts=40, correct=38, discrimination=Decimal("0.1"))
    hard = ItemStatistics(question_id=2, question_key="h", attempts=30, correct=6, discrimination=Decimal("-0.2"))
    assert easy.flags == ["too easy"]
    assert hard.flags == ["too hard", "negative discrimination"]


def test_no_flag_but_too_few_responses_below_the_threshold():
    hard = ItemStatistics(question_id=2, question_key="h", attempts=29, correct=2, discrimination=Decimal("-0.2"))
    assert hard.flags == ["too few responses"]
    assert ItemStatistics(question_id=2, question_key="h", attempts=5, correct=0, min_responses=5).flags == ["too hard"]


def test_the_threshold_is_a_setting(bare_activity, settings):
    quiz = make_quiz(bare_activity, questions=[("single", ("+a", "b"))])
    learner = enrolled_learner(bare_activity, "learner")
    submit_attempt(start_attempt(quiz, learner).pk, learner, {1: ["b"]})
    assert item_analysis(quiz)[0].flags == ["too few responses"]
    settings.QUIZZES = {"ITEM_FLAG_MIN_RESPONSES": 1}
    assert item_analysis(quiz)[0].flags == ["too hard"]


def test_no_attempts_gives_no_statistics(quiz):
    assert item_analysis(quiz) == []
