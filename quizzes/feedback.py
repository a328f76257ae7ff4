"""What a learner may see of a graded attempt, decided in one place.

Every surface that shows a result (the result page, the quiz's page listing the attempts, the
learner API, the learner's data export, and any message sent to the learner) renders the
`AttemptFeedback` that `attempt_feedback` returns and nothing more, so no surface can show more
than the quiz's feedback policy allows. The policies are described in docs/quizzes.md.

Three rules hold whatever the policy:
- pass or fail is always shown, so a learner knows where they stand for credit;
- no answer key or rationale is shown while the learner has an attempt at the quiz in progress,
  so an earlier result cannot be read beside the questions being answered;
- a pre-test item the activity's post-test can draw (the same item, `quizzes.blueprint`) shows
  nothing beyond the attempt's score: not whether it was right, nor its key or rationale.
"""

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Q

from .blueprint import colliding_items
from .models import FeedbackPolicy, Question, QuizRole

LEARNER_DESCRIPTIONS = {
    FeedbackPolicy.NOTHING: "Whether you passed; no score and no answers are shown.",
    FeedbackPolicy.SCORE: "Your score and whether you passed.",
    FeedbackPolicy.WRONG_ANSWERS: "Your score and which questions you got wrong, without the correct answers.",
    FeedbackPolicy.KEY_AFTER_PASSING: (
        "Your score after each attempt; the correct answers and explanations once you pass."
    ),
    FeedbackPolicy.KEY_WHEN_NO_ATTEMPTS_LEFT: (
        "Your score after each attempt; the correct answers and explanations when you have no attempts left."
    ),
    FeedbackPolicy.WRONG_THEN_KEY: (
        "Your score, which questions you got wrong and why your right answers are right after each attempt; "
        "every correct answer and explanation once you pass or have no attempts left."
    ),
    FeedbackPolicy.EVERYTHING: "Your score, the correct answers and explanations after each attempt.",
}

HIDDEN_WHILE_OPEN = "Correct answers are hidden while you have an attempt at this quiz in progress."


@dataclass(frozen=True)
class Standing:
    """The learner's situation at a quiz when a result is shown."""

    passed: bool  # some submitted attempt at the quiz passed
    attempts_left: int | None  # None: unlimited
    attempt_open: bool  # an attempt at the quiz is in progress

    @property
    def out_of_attempts(self):
        return self.attempts_left == 0 and not self.attempt_open


@dataclass(frozen=True)
class Disclosure:
    score: bool  # the percentage (pass or fail is always shown)
    which_wrong: bool  # per question: right, partly right or wrong
    rationale_when_right: bool  # the rationale of each question answered right
    key: bool  # the correct choices, every rationale and reference


@dataclass(frozen=True)
class QuestionFeedback:
    """One question of the attempt as the learner may see it; None marks what the policy hides."""

    position: int
    question_key: str
    kind: str
    stem: str
    choices: list  # [{"id", "text"}], as presented
    selected: list  # the learner's own choice ids
    correct: bool | None
    credit: Decimal | None
    correct_choices: list | None
    rationale: str | None
    reference: str | None


@dataclass(frozen=True)
class AttemptFeedback:
    policy: str
    passed: bool
    graded: bool  # the quiz has a pass mark (an ungraded pre-test has none)
    score_percent: Decimal | None  # None: the policy shows pass or fail only
    timed_out: bool
    questions: list
    disclosure: Disclosure
    pending: str  # what will be shown later, and when; "" when nothing more will be


def disclosure(policy, standing):
    """What `policy` lets a learner in `standing` see now, and what it will show later."""
    opens_on_passing = (FeedbackPolicy.KEY_AFTER_PASSING, FeedbackPolicy.WRONG_THEN_KEY)
    opens_when_out = (FeedbackPolicy.KEY_WHEN_NO_ATTEMPTS_LEFT, FeedbackPolicy.WRONG_THEN_KEY)
    key_due = (
        policy == FeedbackPolicy.EVERYTHING
        or (policy in opens_on_passing and standing.passed)
        or (policy in opens_when_out and standing.out_of_attempts)
    )
    key = key_due and not standing.attempt_open
    shown = Disclosure(
        score=policy != FeedbackPolicy.NOTHING,
        which_wrong=key or policy in (FeedbackPolicy.WRONG_ANSWERS, FeedbackPolicy.WRONG_THEN_KEY),
        rationale_when_right=key or policy == FeedbackPolicy.WRONG_THEN_KEY,
        key=key,
    )
    if key_due and not key:
        pending = HIDDEN_WHILE_OPEN
    elif key:
        pending = ""
    elif policy == FeedbackPolicy.KEY_AFTER_PASSING:
        pending = "Correct answers and explanations are shown once you pass."
    elif policy == FeedbackPolicy.KEY_WHEN_NO_ATTEMPTS_LEFT and standing.attempts_left is not None:
        pending = "Correct answers and explanations are shown when you have no attempts left."
    elif policy == FeedbackPolicy.WRONG_THEN_KEY:
        pending = "Every correct answer and explanation is shown once you pass" + (
            " or have no attempts left." if standing.attempts_left is not None else "."
        )
    else:
        pending = ""
    return shown, pending


def shows_score(policy):
    return policy != FeedbackPolicy.NOTHING


# Progress summaries carry a best score only from quizzes whose policy shows the score.
POLICIES_SHOWING_SCORE = [policy.value for policy in FeedbackPolicy if shows_score(policy)]


def post_test_items_in(attempt):
    """Keys of the pre-test attempt's items that the activity's post-test can draw."""
    quiz = attempt.quiz
    if quiz.role != QuizRole.PRE_TEST or quiz.course_id is None:
        return set()
    post_test_items = list(
        Question.objects.filter(
            Q(quiz__course_id=quiz.course_id, quiz__role=QuizRole.POST_TEST)
            | Q(bank__draws__quiz__course_id=quiz.course_id, bank__draws__quiz__role=QuizRole.POST_TEST)
        )
        .distinct()
        .only("key", "stem")
    )
    if not post_test_items:
        return set()
    drawn = [SimpleNamespace(key=question["key"], stem=question["stem"]) for question in attempt.presented]
    return {item.key for item, _ in colliding_items(drawn, post_test_items)}


# A guarded pre-test item shows no more than the attempt's score, whatever the policy.
SCORE_ONLY = Disclosure(score=True, which_wrong=False, rationale_when_right=False, key=False)


def question_feedback(position, question, answer, shown):
    """One presented question as `shown` lets the learner see it."""
    right = bool(answer and answer.correct)
    explained = shown.key or (shown.rationale_when_right and right)
    return QuestionFeedback(
        position=position,
        question_key=question["key"],
        kind=question["kind"],
        stem=question["stem"],
        choices=question["choices"],
        selected=list(answer.selected) if answer else [],
        correct=right if shown.which_wrong else None,
        credit=(answer.credit if answer else Decimal(0)) if shown.which_wrong else None,
        correct_choices=list(question["correct"]) if shown.key else None,
        rationale=question["rationale"] if explained else None,
        reference=question["reference"] if explained else None,
    )


def attempt_feedback(attempt, standing):
    """What the learner may see of `attempt` (submitted), given where they stand at its quiz."""
    if not attempt.is_submitted:
        raise ValueError("An attempt in progress has no result to show.")
    shown, pending = disclosure(attempt.quiz.feedback_policy, standing)
    answers = {answer.position: answer for answer in attempt.answers.all()}
    guarded = post_test_items_in(attempt)
    questions = [
        question_feedback(
            position, question, answers.get(position), SCORE_ONLY if question["key"] in guarded else shown
        )
        for position, question in enumerate(attempt.presented, start=1)
    ]
    return AttemptFeedback(
        policy=attempt.quiz.feedback_policy,
        passed=bool(attempt.passed),
        graded=bool(attempt.passing_score),
        score_percent=attempt.score_percent if shown.score else None,
        timed_out=attempt.timed_out,
        questions=questions,
        disclosure=shown,
        pending=pending,
    )
