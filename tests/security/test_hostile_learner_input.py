"""Hostile input a learner or a member import supplies (evaluation free text, profile fields through the
portal API, names in a member CSV): stored and served with no executable markup, on the pages and in the API."""

import pytest

from lms.models import Enrollment
from lms.services.evaluation import submit_evaluation
from tests.factories import (
    MemberFactory,
    UserFactory,
    make_course,
)
from tests.lms.conftest import evaluation_answers

from .markup_scan import assert_json_clean, assert_page_clean, executable_markup, text_safe
from .xss_payloads import PAYLOADS, X

# The `<?xml ...>` payload makes bs4 in the sanitizer warn that it looks like XML; expected here.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


def test_the_corpus_is_large_and_distinct():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert sum(X in payload for payload in PAYLOADS) >= 3


# --- learner -------------------------------------------------------------------------------------


def test_evaluation_free_text_is_stored_and_reported_without_markup(catalog, admin_client):
    calm = make_course(catalog, slug="calm")
    member = MemberFactory(user__username="calm-evaluator")
    Enrollment.objects.create(member=member, course=calm)
    submit_evaluation(member, calm, evaluation_answers(calm, commitment_to_change="Refer earlier.", comments="Good."))
    baseline = admin_client.get(f"/admin/cme-reports/evaluations/?course={calm.pk}")
    course = make_course(catalog, slug="evaluated")
    for index, payload in enumerate(text_safe(PAYLOADS)):
        member = MemberFactory(user__username=f"evaluator-{index}")
        Enrollment.objects.create(member=member, course=course)
        evaluation = submit_evaluation(
            member,
            course,
            evaluation_answers(
                course,
                commitment_to_change=payload,
                free_of_commercial_bias=False,
                bias_comment=payload,
                comments=payload,
            ),
        )
        for field in ("commitment_to_change", "bias_comment", "comments"):
            stored = getattr(evaluation, field)
            assert not executable_markup(stored, field), (payload, stored)
    response = admin_client.get(f"/admin/cme-reports/evaluations/?course={course.pk}")
    assert_page_clean(response, "evaluation report", baseline=baseline)


def test_member_profile_fields_through_the_api(db, portal):
    accepted = 0
    for index, payload in enumerate(text_safe(PAYLOADS)):
        body = {
            "email": f"xss{index}@example.org",
            "first_name": payload[:100],
            "last_name": payload[:100],
            "degree": "MD",
            "specialty": payload[:120],
            "board_id": payload[:40],
            "membership_status": "active",
        }
        response = portal.put(f"/api/v1/members/XSS-{index}/", body, format="json")
        assert response.status_code in (200, 201, 400, 422), (payload, response.status_code, response.content[:300])
        assert_json_clean(response, f"PUT member {payload!r}")
        if response.status_code in (200, 201):
            accepted += 1
            assert_json_clean(portal.get(f"/api/v1/members/XSS-{index}/"), f"GET member {payload!r}")
    assert_json_clean(portal.get("/api/v1/members/", {"page_size": 100}), "member list")
    assert accepted  # the API took hostile names (and must have neutralized them)


def test_member_csv_import_stores_and_serves_names_without_markup(db, portal):
    import csv
    import io

    from bench.import_members import npi_for
    from lms.imports.apply import VALID_ROWS, apply_import
    from lms.imports.reading import COLUMNS
    from lms.models import Member

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    payloads = text_safe(PAYLOADS)
    for index, payload in enumerate(payloads):
        writer.writerow(
            [
                f"CSV-{index}",
                f"Ann {payload}"[:100],
                f"Lee {payload}"[:100],
                f"csv{index}@example.org",
                "MD",
                npi_for(index),
                f"B{payload}"[:40],
                "",
                "",
                "active",
                "",
            ]
        )
    result = apply_import(out.getvalue(), VALID_ROWS, UserFactory(username="importer"), "hostile.csv", "x")
    assert result.counts["create"] > len(payloads) // 2, result.counts
    for member in Member.objects.filter(member_id__startswith="CSV-"):
        for field in ("first_name", "last_name", "board_id"):
            assert not executable_markup(getattr(member, field), field), getattr(member, field)
    assert_json_clean(portal.get("/api/v1/members/", {"page_size": 100}), "imported members in the API")
