"""The benchmark data generator writes records that the app's own rules and read paths accept.

Generating takes a few seconds, so each test checks several things of one generated database.
"""

from decimal import Decimal

import pytest
from django.db.models import Count, Exists, OuterRef

from bench.generate import generate
from courses.credit import hours_for_minutes, is_quarter_step
from lms.models import Certificate, Completion, CreditClaim, Enrollment, Evaluation, Member, ModuleProgress
from lms.services.certificates import CODE_ALPHABET, build_snapshot
from lms.services.completion import completion_status
from lms.services.progress import enrollments_with_progress, progress_of
from quizzes.models import Attempt
from tests.api.conftest import key_client, portal_key
from tests.factories import MemberFactory, make_catalog, make_course, make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    lines = []
    result = generate(members=30, activities=4, years=2, seed=1, stdout=lines.append)
    assert any(line.startswith("completions") for line in lines)
    return result


def test_generated_records_keep_the_rules(generated):
    assert_every_record_has_what_it_stands_on(generated)
    for completion in Completion.objects.select_related("member", "course"):
        assert completion_status(completion.member, completion.course).complete, completion
    assert_claims_are_ones_the_credit_service_accepts()
    assert_feed_stamps_are_unique_and_follow_the_records()
    assert_certificates_look_issued_by_the_service()


def assert_every_record_has_what_it_stands_on(generated):
    completions = Completion.objects.all()
    assert completions.count() > 0
    assert generated["counts"]["cme_lms.Completion"] == completions.count()
    enrolled = Enrollment.objects.filter(member=OuterRef("member"), course=OuterRef("course"))
    evaluated = Evaluation.objects.filter(member=OuterRef("member"), course=OuterRef("course"))
    assert not completions.exclude(Exists(enrolled)).exists()
    assert not completions.exclude(Exists(evaluated)).exists()
    assert not ModuleProgress.objects.exclude(Exists(enrolled)).exists()
    assert not Certificate.objects.exclude(
        Exists(CreditClaim.objects.filter(completion=OuterRef("completion")))
    ).exists()
    assert Attempt.objects.filter(passed=False).exists()
    assert Attempt.objects.filter(number__gt=1, passed=True).exists()


def assert_claims_are_ones_the_credit_service_accepts():
    claims = CreditClaim.objects.select_related("completion__course").prefetch_related(
        "completion__course__credit_designations"
    )
    assert claims.exists()
    for claim in claims:
        course = claim.completion.course
        (designation,) = course.credit_designations.all()
        assert Decimal("0.25") <= claim.amount <= designation.max_amount and is_quarter_step(claim.amount)
        assert claim.amount <= hours_for_minutes(claim.minutes_attested)
        assert course.awards_credit_on(claim.claimed_at.date())
        assert claim.completion.completed_at <= claim.claimed_at <= claim.completion.updated_at


def assert_feed_stamps_are_unique_and_follow_the_records():
    assert not Completion.objects.values("updated_at").annotate(n=Count("pk")).filter(n__gt=1).exists()
    times = list(Completion.objects.order_by("pk").values_list("completed_at", flat=True))
    assert times == sorted(times)
    assert all(c.updated_at >= c.completed_at for c in Completion.objects.all())


def assert_certificates_look_issued_by_the_service():
    certificate = Certificate.objects.select_related("completion").first()
    groups = certificate.code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(CODE_ALPHABET)
    made = build_snapshot(certificate.completion, certificate.code)
    assert certificate.snapshot.pop("issued_at") < made.pop("issued_at")
    assert certificate.snapshot == made


def test_generated_records_pass_the_read_paths(generated, client):
    member = Member.objects.get(member_id=generated["member"]["member_id"])
    assert (member.pk, member.user_id) == (generated["member"]["pk"], generated["member"]["user_id"])
    enrollments = list(enrollments_with_progress(member))
    assert len(enrollments) == generated["member"]["enrollments"] == member.enrollments.count()
    assert all(progress_of(e)["ratio"] == 1.0 for e in enrollments if e.completed_at)

    assert sorted(feed_ids()) == sorted(Completion.objects.values_list("pk", flat=True))

    assert client.get(generated["course_url"]).status_code == 200
    client.force_login(member.user)
    assert client.get(generated["module_url"]).status_code == 200


def feed_ids():
    """Every completion id the feed hands out, following its cursor to the end."""
    portal = key_client(portal_key("Bench portal", ["progress:read"]))
    ids, params = [], {"page_size": 100}
    while True:
        response = portal.get("/api/v1/completions/feed/", params)
        assert response.status_code == 200, response.content
        body = response.json()
        if not body["results"]:
            return ids
        ids += [entry["id"] for entry in body["results"]]
        params["cursor"] = body["next_cursor"]


def test_a_database_with_members_is_refused():
    MemberFactory()
    with pytest.raises(SystemExit):
        generate(members=1, activities=1, years=1, stdout=lambda line: None)


@pytest.mark.postgres
def test_the_loaded_tables_keep_every_constraint_and_index_migrations_made():
    from django.db import connection

    def schema():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1")
            indexes = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred,"
                " convalidated FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2"
            )
            return indexes, cursor.fetchall()

    before = schema()
    generate(members=10, activities=2, years=1, seed=2, stdout=lambda line: None)
    assert schema() == before, "constraints and indexes dropped for the load are added again, the same"


@pytest.mark.postgres
@pytest.mark.parametrize("other_member", [False, True], ids=["enrolled twice", "member that does not exist"])
def test_a_row_that_breaks_a_constraint_dropped_for_the_load_fails_the_load(other_member):
    from django.db import IntegrityError, connection, transaction

    from bench.writer import checked_after_load

    course = make_course(make_catalog(make_home()))
    member = MemberFactory()
    second = member.pk + 1000 if other_member else member.pk
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with checked_after_load(cursor, Enrollment._meta.db_table):
            cursor.execute(
                "INSERT INTO cme_lms_enrollment (member_id, course_id, enrolled_at) "
                "VALUES (%s, %s, now()), (%s, %s, now())",
                [member.pk, course.pk, second, course.pk],
            )
    assert not Enrollment.objects.exists()
