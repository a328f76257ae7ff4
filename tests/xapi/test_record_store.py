"""A learner's journey reaches a real learning record store (Ralph) as xAPI 1.0.3 statements,
through the outbox: in order, each once, and nothing lost while the store is down."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import F

from courses.models import CreditType, ModulePage
from lms.models import DeliveryStatus, XapiStatement
from lms.outbox.sweep import requeue_due_deliveries
from lms.services.credit import claim_credit
from lms.services.enrollment import enrol
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module, record_module_started
from lms.xapi import profile
from lms.xapi.config import EVENTS
from quizzes.models import QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory, make_quiz
from tests.lms.conftest import evaluation_answers, pass_post_test

from .conftest import SITE_URL, send_waiting

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def take_pre_test(member, course):
    """Half the questions right."""
    attempt = start_attempt(course.quizzes.get(role=QuizRole.PRE_TEST), member.user)
    selections = {
        position: (question["correct"] if position % 2 else [])
        for position, question in enumerate(attempt.presented, 1)
    }
    return submit_attempt(attempt.pk, member.user, selections)


def iri(kind, pk):
    return f"{SITE_URL}/xapi/activities/{kind}/{pk}"


def journey(member, course, committed):
    """Every step a learner takes, each committed as the learner's request would be."""
    m1, m2 = ModulePage.objects.child_of(course).filter(required=True).order_by("path")
    steps = [
        lambda: enrol(member, course),
        lambda: take_pre_test(member, course),
        lambda: record_module_started(member, m1, course),
        lambda: complete_module(member, m1, course),
        lambda: complete_module(member, m2, course),
        lambda: pass_post_test(member, course, correct=False),
        lambda: pass_post_test(member, course),
        lambda: submit_evaluation(member, course, evaluation_answers(course)),
        lambda: claim_credit(
            member, course, 45, {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")}, True
        ),
    ]
    for step in steps:
        with committed(execute=True):
            step()
    return m1, m2


@pytest.fixture
def learner(activity_with_optional_module):
    make_quiz(activity_with_optional_module, role=QuizRole.PRE_TEST, shuffle_questions=False, shuffle_choices=False)
    return MemberFactory(member_id="S-1001")


def test_a_whole_journey_arrives_in_order_each_statement_once(
    lrs, activity_with_optional_module, learner, django_capture_on_commit_callbacks
):
    m1, m2 = journey(learner, activity_with_optional_module, django_capture_on_commit_callbacks)

    stored = lrs.statements()
    pre_test = activity_with_optional_module.quizzes.get(role=QuizRole.PRE_TEST)
    post_test = activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST)
    assert [(s["verb"]["id"], s["object"]["id"]) for s in stored] == [
        (ADL + "registered", iri("activity", activity_with_optional_module.pk)),
        (ADL + "attempted", iri("test", pre_test.pk)),
        (ADL + "initialized", iri("module", m1.pk)),
        (ADL + "completed", iri("module", m1.pk)),
        (ADL + "initialized", iri("module", m2.pk)),
        (ADL + "completed", iri("module", m2.pk)),
        (ADL + "failed", iri("test", post_test.pk)),
        (ADL + "passed", iri("test", post_test.pk)),
        (ADL + "completed", iri("activity", activity_with_optional_module.pk)),
        (profile.EARNED, iri("activity", activity_with_optional_module.pk)),
    ]
    assert lrs.invalid(stored) == ""
    # Each exactly once, with the id the site chose and kept for it.
    rows = list(XapiStatement.objects.order_by("pk"))
    assert {row.event for row in rows} == set(EVENTS)
    assert [s["id"] for s in stored] == [str(row.statement_id) for row in rows]
    assert all(row.status == DeliveryStatus.DELIVERED and row.attempts == 1 for row in rows)
    # The learner is an account on the society's site, never an e-mail address.
    for statement in stored:
        assert statement["actor"] == {"objectType": "Agent", "account": {"homePage": SITE_URL, "name": "S-1001"}}
        assert "mbox" not in str(statement)
    # One registration ties the journey together; modules and tests sit in their activity.
    assert len({s["context"]["registration"] for s in stored}) == 1
    for statement in stored[1:8]:
        assert statement["context"]["contextActivities"]["parent"][0]["id"] == iri(
            "activity", activity_with_optional_module.pk
        )
    timestamps = [s["timestamp"] for s in stored]
    assert timestamps == sorted(timestamps)

    pre, failed, passed = stored[1]["result"], stored[6]["result"], stored[7]["result"]
    assert pre["score"] == {"scaled": 0.5, "raw": 2.0, "min": 0.0, "max": 4.0} and "success" not in pre
    assert failed["score"]["raw"] == 0.0 and failed["success"] is False
    assert passed["score"] == {"scaled": 1.0, "raw": 4.0, "min": 0.0, "max": 4.0} and passed["success"] is True
    earned = stored[9]["result"]
    assert earned["extensions"] == {
        f"{SITE_URL}/xapi/extensions/credit": [
            {
                "credit_type": "ama-pra-category-1",
                "name": CreditType.objects.get(code="ama-pra-category-1").name,
                "amount": 0.75,
                "unit": CreditType.objects.get(code="ama-pra-category-1").unit,
            }
        ]
    }
    assert earned["duration"] == "PT2700.00S"


def test_statements_of_one_transaction_go_in_one_request(
    lrs, activity_with_optional_module, learner, django_capture_on_commit_callbacks
):
    enrol(learner, activity_with_optional_module)
    m1 = ModulePage.objects.child_of(activity_with_optional_module).filter(required=True).first()
    complete_module(learner, m1, activity_with_optional_module)  # started and completed: two statements
    assert XapiStatement.objects.count() == 3

    (first, *others) = send_waiting()

    assert {row.status for row in [first, *others]} == {DeliveryStatus.DELIVERED} and len(others) == 2
    assert [s["verb"]["id"] for s in lrs.statements()] == [ADL + "registered", ADL + "initialized", ADL + "completed"]


def test_the_store_down_for_a_while_loses_nothing(
    lrs, activity_with_optional_module, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrol(learner, activity_with_optional_module)
    assert len(lrs.statements()) == 1

    lrs.stop()
    try:
        m1, m2 = ModulePage.objects.child_of(activity_with_optional_module).filter(required=True).order_by("path")
        for module in (m1, m2):
            with django_capture_on_commit_callbacks(execute=True):
                complete_module(learner, module, activity_with_optional_module)
        waiting = XapiStatement.objects.filter(status=DeliveryStatus.PENDING)
        assert waiting.count() == 4
        assert all(row.attempts >= 1 and "ConnectionError" in row.last_error for row in waiting)
    finally:
        lrs.start()

    # The sweeper finds the overdue statements and the worker sends them, in order, once.
    XapiStatement.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=F("next_attempt_at") - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_due_deliveries() == 4

    assert not XapiStatement.objects.exclude(status=DeliveryStatus.DELIVERED).exists()
    assert [(s["verb"]["id"], s["object"]["id"]) for s in lrs.statements()] == [
        (ADL + "registered", iri("activity", activity_with_optional_module.pk)),
        (ADL + "initialized", iri("module", m1.pk)),
        (ADL + "completed", iri("module", m1.pk)),
        (ADL + "initialized", iri("module", m2.pk)),
        (ADL + "completed", iri("module", m2.pk)),
    ]


def test_a_batch_sent_again_after_a_lost_answer_is_kept_once(lrs, activity_with_optional_module, learner):
    enrol(learner, activity_with_optional_module)
    send_waiting()
    # The worker stopped after the store took the batch but before it recorded the answer.
    XapiStatement.objects.update(status=DeliveryStatus.PENDING, delivered_at=None, next_attempt_at=F("created_at"))

    (again,) = send_waiting()

    assert again.status == DeliveryStatus.DELIVERED and again.attempts == 2
    assert len(lrs.statements()) == 1


def test_a_statement_the_store_refuses_does_not_hold_back_the_others(lrs, activity_with_optional_module, learner):
    enrol(learner, activity_with_optional_module)
    m1 = ModulePage.objects.child_of(activity_with_optional_module).filter(required=True).first()
    record_module_started(learner, m1, activity_with_optional_module)
    broken = XapiStatement.objects.order_by("pk").first()
    # An actor without an identifier: no store may take it.
    XapiStatement.objects.filter(pk=broken.pk).update(statement={**broken.statement, "actor": {"name": "Nobody"}})

    send_waiting()

    broken.refresh_from_db()
    assert broken.status == DeliveryStatus.PENDING and broken.last_status_code == 422
    assert XapiStatement.objects.exclude(pk=broken.pk).get().status == DeliveryStatus.DELIVERED
    assert [s["verb"]["id"] for s in lrs.statements()] == [ADL + "initialized"]


def test_a_rolled_back_change_sends_nothing(
    lrs, activity_with_optional_module, learner, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enrol(learner, activity_with_optional_module)
        assert XapiStatement.objects.exists()
        raise RuntimeError("the request failed after the enrolment")
    assert callbacks == []
    assert not XapiStatement.objects.exists()
    assert lrs.statements() == []
