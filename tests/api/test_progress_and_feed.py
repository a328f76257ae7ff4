from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CreditType, ModulePage
from lms.models import Completion, Enrollment
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from quizzes.models import QuizRole
from tests.factories import MemberFactory, make_course, make_module, make_quiz
from tests.lms.conftest import evaluation_answers, pass_post_test


def finish(member, course):
    for module in ModulePage.objects.child_of(course):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))


def queries(client, url, params=None):
    client.get(url, params)  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


def test_progress_reports_status_scores_and_credit(portal, activity_with_post_test, learner_a):
    finish(learner_a, activity_with_post_test)
    claim_credit(
        learner_a,
        activity_with_post_test,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.50")},
        True,
    )
    body = portal.get(f"/api/v1/members/{learner_a.member_id}/progress/").json()
    (row,) = body["enrollments"]
    assert row["status"] == "completed"
    assert row["progress"] == {"earned": 3, "possible": 3, "ratio": 1.0}
    assert row["post_test_best_score"] == "100.00"
    assert row["credits_claimed"] == [{"credit_type": "ama-pra-category-1", "amount": "0.50"}]
    assert row["certificate_code"]


def test_progress_query_count_is_the_same_for_1_and_50_activities(portal, activity_with_post_test, settings):
    settings.CME_SHARED_CACHE = False  # every request computes its answer
    member = MemberFactory(user__username="many", member_id="MANY")
    catalog = activity_with_post_test.get_parent()

    def enrol_up_to(count):
        for index in range(Enrollment.objects.filter(member=member).count(), count):
            extra = make_course(catalog, slug=f"p-{index}")
            make_module(extra, slug="a")
            make_module(extra, slug="b")
            make_quiz(extra, role=QuizRole.POST_TEST)
            Enrollment.objects.create(member=member, course=extra)
        queries(portal, "/api/v1/members/MANY/progress/")  # the key's last use is written at most once a minute
        return queries(portal, "/api/v1/members/MANY/progress/")

    at_one, body = enrol_up_to(1)
    assert len(body["enrollments"]) == 1
    at_fifty, body = enrol_up_to(50)
    assert len(body["enrollments"]) == 50
    assert at_fifty == at_one
    assert at_one == 4  # key, member with version stamp, enrollments with progress and scores, claims


def test_catalog_query_count_is_the_same_for_1_and_20_activities(portal, activity_with_post_test):
    catalog = activity_with_post_test.get_parent()
    at_one, body = queries(portal, "/api/v1/catalog/")
    assert body["count"] == 1
    for index in range(19):
        make_course(catalog, slug=f"c-{index}")
    at_twenty, body = queries(portal, "/api/v1/catalog/")
    assert body["count"] == 20
    assert at_twenty == at_one


def test_catalog_filters_and_detail(portal, activity_with_post_test):
    assert portal.get("/api/v1/catalog/", {"track": "cancer-rehabilitation"}).json()["count"] == 0
    assert portal.get("/api/v1/catalog/", {"credit_type": "ama-pra-category-1"}).json()["count"] == 1
    detail = portal.get(f"/api/v1/catalog/{activity_with_post_test.pk}/").json()
    assert detail["credit_designations"] == [
        {"credit_type": "ama-pra-category-1", "credit_type_name": "AMA PRA Category 1 Credit™", "max_amount": "0.75"}
    ]
    assert [module["slug"] for module in detail["modules"]] == ["m1"]
    assert detail["learning_objectives"][0]["id"]


def test_feed_pages_with_a_cursor_and_sees_claims_as_changes(portal, activity_with_post_test):
    members = [MemberFactory(user__username=f"f{n}", member_id=f"F{n}") for n in range(5)]
    for member in members:
        Enrollment.objects.create(member=member, course=activity_with_post_test)
        finish(member, activity_with_post_test)
    page = portal.get("/api/v1/completions/feed/", {"page_size": 2}).json()
    seen = [entry["member_id"] for entry in page["results"]]
    while True:
        page = portal.get("/api/v1/completions/feed/", {"page_size": 2, "cursor": page["next_cursor"]}).json()
        if not page["results"]:
            break
        seen += [entry["member_id"] for entry in page["results"]]
    assert seen == [member.member_id for member in members]
    cursor = page["next_cursor"]
    claim_credit(
        members[0],
        activity_with_post_test,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    later = portal.get("/api/v1/completions/feed/", {"cursor": cursor}).json()
    assert [entry["member_id"] for entry in later["results"]] == ["F0"]
    assert later["results"][0]["credit_claims"][0]["amount"] == "0.75"


def test_a_feed_entry_carries_the_claims_certificate_and_its_revocation(portal, activity_with_post_test, admin_user):
    member = MemberFactory(user__username="entry", member_id="E1")
    Enrollment.objects.create(member=member, course=activity_with_post_test)
    finish(member, activity_with_post_test)
    certificate = claim_credit(
        member, activity_with_post_test, 45, {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")}, True
    )
    page = portal.get("/api/v1/completions/feed/").json()
    [entry] = [entry for entry in page["results"] if entry["member_id"] == "E1"]
    assert entry["course"] == {"id": activity_with_post_test.pk, "title": activity_with_post_test.title}
    assert [(claim["credit_type"], claim["amount"], claim["report_consent"]) for claim in entry["credit_claims"]] == [
        ("ama-pra-category-1", "0.75", True)
    ]
    assert (entry["certificate_code"], entry["certificate_revoked"]) == (certificate.code, False)
    revoke_certificate(certificate, admin_user, "Issued for the wrong activity")
    later = portal.get("/api/v1/completions/feed/", {"cursor": page["next_cursor"]}).json()
    assert [(e["member_id"], e["certificate_code"], e["certificate_revoked"]) for e in later["results"]] == [
        ("E1", certificate.code, True)
    ]


def test_feed_rejects_a_forged_cursor(portal, db):
    response = portal.get("/api/v1/completions/feed/", {"cursor": "bm90LWEtY3Vyc29y"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "cursor", "message": "This cursor is not one the feed handed out."}]


def test_feed_page_cost_does_not_grow_with_the_table(portal, activity_with_post_test):
    members = [MemberFactory(user__username=f"g{n}", member_id=f"G{n}") for n in range(6)]
    for member in members:
        Completion.objects.create(member=member, course=activity_with_post_test, completed_at="2026-01-01T00:00:00Z")
    first_count, first = queries(portal, "/api/v1/completions/feed/", {"page_size": 2})
    later_count, _ = queries(portal, "/api/v1/completions/feed/", {"page_size": 2, "cursor": first["next_cursor"]})
    assert later_count == first_count


def test_a_feed_page_after_a_cursor_joins_only_the_member_and_the_certificate(portal, activity_with_post_test):
    # A page after a cursor is planned anew for each cursor; every relation joined multiplies the
    # planner's work, which made page N cost more than page 1 (docs/performance.md).
    members = [MemberFactory(user__username=f"j{n}", member_id=f"J{n}") for n in range(3)]
    for member in members:
        Completion.objects.create(member=member, course=activity_with_post_test, completed_at="2026-01-01T00:00:00Z")
    first = portal.get("/api/v1/completions/feed/", {"page_size": 1}).json()
    with CaptureQueriesContext(connection) as captured:
        later = portal.get("/api/v1/completions/feed/", {"page_size": 1, "cursor": first["next_cursor"]})
    assert later.json()["results"][0]["course"] == {
        "id": activity_with_post_test.pk,
        "title": activity_with_post_test.title,
    }
    page_query = next(q["sql"] for q in captured if 'FROM "cme_lms_completion"' in q["sql"])
    assert page_query.count(" JOIN ") == 2 and "cme_courses_coursepage" not in page_query
