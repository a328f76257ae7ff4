"""The completions report: rows, filters, exports, and one query count whatever the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.services.manual import record_manual_completion

from .conftest import assert_exports_match_screen, at, claim, complete, enrol, learner, screen_table

URL = "lms_reports:completions"
HEADINGS = [
    "Completion date",
    "Member id",
    "Learner",
    "Degree",
    "Activity",
    "Credits claimed",
    "Certificate",
    "Manual completion reason",
]


@pytest.fixture
def records(asthma, back_pain, society_admin):
    ada = learner(asthma, member_id="M-ADA", first_name="Ada", last_name="Lovelace", degree="MD")
    grace = learner(asthma, member_id="M-GRACE", first_name="Grace", last_name="Hopper", degree="DO")
    linus = learner(back_pain, member_id="M-LINUS", first_name="Linus", last_name="Pauling", degree="other")
    complete(ada, asthma, at(2026, 3, 2))
    complete(grace, asthma, at(2026, 4, 10))
    complete(linus, back_pain, at(2026, 4, 20))
    enrol(ada, back_pain)
    record_manual_completion(
        ada, back_pain, society_admin, "Attended the live session; the site was down.", now=at(2026, 5, 1)
    )
    certificates = {"ada": claim(ada, asthma, "0.75", minutes=45), "grace": claim(grace, asthma, "1.00")}
    return certificates


def test_lists_every_completion_newest_first_with_credit_and_certificate(admin_client, records):
    headings, rows = screen_table(admin_client.get(reverse(URL)))
    assert headings == HEADINGS
    assert rows == [
        [
            "2026-05-01",
            "M-ADA",
            "Ada Lovelace",
            "MD",
            "Back pain basics",
            "",
            "",
            "Attended the live session; the site was down.",
        ],
        ["2026-04-20", "M-LINUS", "Linus Pauling", "Other", "Back pain basics", "", "", ""],
        [
            "2026-04-10",
            "M-GRACE",
            "Grace Hopper",
            "DO",
            "Asthma update",
            "1.00 AMA PRA Category 1 Credit™",
            records["grace"].code,
            "",
        ],
        [
            "2026-03-02",
            "M-ADA",
            "Ada Lovelace",
            "MD",
            "Asthma update",
            "0.75 AMA PRA Category 1 Credit™",
            records["ada"].code,
            "",
        ],
    ]


@pytest.mark.parametrize(
    ("params", "expected_members"),
    [
        ({"activity": "asthma"}, ["M-GRACE", "M-ADA"]),
        ({"completed_at_from": "2026-04-10", "completed_at_to": "2026-04-20"}, ["M-LINUS", "M-GRACE"]),
        ({"completed_at_to": "2026-03-02"}, ["M-ADA"]),
        ({"member": "m-grace"}, ["M-GRACE"]),
        ({"member": "lovelace"}, ["M-ADA", "M-ADA"]),
        ({"member": "ada love"}, ["M-ADA", "M-ADA"]),
        ({"member": "ada hopper"}, []),
        ({"member": "Ada", "activity": "asthma"}, ["M-ADA"]),
    ],
)
def test_filters(admin_client, records, request, params, expected_members):
    if "activity" in params:
        params = {**params, "activity": request.getfixturevalue(params["activity"]).pk}
    _, rows = screen_table(admin_client.get(reverse(URL), params))
    assert [row[1] for row in rows] == expected_members


def test_exports_say_what_the_screen_says(admin_client, records, asthma):
    assert len(assert_exports_match_screen(admin_client, reverse(URL))[1]) == 4
    filtered = assert_exports_match_screen(
        admin_client, reverse(URL), {"activity": asthma.pk, "completed_at_from": "2026-04-01"}
    )
    assert [row[1] for row in filtered[1]] == ["M-GRACE"]


def test_a_csv_cell_that_looks_like_a_formula_is_quoted(admin_client, asthma, society_admin):
    member = learner(asthma, member_id="M-EVE", first_name="Eve", last_name="Example")
    record_manual_completion(member, asthma, society_admin, '=HYPERLINK("http://example.org")', now=at(2026, 6, 1))
    response = admin_client.get(reverse(URL), {"export": "csv"})
    assert "'=HYPERLINK" in b"".join(response.streaming_content).decode()


def test_queries_do_not_grow_with_rows(admin_client, records, asthma):
    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(reverse(URL), params)
        return len(captured)

    assert queries({"member": "M-GRACE"}) == queries({})
