"""Which statements are written, by which way in, and when nothing is: no record store needed."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from courses.models import ModulePage
from lms.checks import xapi_settings
from lms.models import DeliveryStatus, Enrollment, XapiStatement
from lms.outbox import tasks
from lms.outbox.sending import deliver
from lms.services.enrollment import enrol
from lms.services.manual import record_manual_completion
from lms.services.members import anonymize_member
from lms.services.progress import complete_module
from lms.xapi.delivery import CHANNEL
from lms.xapi.outbox import resend_failed
from quizzes.models import Question, Quiz, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import MemberFactory, make_module, user_in
from tests.factories.quizzes import choices
from tests.lms.conftest import pass_post_test

from .conftest import SITE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(activity_with_optional_module):
    return MemberFactory(member_id="S-2001")


def events():
    return list(XapiStatement.objects.order_by("pk").values_list("event", flat=True))


def test_off_by_default_nothing_is_written(activity_with_optional_module, learner):
    enrol(learner, activity_with_optional_module)
    complete_module(learner, ModulePage.objects.get(slug="m1"), activity_with_optional_module)
    pass_post_test(learner, activity_with_optional_module)
    assert not XapiStatement.objects.exists()


def test_only_the_events_the_society_chose_are_written(settings, xapi_on, activity_with_optional_module, learner):
    settings.LMS = {**settings.LMS, "XAPI": {**settings.LMS["XAPI"], "EVENTS": ["module_completed"]}}
    enrol(learner, activity_with_optional_module)
    complete_module(learner, ModulePage.objects.get(slug="m1"), activity_with_optional_module)
    assert events() == ["module_completed"]


def test_the_page_enrols_with_a_registered_statement(client, xapi_on, activity_with_optional_module, learner):
    client.force_login(learner.user)
    assert client.post(reverse("lms:enrol", args=[activity_with_optional_module.pk])).status_code == 302
    (row,) = XapiStatement.objects.all()
    assert row.event == "enrolled" and row.member == learner
    statement = row.statement
    assert statement["id"] == str(row.statement_id)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert statement["actor"] == {"objectType": "Agent", "account": {"homePage": SITE_URL, "name": "S-2001"}}
    assert statement["object"]["id"] == f"{SITE_URL}/xapi/activities/activity/{activity_with_optional_module.pk}"
    assert statement["object"]["definition"]["moreInfo"].endswith(activity_with_optional_module.url)


def test_the_api_enrols_and_completes_modules_with_statements(xapi_on, activity_with_optional_module, learner):
    api = APIClient()
    api.force_authenticate(learner.user)
    assert api.post(f"/api/v1/me/courses/{activity_with_optional_module.pk}/enrol/").status_code in (200, 201)
    assert api.post(f"/api/v1/me/courses/{activity_with_optional_module.pk}/enrol/").status_code in (
        200,
        201,
    )  # once is enough
    module = ModulePage.objects.get(slug="m1")
    assert api.post(f"/api/v1/me/modules/{module.pk}/complete/").status_code == 204
    assert events() == ["enrolled", "module_started", "module_completed"]


def test_an_admins_manual_completion_is_a_completed_activity(xapi_on, activity_with_optional_module, learner):
    record_manual_completion(
        learner, activity_with_optional_module, user_in("Society admins", "admin"), "Completed on paper."
    )
    assert events() == ["enrolled", "activity_completed"]


def test_a_knowledge_check_speaks_through_its_module(xapi_on, activity_with_optional_module, learner):
    module = make_module(activity_with_optional_module, slug="checked", title="Checked module")
    quiz = Quiz.objects.create(title="Check", role=QuizRole.KNOWLEDGE_CHECK, module=module, live=True)
    Question.objects.create(quiz=quiz, key="k1", kind="single", stem="<p>Stem</p>", choices=choices("+right", "wrong"))
    enrol(learner, activity_with_optional_module)
    attempt = start_attempt(quiz, learner.user)
    submit_attempt(attempt.pk, learner.user, {p: q["correct"] for p, q in enumerate(attempt.presented, 1)})
    assert events() == ["enrolled", "module_started", "module_completed"]


def test_a_post_test_grade_comes_before_the_completion_it_causes(xapi_on, activity_with_optional_module, learner):
    enrol(learner, activity_with_optional_module)
    activity_with_optional_module.completion_requires_evaluation = False
    activity_with_optional_module.save()
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(learner, module, activity_with_optional_module)
    XapiStatement.objects.all().delete()
    pass_post_test(learner, activity_with_optional_module)
    assert events() == ["post_test_graded", "activity_completed"]


def test_misconfigured_settings_fail_the_system_check(settings):
    settings.LMS = {"SITE_URL": SITE_URL, "XAPI": {"ENDPOINT": "lrs.example.org"}}
    assert [error.id for error in xapi_settings(None)] == ["lms.E006"]
    settings.LMS = {"SITE_URL": SITE_URL, "XAPI": {"ENDPOINT": "https://lrs.example.org/xAPI", "EVENTS": ["viewed"]}}
    assert "EVENTS" in xapi_settings(None)[0].msg
    settings.LMS = {"SITE_URL": SITE_URL, "XAPI": {"ENDPOINT": "https://lrs.example.org/xAPI", "PASWORD": "x"}}
    assert "PASWORD" in xapi_settings(None)[0].msg
    settings.LMS = {"XAPI": {"ENDPOINT": "https://lrs.example.org/xAPI"}}
    settings.WAGTAILADMIN_BASE_URL = ""
    assert "SITE_URL" in xapi_settings(None)[0].msg
    settings.LMS = {"SITE_URL": SITE_URL, "XAPI": {"ENDPOINT": "https://lrs.example.org/xAPI"}}
    assert xapi_settings(None) == []


def test_anonymizing_a_member_removes_their_statements(xapi_on, activity_with_optional_module, learner):
    enrol(learner, activity_with_optional_module)
    anonymize_member(learner, by=None, reason="asked to be forgotten")
    assert not XapiStatement.objects.exists()
    assert Enrollment.objects.filter(member=learner).exists()


def test_an_unreachable_store_keeps_the_whole_batch_waiting_and_queues_each_retry(
    settings, xapi_on, activity_with_optional_module, learner
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    enrol(learner, activity_with_optional_module)
    complete_module(learner, ModulePage.objects.get(slug="m1"), activity_with_optional_module)
    first = XapiStatement.objects.order_by("pk").first()

    assert tasks.send_delivery.call(CHANNEL, first.pk) == DeliveryStatus.PENDING

    rows = list(XapiStatement.objects.order_by("pk"))
    assert all(row.attempts == 1 and row.status == DeliveryStatus.PENDING and row.last_error for row in rows)
    queued = {result.args[1] for result in tasks.send_delivery.get_backend().results}
    assert queued == {row.pk for row in rows}
    # The others' own tasks then find them held back for their retry: nothing sent twice.
    assert deliver(CHANNEL, rows[1].pk) is None


def test_given_up_statements_are_sent_again_with_their_ids(xapi_on, activity_with_optional_module, learner, capsys):
    enrol(learner, activity_with_optional_module)
    row = XapiStatement.objects.get()
    XapiStatement.objects.filter(pk=row.pk).update(status=DeliveryStatus.FAILED, attempts=40, next_attempt_at=None)

    assert resend_failed() == 1

    again = XapiStatement.objects.get()
    assert (again.status, again.attempts, again.statement_id) == (DeliveryStatus.PENDING, 0, row.statement_id)
    assert again.give_up_at > row.give_up_at


def test_the_command_reports_and_resends(xapi_on, activity_with_optional_module, learner, capsys):
    enrol(learner, activity_with_optional_module)
    XapiStatement.objects.update(status=DeliveryStatus.FAILED, last_error="HTTP 503: maintenance")
    call_command("xapi_statements")
    out = capsys.readouterr().out
    assert "Failed (gave up): 1" in out and "HTTP 503: maintenance" in out
    call_command("xapi_statements", "--resend-failed")
    assert "Sending 1 given-up statements again." in capsys.readouterr().out
    assert XapiStatement.objects.get().status == DeliveryStatus.PENDING


def test_the_command_refuses_to_resend_while_off(capsys):
    with pytest.raises(CommandError, match="xAPI is off"):
        call_command("xapi_statements", "--resend-failed")


def test_the_command_forgets_what_the_store_took_long_ago(xapi_on, activity_with_optional_module, learner, capsys):
    enrol(learner, activity_with_optional_module)
    complete_module(learner, ModulePage.objects.get(slug="m1"), activity_with_optional_module)
    old, recent, waiting = XapiStatement.objects.order_by("pk")
    now = timezone.now()
    XapiStatement.objects.filter(pk=old.pk).update(
        status=DeliveryStatus.DELIVERED, delivered_at=now - timedelta(days=31)
    )
    XapiStatement.objects.filter(pk=recent.pk).update(
        status=DeliveryStatus.DELIVERED, delivered_at=now - timedelta(days=1)
    )

    call_command("xapi_statements", "--forget-delivered", "30")

    assert "Deleted 1 statements the store took." in capsys.readouterr().out
    assert set(XapiStatement.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    with pytest.raises(CommandError, match="0 or more"):
        call_command("xapi_statements", "--forget-delivered", "-1")
