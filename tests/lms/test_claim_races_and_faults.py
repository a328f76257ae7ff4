"""On PostgreSQL: fifty racing claims, and a database connection killed in the middle of one."""

from decimal import Decimal

import psycopg
import pytest
from django.db import connection
from rest_framework.test import APIClient

from content.refusals import Refused
from courses.models import CreditType, ModulePage
from lms.models import Certificate, Completion, CreditClaim, Enrollment
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from quizzes.models import QuizRole
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module, make_quiz
from tests.support.threads import run_times

from .conftest import evaluation_answers, pass_post_test

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def completed():
    course = make_course(make_catalog(make_home()), slug="race", credit="0.75", estimated_minutes=45)
    make_module(course, slug="only")
    make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False)
    member = MemberFactory(user__username="claimer")
    Enrollment.objects.create(member=member, course=course)
    for module in ModulePage.objects.child_of(course):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))
    assert Completion.objects.filter(member=member).exists()
    return member, course


def test_fifty_concurrent_claims_record_one_claim_and_one_certificate(completed):
    member, course = completed
    ama = CreditType.objects.get(code="ama-pra-category-1")

    def claim(index):
        try:
            return claim_credit(member, course, 45, {ama: Decimal("0.75")}, True).code
        except Refused as refusal:
            return refusal.message

    outcome = run_times(50, claim, timeout=120)
    assert outcome.errors == []
    outcomes = outcome.results
    assert CreditClaim.objects.count() == 1
    certificate = Certificate.objects.get()
    assert outcomes.count(certificate.code) == 1
    assert all(outcome.startswith("You already claimed 0.75") for outcome in outcomes if outcome != certificate.code)


def test_a_connection_killed_mid_claim_fails_cleanly_and_leaves_nothing_half_written(completed, monkeypatch):
    from lms.services import certificates

    member, course = completed
    original = certificates.render_certificate_pdf

    def render_then_lose_the_database(*args, **kwargs):
        pdf = original(*args, **kwargs)
        pid = connection.connection.info.backend_pid
        settings = connection.settings_dict
        with psycopg.connect(
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"],
            dbname=settings["NAME"],
            autocommit=True,
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return pdf

    monkeypatch.setattr(certificates, "render_certificate_pdf", render_then_lose_the_database)
    client = APIClient()
    client.force_login(member.user)
    body = {
        "minutes": 45,
        "attest": True,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
    }
    response = client.post(f"/api/v1/me/courses/{course.pk}/claims/", body, format="json")
    assert response.status_code == 503
    assert response.json()["detail"] == "The database is unavailable; nothing was saved. Try again in a moment."
    connection.close()
    assert CreditClaim.objects.count() == 0
    assert Certificate.objects.count() == 0
