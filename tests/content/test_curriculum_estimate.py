"""The credit estimate the curriculum reader computes, and what the bundled activities claim from it."""

import copy
from collections import Counter
from decimal import Decimal

import pytest

from content.curriculum_data import CurriculumError, read_curriculum
from content.curriculum_estimate import CreditEstimate, module_words
from content.curriculum_records import ModuleData, QuizData
from tests.lms.test_load_curriculum import COURSE, write_curriculum


def module(body):
    return ModuleData(slug="m", title="M", estimated_minutes=1, required=True, objectives=[], body=body)


def test_reading_counts_lesson_text_but_not_the_reference_list():
    body = [
        {"type": "heading", "value": "Two words"},
        {"type": "rich_text", "value": "<p>Three <strong>short</strong> words.</p><ul><li>one</li><li>two</li></ul>"},
        {"type": "key_point", "value": {"title": "Key point", "text": "Up to 10% of patients."}},
        {
            "type": "case_vignette",
            "value": {
                "title": "A case",
                "presentation": "Back pain.",
                "question": "Why?",
                "discussion": "Evidence-based care.",
            },
        },
        {"type": "references", "value": [{"title": "A long article title", "note": "many words in a note"}]},
    ]
    # 2 + 5 + (2 + 5) + (2 + 2 + 1 + 2): "10%" and "Evidence-based" are one word each.
    assert module_words(module(body)) == 21


@pytest.mark.parametrize(
    ("words", "test_items", "credit"),
    [
        (5800, 16, Decimal("0.75")),  # 29 minutes of reading and 16 of tests: 45 minutes
        (5800, 15, Decimal("0.50")),  # 44 minutes: not yet three quarters of an hour
        (2000, 5, Decimal("0.25")),  # 15 minutes
        (1000, 4, Decimal(0)),  # 9 minutes support no credit at all
    ],
)
def test_supported_credit_is_the_estimated_time_rounded_down_to_a_quarter_hour(words, test_items, credit):
    assert CreditEstimate(words=words, test_items=test_items).supported_credit == credit


def test_a_test_counts_the_items_a_learner_answers_in_one_sitting():
    assert QuizData(questions=["a", "b", "c", "d"], question_count=2).items_per_sitting == 2
    assert QuizData(questions=["a", "b", "c"], question_count=None).items_per_sitting == 3
    assert QuizData(questions=["a", "b"], question_count=5).items_per_sitting == 2


def test_a_stated_module_time_within_the_tolerance_is_accepted(tmp_path):
    course = copy.deepcopy(COURSE)
    # 3,001 words read in 15 minutes; 10 % of that is 1.5 minutes, so 14 and 16 agree and 13 does not.
    for stated, accepted in ((14, True), (16, True), (13, False)):
        course["modules"][1]["estimated_minutes"] = stated
        write_curriculum(tmp_path, [course])
        if accepted:
            read_curriculum(tmp_path)
        else:
            with pytest.raises(CurriculumError, match=r"field 'modules\[1\]\.estimated_minutes'"):
                read_curriculum(tmp_path)


def test_every_bundled_activity_designates_the_credit_its_estimate_supports():
    for course in read_curriculum().courses:
        assert {row["max_amount"] for row in course.credit_designations} == {course.estimate.supported_credit}
        assert abs(course.estimated_minutes - course.estimate.minutes) < 1, course.slug


def test_bundled_post_test_keys_are_spread_evenly_over_the_choice_positions():
    for course in read_curriculum().courses:
        bank = {question["key"]: question for question in course.raw["quiz_bank"]}
        for name, test in course.quizzes.items():
            positions = Counter(
                next(index for index, choice in enumerate(bank[key]["choices"]) if choice["correct"])
                for key in test.questions
            )
            assert max(positions.values()) - min(positions.values()) <= 1, (course.slug, name, positions)
            assert len(positions) == 4, (course.slug, name, positions)
