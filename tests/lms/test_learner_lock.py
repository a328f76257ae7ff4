"""One lock per learner (content/learner_lock.py), on PostgreSQL with real connections: every write
that changes what a learner has earned waits while another transaction holds it, and a post-test
submission racing a completion and a claim settles without a deadlock."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from content.learner_lock import lock_learner
from content.refusals import Refused
from courses.models import CreditType, ModulePage
from lms.models import Certificate, Completion, CreditClaim, Enrollment
from lms.services.certificates import revoke_certificate
from lms.services.completion import check_completion
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.manual import record_manual_completion
from lms.services.members import anonymize_member, upsert_member
from lms.services.pre_test import skip_pre_test
from lms.services.progress import complete_module, complete_module_by_knowledge_check
from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory, UserFactory, make_catalog, make_course, make_home, make_module, make_quiz

from .conftest import evaluation_answers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def activity():
    course = make_course(make_catalog(make_home()), slug="locked", credit="0.75", estimated_minutes=45)
    make_module(course, slug="only")
    make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False, max_attempts=50)
    member = MemberFactory(user__username="locked")
    Enrollment.objects.create(member=member, course=course)
    return member, course


def _module(course):
    return ModulePage.objects.child_of(course).get()


def _post_test(course):
    return course.quizzes.get(role=QuizRole.POST_TEST)


def _passing(attempt):
    return {position: question["correct"] for position, question in enumerate(attempt.presented, 1)}


ENTRY_POINTS = {
    "start an attempt": lambda member, course: start_attempt(_post_test(course), member.user),
    "submit an attempt": lambda member, course: submit_attempt(
        start_attempt(_post_test(course), member.user).pk, member.user, {}
    ),
    "complete a module": lambda member, course: complete_module(member, _module(course), course),
    "pass a knowledge check": lambda member, course: complete_module_by_knowledge_check(
        member, _module(course), course
    ),
    "check the completion": check_completion,
    "evaluate": lambda member, course: submit_evaluation(member, course, evaluation_answers(course)),
    "skip the pre-test": skip_pre_test,
    "record a completion by hand": lambda member, course: record_manual_completion(
        member, course, UserFactory(username="office"), "Attended in person."
    ),
    "claim credit": lambda member, course: claim_credit(
        member, course, 45, {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")}, True
    ),
    "revoke the certificate": lambda member, course: revoke_certificate(
        Certificate.objects.get(completion__member=member), UserFactory(username="office"), "Issued in error."
    ),
    "update the member": lambda member, course: upsert_member(
        member.member_id, {"first_name": "Renamed", "last_name": member.last_name, "email": "renamed@example.org"}
    ),
    "anonymize the member": lambda member, course: anonymize_member(
        member, UserFactory(username="office"), "Asked to be forgotten."
    ),
}


def _waiting_on_a_lock():
    """Whether another connection to this database waits for a row lock, polled for up to ten seconds."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            # The activity view is read once per transaction unless its snapshot is cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def _waits_for_the_learner(member, course, entry_point):
    """Run the entry point in another connection while this one holds the learner's lock: whether it
    waited for the lock, and what it raised other than a refusal."""
    done = threading.Event()
    errors = []

    def other_request():
        try:
            ENTRY_POINTS[entry_point](member, course)
        except Refused:
            pass  # a refusal given under the lock is still an answer after waiting for it
        except Exception as error:  # noqa: BLE001 - asserted on below
            errors.append(error)
        finally:
            done.set()
            connection.close()

    thread = threading.Thread(target=other_request)
    with transaction.atomic():
        lock_learner(member.user)
        thread.start()
        waited = _waiting_on_a_lock() and not done.is_set()
    thread.join(timeout=30)
    return waited and done.is_set(), errors


def test_each_entry_point_waits_while_the_learners_lock_is_held(activity):
    member, course = activity
    # In this order each step finds the records the one before it left, and anonymizing comes last.
    for entry_point in ENTRY_POINTS:
        waited, errors = _waits_for_the_learner(member, course, entry_point)
        assert waited, f"{entry_point} did not wait for the learner's lock"
        assert errors == [], entry_point
    assert Certificate.objects.get(completion__member=member, completion__course=course).revoked_at is not None


def test_another_learners_lock_holds_no_one_up(activity):
    member, course = activity
    other = MemberFactory(user__username="elsewhere")
    with transaction.atomic():
        lock_learner(other.user)
        thread = threading.Thread(target=lambda: (complete_module(member, _module(course), course), connection.close()))
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive()


def test_a_post_test_submission_racing_completions_and_claims_settles_without_deadlock(activity):
    member, course = activity
    complete_module(member, _module(course), course)
    submit_evaluation(member, course, evaluation_answers(course))
    attempts = [start_attempt(_post_test(course), member.user)]
    ama = CreditType.objects.get(code="ama-pra-category-1")
    barrier = threading.Barrier(20)
    claimed, errors = [], []

    def race(index):
        try:
            barrier.wait()
            if index == 0:
                submit_attempt(attempts[0].pk, member.user, _passing(attempts[0]))
            elif index % 2:
                check_completion(member, course)
            else:
                claimed.append(claim_credit(member, course, 45, {ama: Decimal("0.75")}, True))
        except Refused:
            pass
        except Exception as error:  # noqa: BLE001 - asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(index,)) for index in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Completion.objects.filter(member=member, course=course).count() == 1
    assert CreditClaim.objects.filter(completion__member=member).count() == len(claimed) <= 1
