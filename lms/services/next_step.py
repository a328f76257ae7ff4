"""The learner's next step in an activity: the one primary action for where they stand.

Every page that points a learner onward (the activity page, the dashboard, the home page, a test's
result) asks here, so they all name the same step. The order follows the completion rule:
enrol, the pre-test the activity offers, the required modules in order, the post-test, the
evaluation, then credit and the certificate. A completion stays the learner's whatever happens
to their membership: its certificate is offered even when nothing more may be claimed.

`next_steps` reads what it needs for any number of activities in a fixed number of queries (the
dashboard lists them all); `next_step` is the same for one.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import CharField, Count
from django.db.models.functions import Length, Substr
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from courses.models import ModulePage
from quizzes.models import Attempt, AttemptGrant, AttemptStatus, Quiz, QuizRole

from ..models import Certificate, Completion, Enrollment, Evaluation, ModuleProgress
from .access import refusal_for
from .eligibility import claim_options_for


class Kind:
    SIGN_IN = "sign-in"
    ENROL = "enrol"
    PRE_TEST = "pre-test"
    MODULE = "module"
    POST_TEST = "post-test"
    EVALUATION = "evaluation"
    CLAIM = "claim"
    CERTIFICATE = "certificate"
    # No action is open to the learner: `note` says why (members only, out of attempts, expired).
    WAIT = "wait"


@dataclass(frozen=True)
class NextStep:
    kind: str
    label: str
    url: str = ""
    # "post" for an action that changes records (enrolling): the page renders a form, not a link.
    method: str = "get"
    note: str = ""

    @property
    def is_action(self):
        return bool(self.url)


def sign_in_url(next_url):
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"


def next_step(member, course):
    """The primary action for `member` (None when signed out) in `course`."""
    return next_steps(member, [course])[course.pk]


def next_steps(member, courses):
    """{activity pk: NextStep} for `member` (None when signed out) in each of `courses`."""
    courses = list(courses)
    if member is None:
        return {course.pk: NextStep(Kind.SIGN_IN, "Sign in to start", sign_in_url(course.url)) for course in courses}
    facts = _Facts(member, courses)
    return {course.pk: _decide(member, course, facts) for course in courses}


def _decide(member, course, facts):
    """The one definition of the order of the steps."""
    pk = course.pk
    refusal = refusal_for(member, course)
    if pk in facts.completed:
        if not refusal and course.awards_credit_on(facts.today) and pk in facts.claimable:
            return NextStep(Kind.CLAIM, "Claim credit", reverse("lms:claim", args=[pk]))
        if pk in facts.certificates:
            return NextStep(
                Kind.CERTIFICATE, "Download certificate", reverse("lms:certificate_pdf", args=[facts.certificates[pk]])
            )
        return NextStep(
            Kind.WAIT, "", note=refusal or f"You completed {course.title}; it no longer awards credit to claim."
        )
    if refusal:
        return NextStep(Kind.WAIT, "", note=refusal)
    if pk not in facts.enrolled:
        return NextStep(Kind.ENROL, "Enrol and start", reverse("lms:enrol", args=[pk]), method="post")
    pre_test = facts.quizzes.get((pk, QuizRole.PRE_TEST))
    if pre_test is not None and pk not in facts.pre_test_taken and not facts.enrolled[pk]:
        return NextStep(Kind.PRE_TEST, "Take the pre-test", reverse("lms:pre_test", args=[pk]))
    modules = facts.modules[pk]
    done = facts.modules_done
    for number, module in enumerate(modules, start=1):
        if module.required and module.pk not in done:
            started = any(m.pk in done for m in modules)
            return NextStep(Kind.MODULE, f"{'Resume' if started else 'Start'} module {number}", module.url)
    post_test = facts.quizzes.get((pk, QuizRole.POST_TEST)) if course.completion_requires_post_test else None
    if post_test is not None and post_test.pk not in facts.passed:
        return _post_test_step(post_test, facts)
    if course.completion_requires_evaluation and pk not in facts.evaluated:
        return NextStep(Kind.EVALUATION, "Complete the evaluation", reverse("lms:evaluation", args=[pk]))
    # Every step is done: the claim page records the completion and takes the claim.
    return NextStep(Kind.CLAIM, "Claim credit", reverse("lms:claim", args=[pk]))


OUT_OF_ATTEMPTS = "You have used every attempt at the post-test. Contact the CME office if you need another."


def _post_test_step(post_test, facts):
    url = reverse("quizzes:intro", args=[post_test.pk])
    if post_test.pk in facts.open_attempts:
        return NextStep(Kind.POST_TEST, "Resume the post-test", url)
    if post_test.attempts_unlimited:
        return NextStep(Kind.POST_TEST, "Take the post-test", url)
    left = max(0, post_test.max_attempts + facts.granted[post_test.pk] - facts.used[post_test.pk])
    if not left:
        return NextStep(Kind.WAIT, "", note=OUT_OF_ATTEMPTS)
    return NextStep(Kind.POST_TEST, f"Take the post-test ({left} attempt{'s' if left != 1 else ''} left)", url)


class _Facts:
    """Where `member` stands in each of `courses`, read in a fixed number of queries."""

    def __init__(self, member, courses):
        ids = [course.pk for course in courses]
        self.today = timezone.localdate()
        # {activity pk: when the optional pre-test was skipped, or None}
        self.enrolled = dict(
            Enrollment.objects.filter(member=member, course_id__in=ids).values_list("course_id", "pre_test_skipped_at")
        )
        self.completed = dict(
            Completion.objects.filter(member=member, course_id__in=ids).values_list("course_id", "pk")
        )
        self.certificates, self.claimable = {}, set()
        if self.completed:
            self._read_credit(member, courses)
        self.evaluated = set(
            Evaluation.objects.filter(member=member, course_id__in=ids).values_list("course_id", flat=True)
        )
        # Live tests, the first of each role per activity as the completion rule takes it.
        self.quizzes = {}
        for quiz in Quiz.objects.live().filter(course_id__in=ids, role__in=[QuizRole.PRE_TEST, QuizRole.POST_TEST]):
            self.quizzes.setdefault((quiz.course_id, quiz.role), quiz)
        self._read_attempts(member, ids)
        self._read_modules(member, courses)

    def _read_credit(self, member, courses):
        completions = Completion.objects.filter(member=member, course_id__in=list(self.completed))
        current = Certificate.objects.current().filter(completion__in=completions)
        self.certificates = dict(current.exclude(pdf="").values_list("completion__course_id", "code"))
        # Nothing more is claimed on a completion whose certificate was revoked (services/credit.py).
        revoked = set(
            Certificate.objects.filter(completion__in=completions, revoked_at__isnull=False).values_list(
                "completion__course_id", flat=True
            )
        )
        by_pk = {course.pk: course for course in courses}
        options = claim_options_for(member, [(by_pk[completion.course_id], completion) for completion in completions])
        self.claimable = {pk for pk, found in options.items() if found.anything_claimable and pk not in revoked}

    def _read_attempts(self, member, ids):
        self.pre_test_taken, self.passed, self.open_attempts = set(), set(), set()
        self.used = defaultdict(int)
        attempts = Attempt.objects.filter(user_id=member.user_id, quiz__course_id__in=ids).values_list(
            "quiz_id", "quiz__course_id", "quiz__role", "number", "status", "passed"
        )
        for quiz_id, course_id, role, number, status, passed in attempts:
            self.used[quiz_id] = max(self.used[quiz_id], number)
            if status == AttemptStatus.IN_PROGRESS:
                self.open_attempts.add(quiz_id)
            elif status == AttemptStatus.SUBMITTED:
                if role == QuizRole.PRE_TEST:
                    self.pre_test_taken.add(course_id)
                if passed:
                    self.passed.add(quiz_id)
        post_tests = [quiz.pk for (_, role), quiz in self.quizzes.items() if role == QuizRole.POST_TEST]
        self.granted = defaultdict(int)
        if post_tests:
            grants = (
                AttemptGrant.objects.filter(user_id=member.user_id, quiz_id__in=post_tests)
                .order_by()
                .values_list("quiz_id")
                .annotate(n=Count("pk"))
            )
            self.granted.update(dict(grants))

    def _read_modules(self, member, courses):
        # A module's activity is the page whose path is the module's less one step.
        by_path = {course.path: course.pk for course in courses}
        parent_path = Substr("path", 1, Length("path") - ModulePage.steplen, output_field=CharField())
        self.modules = defaultdict(list)
        for module in (
            ModulePage.objects.live()
            .annotate(parent_path=parent_path)
            .filter(parent_path__in=list(by_path))
            .order_by("path")
        ):
            self.modules[by_path[module.parent_path]].append(module)
        self.modules_done = set(
            ModuleProgress.objects.filter(
                member=member, course_id__in=list(by_path.values()), completed_at__isnull=False
            ).values_list("module_id", flat=True)
        )
