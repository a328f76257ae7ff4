"""Drawing and ordering an attempt's questions, reproducibly from the attempt's seed.

The draw prefers items the learner has not been shown in earlier attempts at the quiz, then those
seen longest ago; a post-test first takes one item for each objective of the activity not yet
covered, then fills up to its size in the same order of preference (docs/quizzes.md).
"""

import random

from wagtail.rich_text import expand_db_html

from content.sanitizer import sanitize_html, sanitize_text

from . import rules


def draw(bank, size, rng, seen=None, objectives=()):
    """`size` items of `bank`: unseen first, then least recently seen (`seen`: key -> the number of the
    learner's last attempt that showed it), ties broken by `rng`; one item per objective first."""
    seen = seen or {}
    tiebreak = {question.key: rng.random() for question in bank}
    preferred = sorted(bank, key=lambda q: (q.key in seen, seen.get(q.key, 0), tiebreak[q.key]))
    drawn = []
    for objective in objectives:
        if len(drawn) == size:
            break
        if any(objective in (question.objectives or []) for question in drawn):
            continue
        item = next((q for q in preferred if objective in (q.objectives or []) and q not in drawn), None)
        if item is not None:
            drawn.append(item)
    drawn.extend(q for q in preferred if q not in drawn)
    return drawn[:size]


def present_questions(quiz, questions, seed, seen=None, objectives=(), draws=()):
    """The attempt's questions, in order, as stored on the attempt (answer key included, server side only).

    `questions` is the quiz's own bank; `draws` is [(count, items)] from shared banks, drawn after it
    with the same preferences, never an item twice and covering the objectives still uncovered."""
    rng = random.Random(seed)  # noqa: S311 (a draw the attempt stores; the key never leaves the server)
    bank = in_bank_order(questions)
    drawn = draw(bank, quiz.draw_size(len(bank)), rng, seen=seen, objectives=objectives)
    if not quiz.shuffle_questions:
        drawn = in_bank_order(drawn)
    for count, items in draws:
        taken = {question.key for question in drawn}
        uncovered = [o for o in objectives if not any(o in (q.objectives or []) for q in drawn)]
        pool = in_bank_order(q for q in items if q.key not in taken)
        picked = draw(pool, count, rng, seen=seen, objectives=uncovered)
        drawn.extend(picked if quiz.shuffle_questions else in_bank_order(picked))
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    presented = []
    for question in drawn:
        choices = [{"id": block.id, "text": sanitize_text(block.value["text"])} for block in question.choices]
        if quiz.shuffle_choices and question.kind != rules.QuestionKind.TRUE_FALSE:
            rng.shuffle(choices)
        presented.append(
            {
                "question_id": question.pk,
                "key": question.key,
                "kind": question.kind,
                "objectives": list(question.objectives or []),
                "stem": sanitize_html(expand_db_html(question.stem)),
                "choices": choices,
                "correct": question.correct_choice_ids(),
                "rationale": sanitize_text(question.rationale),
                "reference": sanitize_text(question.reference),
            }
        )
    return presented


def in_bank_order(questions):
    return sorted(questions, key=lambda question: (question.sort_order or 0, question.pk))


def without_answer_key(presented):
    """What a learner may see before submitting: stems and choices only."""
    return [
        {"key": question["key"], "kind": question["kind"], "stem": question["stem"], "choices": question["choices"]}
        for question in presented
    ]
