"""When a bank's draft may go live: never when it would leave a live test drawing from the bank
without enough items, or a live post-test without an item for one of its activity's objectives.
Every way of publishing asks it: the Publish button (the before_publish hook, which keeps the draft
and shows the messages), a workflow approval and scheduled publishing (`QuestionBank.publish`).
Nor may a bank go offline while a live test draws from it: the admin's Unpublish action (the
before_unpublish hook), code and scheduled expiry (`QuestionBank.unpublish`). A refused scheduled
change is cancelled rather than raised (content/scheduling.py)."""

from django.core.exceptions import PermissionDenied

from .. import blueprint
from .rules import ROLE_LABELS


class BankRefused(PermissionDenied):
    change = "changed"

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"This question bank cannot be {self.change}: " + " ".join(self.problems))


class BankPublishRefused(BankRefused):
    change = "published"


class BankUnpublishRefused(BankRefused):
    change = "unpublished"


def bank_publish_problems(bank):
    """Why `bank` as it would be published (a revision's object, its items in memory) may not go live."""
    from ..models import Question, Quiz

    if bank.pk is None:
        return []
    items = list(bank.questions.all())
    live_items = list(Question.objects.filter(bank_id=bank.pk))
    problems = []
    for quiz in Quiz.objects.live().filter(draws__bank_id=bank.pk).distinct().select_related("course"):
        for draw in quiz.draws.filter(bank_id=bank.pk):
            held = len(draw.pool(items))
            if held < draw.count:
                which = f" assessing objective {draw.objective!r}" if draw.objective else ""
                problems.append(
                    f"The live {ROLE_LABELS[quiz.role]} {quiz.title!r} draws {draw.count} items{which} from this "
                    f"bank; this version holds {held}."
                )
        problems.extend(_objectives_left_uncovered(quiz, bank.pk, live_items, items))
    return problems


def _objectives_left_uncovered(quiz, bank_id, live_items, items):
    """A post-test's objectives that `items` in place of the bank's `live_items` leave without an item it
    can draw. One uncovered already is the quiz editor's to report, not a reason to hold the bank back."""
    from ..models import Question

    objectives = blueprint.activity_objectives(quiz.course) if quiz.is_credit_bearing else []
    if not objectives:
        return []
    others = list(quiz.questions.all())
    draws = list(quiz.draws.all())
    for draw in draws:
        if draw.bank_id != bank_id:
            others.extend(draw.pool(Question.objects.filter(bank_id=draw.bank_id)))

    def covered(bank_items):
        drawable = [*others, *(item for draw in draws if draw.bank_id == bank_id for item in draw.pool(bank_items))]
        return {objective for objective, _ in objectives if any(objective in (i.objectives or []) for i in drawable)}

    lost = covered(live_items) - covered(items)
    return [
        f"The live post-test {quiz.title!r} draws from this bank; this version leaves no item it can draw "
        f"assessing objective {number} (“{text}”)."
        for number, (objective, text) in enumerate(objectives, start=1)
        if objective in lost
    ]


def bank_unpublish_problems(bank):
    """Why `bank` may not be taken offline: the live tests that would be left drawing nothing from it."""
    from ..models import Quiz

    return [
        f"The live {ROLE_LABELS[quiz.role]} {quiz.title!r} draws from this bank; it would draw nothing from it."
        for quiz in Quiz.objects.live().filter(draws__bank_id=bank.pk).distinct()
    ]
