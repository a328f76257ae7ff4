"""Starting and submitting quiz attempts: each rule one transaction, safe under concurrency."""

import datetime
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from wagtail import hooks

from content.caching.internals import hold_prefetched
from content.learner_lock import lock_learner
from content.refusals import Refused
from courses import hooks as cme_hooks

from .. import rules
from ..blueprint import blueprint_objectives
from ..feedback import Standing
from ..grading import grade_attempt, passes
from ..models import Answer, Attempt, AttemptGrant, AttemptStatus, MultipleResponseScoring, Question
from ..presentation import present_questions
from ..signals import attempt_graded

# Time allowed past the deadline for the request carrying the answers to arrive.
SUBMIT_GRACE = datetime.timedelta(seconds=30)


@dataclass(frozen=True)
class AnswerProblem:
    """Why one submitted answer cannot be graded. `index` is its place in the submission (from 0),
    `field` the part at fault: "position" or "choices"."""

    index: int
    position: object
    field: str
    message: str

    @property
    def path(self):
        return f"answers[{self.index}].{self.field}"


class SubmissionRefused(Exception):
    """A submission no honest form sends: nothing was written and the attempt stays open."""

    def __init__(self, problems):
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


def answer_problems(presented, answers):
    """What is wrong with `answers`, [(position, [choice ids]), ...] in the order sent, for an attempt
    that presented `presented`. An empty list of choices is a question left unanswered, which is
    allowed (it scores 0); anything else must be one of the questions drawn, answered once, with
    that question's own choices, and one choice only where the question takes one."""
    problems = []
    seen = set()
    for index, (position, choices) in enumerate(answers):
        if type(position) is not int or not 1 <= position <= len(presented):
            problems.append(
                AnswerProblem(
                    index, position, "position", f"This attempt has no question {position}; it has {len(presented)}."
                )
            )
            continue
        if position in seen:
            problems.append(
                AnswerProblem(index, position, "position", f"Question {position} is answered more than once.")
            )
            continue
        seen.add(position)
        question = presented[position - 1]
        chosen = [str(choice) for choice in choices]
        offered = {choice["id"] for choice in question["choices"]}
        if any(choice not in offered for choice in chosen):
            message = f"Question {position} was sent a choice it does not offer."
        elif len(set(chosen)) < len(chosen):
            message = f"Question {position} was sent the same choice twice."
        elif question["kind"] != rules.QuestionKind.MULTIPLE and len(chosen) > 1:
            message = f"Question {position} takes one answer; {len(chosen)} were sent."
        else:
            continue
        problems.append(AnswerProblem(index, position, "choices", message))
    return problems


def attempts_left(quiz, user):
    """None when unlimited."""
    if quiz.attempts_unlimited:
        return None
    used, _, granted = _tally(quiz, user)
    return max(0, quiz.max_attempts + granted - used)


def start_attempt(quiz, user, now=None):
    """Return the learner's open attempt, or start a new one if the attempt limit allows.

    Functions registered for the `cme_quiz_start_refusal` hook (fn(quiz, user) -> reason or
    None) may refuse first, e.g. for enrollment or membership.
    """
    now = now or timezone.now()
    if not quiz.live:
        raise Refused(f"{quiz.title} is not open to learners.")
    for refusal in hooks.get_hooks(cme_hooks.QUIZ_START_REFUSAL):
        reason = refusal(quiz, user)
        if reason:
            raise Refused(reason)
    try:
        with transaction.atomic():
            lock_learner(user)
            used, open_id, granted = _tally(quiz, user)
            open_attempt = _open_attempt(open_id, quiz, user, now) if open_id else None
            if open_attempt is not None:
                return open_attempt
            allowed = quiz.max_attempts + granted
            if not quiz.attempts_unlimited and used >= allowed:
                raise Refused(
                    f"You have used all {allowed} attempts at {quiz.title}. Contact the CME office if you need another."
                )
            questions = list(quiz.questions.all())
            draws = _bank_draws(quiz)
            if not questions and not any(items for _, items in draws):
                raise Refused(f"{quiz.title} has no questions yet.")
            seed = secrets.randbits(62)
            presented = present_questions(
                quiz,
                questions,
                seed,
                seen=_items_seen(quiz, user) if used else None,
                objectives=blueprint_objectives(quiz),
                draws=draws,
            )
            return Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=used + 1,
                seed=seed,
                presented=presented,
                passing_score=quiz.passing_score,
                partial_credit=quiz.multiple_response_scoring == MultipleResponseScoring.PARTIAL,
                quiz_revision_id=quiz.live_revision_id,
                deadline=now + datetime.timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
            )
    except IntegrityError:
        # Another request of the same learner started an attempt first (possible where the
        # database cannot lock rows, e.g. SQLite): the constraints held; hand back that attempt.
        open_attempt = Attempt.objects.filter(quiz=quiz, user=user, status=AttemptStatus.IN_PROGRESS).first()
        if open_attempt is None:
            raise Refused("Another attempt was started at the same moment; reload the page.") from None
        return open_attempt


def _bank_draws(quiz):
    """[(count, items)] for each of the quiz's draws from shared banks, in the order set."""
    draws = list(quiz.draws.all())
    if not draws:
        return []
    by_bank = {}
    # A bank's rows are its published items; a bank never published has none to give.
    for question in Question.objects.filter(bank_id__in={draw.bank_id for draw in draws}, bank__live=True):
        by_bank.setdefault(question.bank_id, []).append(question)
    return [(draw.count, draw.pool(by_bank.get(draw.bank_id, []))) for draw in draws]


def _items_seen(quiz, user):
    """Item key -> the number of the learner's latest attempt at `quiz` that showed it."""
    seen = {}
    for number, presented in (
        Attempt.objects.filter(quiz=quiz, user=user).order_by("number").values_list("number", "presented")
    ):
        seen.update((question["key"], number) for question in presented)
    return seen


def submit_attempt(attempt_id, user, answers, now=None):
    """Grade the attempt once. A repeated submission returns the graded attempt unchanged.

    `answers` is [(position, [choice ids]), ...] in the order sent, or {position: [choice ids]};
    a missing position scores 0. A tampered submission (see `answer_problems`) raises
    SubmissionRefused and changes nothing. After the time limit (plus a short grace for the
    request) no answer counts, so none is checked.
    """
    now = now or timezone.now()
    answers = list(answers.items()) if isinstance(answers, Mapping) else list(answers)
    with transaction.atomic():
        lock_learner(user)
        attempt = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt_id, user=user)
        attempt.user = user  # the row's own learner, as filtered: receivers read it without a query
        if attempt.is_submitted:
            return attempt
        if is_past_deadline(attempt, now):
            return _grade(attempt, {}, now, timed_out=True)
        problems = answer_problems(attempt.presented, answers)
        if problems:
            raise SubmissionRefused(problems)
        return _grade(attempt, dict(answers), now)


def is_past_deadline(attempt, now=None):
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + SUBMIT_GRACE


def _grade(attempt, selections, now, timed_out=False):
    # Only what the attempt carries from its start: its questions, key, pass mark and scoring rule.
    graded, score = grade_attempt(attempt.presented, selections, partial_credit=attempt.partial_credit)
    # A question deleted from the bank since the attempt started keeps its answer, by key.
    existing = set(
        Question.objects.filter(pk__in=[a.question_id for a in graded]).order_by().values_list("pk", flat=True)
    )
    answers = Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            position=answer.position,
            question_id=answer.question_id if answer.question_id in existing else None,
            question_key=answer.question_key,
            selected=answer.selected,
            credit=answer.credit,
            correct=answer.correct,
        )
        for answer in graded
    )
    # The graded attempt's feedback is shown from the rows just written, without reading them back.
    hold_prefetched(attempt, "answers", answers)
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = now
    attempt.timed_out = timed_out
    attempt.score_percent = score
    attempt.passed = passes(score, attempt.passing_score)
    attempt.save(update_fields=["status", "submitted_at", "timed_out", "score_percent", "passed"])
    attempt_graded.send(sender=Attempt, attempt=attempt)
    return attempt


def _tally(quiz, user):
    """(attempts used, the open attempt's id or None, extra attempts granted) in one query; the
    start reads it under the learner's lock. Attempts are history, numbered 1, 2, ... and never deleted, so the
    highest number is the count, read from the index without counting the rows. Plain SQL: the
    ORM took longer to build these subqueries on every start than the database took to run them."""
    attempts, grants = Attempt._meta.db_table, AttemptGrant._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE((SELECT MAX(number) FROM {attempts} WHERE quiz_id = %s AND user_id = %s), 0),"
            f" (SELECT id FROM {attempts} WHERE quiz_id = %s AND user_id = %s AND status = %s),"
            f" (SELECT COUNT(*) FROM {grants} WHERE quiz_id = %s AND user_id = %s)",
            [quiz.pk, user.pk, quiz.pk, user.pk, AttemptStatus.IN_PROGRESS.value, quiz.pk, user.pk],
        )
        return cursor.fetchone()


def _open_attempt(attempt_id, quiz, user, now):
    """The learner's attempt in progress, or None once one whose time ran out is graded with no
    answers, as timed out."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt_id, user=user)
    attempt.quiz = quiz  # the caller's, with its activity: read again without a query
    if not is_past_deadline(attempt, now):
        return attempt
    _grade(attempt, {}, now, timed_out=True)
    return None


def learner_standing(quiz, user):
    """Where the learner stands at `quiz` (passed, attempts left, one open), in one statement: what
    a graded attempt may show depends on it (`quizzes.feedback`)."""
    attempts, grants = Attempt._meta.db_table, AttemptGrant._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE((SELECT MAX(number) FROM {attempts} WHERE quiz_id = %s AND user_id = %s), 0),"
            f" EXISTS(SELECT 1 FROM {attempts} WHERE quiz_id = %s AND user_id = %s AND status = %s),"
            f" EXISTS(SELECT 1 FROM {attempts} WHERE quiz_id = %s AND user_id = %s AND passed),"
            f" (SELECT COUNT(*) FROM {grants} WHERE quiz_id = %s AND user_id = %s)",
            [quiz.pk, user.pk, quiz.pk, user.pk, AttemptStatus.IN_PROGRESS.value, quiz.pk, user.pk, quiz.pk, user.pk],
        )
        used, attempt_open, passed, granted = cursor.fetchone()
    left = None if quiz.attempts_unlimited else max(0, quiz.max_attempts + granted - used)
    return Standing(passed=bool(passed), attempts_left=left, attempt_open=bool(attempt_open))
