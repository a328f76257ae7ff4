"""Drawing and ordering an attempt's questions, reproducibly from the attempt's seed."""

import random

from wagtail.rich_text import expand_db_html

from content.sanitizer import sanitize_html, sanitize_text

from . import rules


def present_questions(quiz, questions, seed):
    """The attempt's questions, in order, as stored on the attempt (answer key included, server side only)."""
    rng = random.Random(seed)  # noqa: S311 (a draw the attempt stores; the key never leaves the server)
    bank = sorted(questions, key=lambda question: (question.sort_order or 0, question.pk))
    size = quiz.draw_size(len(bank))
    drawn = rng.sample(bank, size) if size < len(bank) else list(bank)
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    else:
        drawn.sort(key=lambda question: (question.sort_order or 0, question.pk))
    presented = []
    for question in drawn:
        choices = [{"id": block.id, "text": sanitize_text(block.value["text"])} for block in question.choices]
        if quiz.shuffle_choices and question.kind != rules.TRUE_FALSE:
            rng.shuffle(choices)
        presented.append(
            {
                "question_id": question.pk,
                "key": question.key,
                "kind": question.kind,
                "stem": sanitize_html(expand_db_html(question.stem)),
                "choices": choices,
                "correct": question.correct_choice_ids(),
                "rationale": sanitize_text(question.rationale),
                "reference": sanitize_text(question.reference),
            }
        )
    return presented


def without_answer_key(presented):
    """What a learner may see before submitting: stems and choices only."""
    return [
        {"key": question["key"], "kind": question["kind"], "stem": question["stem"], "choices": question["choices"]}
        for question in presented
    ]
