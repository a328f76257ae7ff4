"""Which tests may draw from a shared bank. A pre-test and the post-test of one activity never draw
from the same bank: a learner would meet post-test items before studying. Asked by the quiz form,
the bank form and the activity's publishing check."""

ROLE_LABELS = {"pre_test": "pre-test", "post_test": "post-test", "knowledge_check": "knowledge check"}
TWIN_ROLE = {"pre_test": "post_test", "post_test": "pre_test"}


def twin_test_bank_ids(role, course_id, quiz_id=None):
    """Ids of the banks the activity's test in the other role draws from (its published rows)."""
    # Imported here: the bank model's form asks these rules, so the models import this module.
    from ..models import QuizDraw

    if course_id is None or role not in TWIN_ROLE:
        return set()
    draws = QuizDraw.objects.filter(quiz__course_id=course_id, quiz__role=TWIN_ROLE[role])
    if quiz_id is not None:
        draws = draws.exclude(quiz_id=quiz_id)
    return set(draws.values_list("bank_id", flat=True))


def draw_problems(role, course_id, bank, twin_bank_ids):
    """Why a test in `role` of activity `course_id` may not draw from `bank`: [] when it may."""
    problems = []
    if not bank.live:
        problems.append(f"The bank {bank.name!r} is not published; publish it before a test draws from it.")
    if bank.role and bank.role != role:
        problems.append(
            f"The bank {bank.name!r} is kept for {ROLE_LABELS[bank.role]}s; a {ROLE_LABELS.get(role, role)} "
            "may not draw from it."
        )
    if bank.course_id and bank.course_id != course_id:
        problems.append(f"The bank {bank.name!r} belongs to another activity; only that activity's tests draw from it.")
    if bank.pk in twin_bank_ids:
        problems.append(
            f"The pre-test and the post-test of this activity may not draw from the same bank ({bank.name!r}): "
            "a learner would meet post-test items in the pre-test. Keep their items in separate banks."
        )
    return problems


def shared_bank_problems(page):
    """Publishing check: why activity `page` may not be published for banks its two tests share."""
    from ..models import QuizDraw, QuizRole

    if page.pk is None:
        return []
    by_role = {}
    for role, bank_id, name in QuizDraw.objects.filter(
        quiz__course_id=page.pk, quiz__role__in=[QuizRole.PRE_TEST, QuizRole.POST_TEST]
    ).values_list("quiz__role", "bank_id", "bank__name"):
        by_role.setdefault(role, {})[bank_id] = name
    pre, post = by_role.get(QuizRole.PRE_TEST, {}), by_role.get(QuizRole.POST_TEST, {})
    return [
        f"Its pre-test and post-test both draw from the bank {pre[bank_id]!r}; keep their items in separate banks."
        for bank_id in sorted(pre.keys() & post.keys())
    ]
