"""Members in change order with a cursor; one member found by NPI or by e-mail."""

from tests.api.test_members_api import BODY


def make_members(portal, count):
    for number in range(count):
        body = {**BODY, "email": f"member{number}@example.org", "npi": ""}
        assert portal.put(f"/api/v1/members/M-{number}/", body, format="json").status_code == 201


def test_cursor_pages_visit_every_member_once_then_only_later_changes(portal, db):
    make_members(portal, 5)
    seen, cursor = [], None
    while True:
        page = portal.get("/api/v1/members/", {"page_size": 2, **({"cursor": cursor} if cursor else {})}).json()
        if not page["results"]:
            break
        seen += [row["member_id"] for row in page["results"]]
        cursor = page["next_cursor"]
    assert sorted(seen) == [f"M-{n}" for n in range(5)]
    portal.put(
        "/api/v1/members/M-2/",
        {**BODY, "email": "member2@example.org", "npi": "", "specialty": "Neurology"},
        format="json",
    )
    later = portal.get("/api/v1/members/", {"cursor": cursor}).json()
    assert [row["member_id"] for row in later["results"]] == ["M-2"]


def test_a_cursor_not_handed_out_is_400(portal, db):
    response = portal.get("/api/v1/members/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cursor"


def test_lookup_by_npi_and_by_email_whatever_its_case(portal, db):
    make_members(portal, 2)
    portal.put("/api/v1/members/M-9/", BODY, format="json")
    by_npi = portal.get("/api/v1/members/", {"npi": BODY["npi"]}).json()["results"]
    assert [row["member_id"] for row in by_npi] == ["M-9"]
    by_email = portal.get("/api/v1/members/", {"email": "MEMBER1@Example.org"}).json()["results"]
    assert [row["member_id"] for row in by_email] == ["M-1"]


def test_updated_since_keeps_later_changes(portal, db):
    make_members(portal, 2)
    response = portal.get("/api/v1/members/", {"updated_since": "2999-01-01T00:00:00Z"})
    assert response.json()["results"] == []
    assert portal.get("/api/v1/members/", {"updated_since": "01/01/2026"}).status_code == 400
