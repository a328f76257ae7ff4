"""What a test's bank must hold: objectives covered, no item shared between pre-test and post-test,
enough items for fresh retakes. Read by the quiz editor, the draw and the feedback decision.

Two items are the same item when they have the same key or the same stem once markup, spacing and
case are set aside: a question row belongs to one quiz, so an item reused in another test is a copy.
"""

import html

from django.utils.html import strip_tags


def stem_text(stem):
    return " ".join(html.unescape(strip_tags(stem or "")).split()).casefold()


def colliding_items(pre_test_items, post_test_items):
    """[(pre-test item, post-test item)] that are the same item; items have `key` and `stem`."""
    by_key = {item.key: item for item in post_test_items}
    by_stem = {stem_text(item.stem): item for item in post_test_items}
    pairs = []
    for item in pre_test_items:
        twin = by_key.get(item.key) or by_stem.get(stem_text(item.stem))
        if twin is not None:
            pairs.append((item, twin))
    return pairs


def describe_collisions(pairs):
    return "; ".join(
        f"{item.key!r} (“{stem_text(item.stem)[:60]}”) is also post-test item {twin.key!r}" for item, twin in pairs
    )


def activity_objectives(course):
    """[(stable id, text)] of the activity's learning objectives, in order."""
    if course is None:
        return []
    return [(block.id, str(block.value)) for block in course.learning_objectives]


def blueprint_objectives(quiz):
    """The objective ids a post-test draw must cover; other tests draw freely."""
    if not quiz.is_credit_bearing:
        return []
    return [objective_id for objective_id, _ in activity_objectives(quiz.course)]


def blueprint_problems(objectives, items, draw_size):
    """Why a post-test drawing `draw_size` items from `items` cannot cover `objectives` [(id, text)]."""
    problems = []
    if objectives and draw_size < len(objectives):
        problems.append(
            f"The activity lists {len(objectives)} objectives but the post-test draws {draw_size} items: "
            "every attempt must assess each objective at least once."
        )
    for number, (objective_id, text) in enumerate(objectives, start=1):
        if not any(objective_id in (item.objectives or []) for item in items):
            problems.append(f"No item in the bank assesses objective {number} (“{text}”).")
    return problems


def fresh_retake_warning(quiz, bank_size):
    """Why a learner who keeps failing will see items again, or "" when every allowed attempt can be fresh."""
    if quiz.attempts_unlimited or quiz.max_attempts < 2 or not bank_size:
        return ""
    draw = quiz.draw_size(bank_size)
    needed = draw * quiz.max_attempts
    if bank_size >= needed:
        return ""
    return (
        f"The bank holds {bank_size} items; {quiz.max_attempts} attempts of {draw} items need {needed} for every "
        "attempt to be a fresh set. Retakes will repeat the items seen longest ago."
    )
