"""The completion rule is evaluated three ways: in Python for recording a completion
(`completion_status`), as SQL annotations for progress lists and the API (`enrollments_with_progress`),
and as a raw-SQL digest that tells the API whether progress changed (`progress_version`).

Random learner histories (modules marked done, post-test attempts passed or failed, the evaluation,
and the publisher changing which modules are required or live, unpublishing the post-test and
changing what the activity's completion rule asks for) are replayed step by step; after every step
the three must agree: the same counts, the same "complete", and a new digest whenever the
progress changed.
"""

import hypothesis.strategies as st
import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from content.refusals import Refused
from courses.models import CoursePage, ModulePage
from lms.models import Enrollment, Evaluation, ModuleProgress
from lms.services.completion import completion_status
from lms.services.progress import enrollments_with_progress, progress_counts
from lms.services.progress_version import member_with_progress_version, progress_etag
from quizzes.models import Quiz, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory

from .conftest import evaluation_answers

pytestmark = pytest.mark.django_db

MODULES = 3  # m1 and m2 required, "extra" optional in the fixture

steps = st.one_of(
    st.tuples(st.just("module_done"), st.integers(0, MODULES - 1)),
    st.tuples(st.just("post_test"), st.booleans()),
    st.tuples(st.just("evaluate")),
    st.tuples(st.just("module_required"), st.integers(0, MODULES - 1), st.booleans()),
    st.tuples(st.just("module_live"), st.integers(0, MODULES - 1), st.booleans()),
    st.tuples(st.just("post_test_live"), st.booleans()),
    st.tuples(st.just("rule"), st.booleans(), st.booleans()),
)


def replay(step, member, course, modules, post_test):
    kind, *args = step
    now = timezone.now()
    if kind == "module_done":
        ModuleProgress.objects.update_or_create(
            member=member, module=modules[args[0]], defaults={"course": course, "completed_at": now}
        )
    elif kind == "post_test":
        try:
            attempt = start_attempt(Quiz.objects.get(pk=post_test.pk), member.user)
        except Refused:
            return
        selections = {
            position: (question["correct"] if args[0] else []) for position, question in enumerate(attempt.presented, 1)
        }
        submit_attempt(attempt.pk, member.user, selections)
    elif kind == "evaluate":
        Evaluation.objects.get_or_create(member=member, course=course, defaults=evaluation_answers(course))
    elif kind == "module_required":
        # Publishing a page moves its last_published_at; the catalog digest reads it.
        ModulePage.objects.filter(pk=modules[args[0]].pk).update(required=args[1], last_published_at=now)
    elif kind == "module_live":
        ModulePage.objects.filter(pk=modules[args[0]].pk).update(live=args[1], last_published_at=now)
    elif kind == "post_test_live":
        Quiz.objects.filter(pk=post_test.pk).update(live=args[0], updated_at=now)
    elif kind == "rule":
        CoursePage.objects.filter(pk=course.pk).update(
            completion_requires_post_test=args[0], completion_requires_evaluation=args[1], last_published_at=now
        )


def python_rule(member, course):
    status = completion_status(member, CoursePage.objects.get(pk=course.pk))
    return {
        "possible_modules": status.required_modules,
        "done_modules": status.completed_modules,
        "post_test_counts": status.post_test is not None,
        "post_test_passed": status.post_test is not None and status.post_test_passed,
        "evaluation_counts": status.evaluation_required,
        "evaluated": status.evaluation_submitted,
        "complete": status.complete,
    }


def sql_rule(member):
    enrollment = enrollments_with_progress(member).get()
    course = enrollment.course
    post_test_counts = course.completion_requires_post_test and enrollment.has_post_test
    progress = progress_counts(
        modules_possible=enrollment.modules_possible,
        modules_earned=enrollment.modules_earned,
        requires_post_test=course.completion_requires_post_test,
        has_post_test=enrollment.has_post_test,
        post_test_passed=enrollment.post_test_passed,
        requires_evaluation=course.completion_requires_evaluation,
        evaluated=enrollment.evaluated,
        completed=False,
    )
    return {
        "possible_modules": enrollment.modules_possible,
        "done_modules": min(enrollment.modules_earned, enrollment.modules_possible),
        "post_test_counts": post_test_counts,
        "post_test_passed": post_test_counts and enrollment.post_test_passed,
        "evaluation_counts": course.completion_requires_evaluation,
        "evaluated": enrollment.evaluated,
        "complete": progress["earned"] == progress["possible"],
    }


@settings(
    max_examples=500,
    deadline=None,
    # Each example runs in its own rolled-back transaction, so the shared fixture is unchanged.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(steps, min_size=1, max_size=8))
def test_the_three_forms_of_the_completion_rule_agree(activity_with_optional_module, history):
    modules = list(ModulePage.objects.child_of(activity_with_optional_module).order_by("path"))
    post_test = activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST)
    with transaction.atomic():
        member = MemberFactory()
        Enrollment.objects.create(member=member, course=activity_with_optional_module)
        etag = progress_etag(member_with_progress_version(member_id=member.member_id))
        seen = sql_rule(member)
        for step in history:
            replay(step, member, activity_with_optional_module, modules, post_test)
            python, sql = python_rule(member, activity_with_optional_module), sql_rule(member)
            assert python == sql, f"after {step} in {history}"
            new_etag = progress_etag(member_with_progress_version(member_id=member.member_id))
            if sql != seen:
                assert new_etag != etag, f"progress changed after {step} in {history} but its digest did not"
            etag, seen = new_etag, sql
        transaction.set_rollback(True)
