from lms.models import Member

BODY = {
    "email": "ray.osei@example.org",
    "first_name": "Ray",
    "last_name": "Osei",
    "degree": "DO",
    "npi": "1245319599",
    "board_id": "ABIM-42",
    "birth_month": 2,
    "birth_day": 29,
    "specialty": "Internal medicine",
    "license_states": "NY",
    "membership_status": "active",
    "membership_expires_on": "2027-06-30",
}


def test_put_creates_then_the_same_body_changes_nothing(portal):
    first = portal.put("/api/v1/members/M-77/", BODY, format="json")
    assert first.status_code == 201
    member = Member.objects.get(member_id="M-77")
    assert (member.user.email, member.degree, member.birth_day) == ("ray.osei@example.org", "DO", 29)
    stamp = member.updated_at
    second = portal.put("/api/v1/members/M-77/", BODY, format="json")
    assert second.status_code == 200
    assert second.json() == first.json()
    member.refresh_from_db()
    assert member.updated_at == stamp
    assert Member.objects.filter(member_id="M-77").count() == 1


def test_put_updates_a_changed_field(portal):
    portal.put("/api/v1/members/M-78/", BODY, format="json")
    response = portal.put("/api/v1/members/M-78/", {**BODY, "membership_status": "lapsed"}, format="json")
    assert response.status_code == 200
    assert response.json()["membership_status"] == "lapsed"


def test_validation_errors_name_each_field_and_save_nothing(portal):
    bad = {**BODY, "npi": "1234567890", "degree": "MBA", "birth_month": 13, "email": "not-an-email"}
    response = portal.put("/api/v1/members/M-79/", bad, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "Invalid request" and body["status"] == 400
    fields = {error["field"] for error in body["errors"]}
    assert {"npi", "degree", "birth_month", "email"} <= fields
    assert not Member.objects.filter(member_id="M-79").exists()


def test_list_filters_by_status(portal):
    portal.put("/api/v1/members/M-80/", BODY, format="json")
    lapsed = {**BODY, "email": "lapsed@example.org", "npi": "", "membership_status": "lapsed"}
    assert portal.put("/api/v1/members/M-81/", lapsed, format="json").status_code == 201
    response = portal.get("/api/v1/members/", {"membership_status": "lapsed"})
    assert [row["member_id"] for row in response.json()["results"]] == ["M-81"]


def test_unknown_member_is_a_json_404(portal, db):
    response = portal.get("/api/v1/members/NOPE/")
    assert response.status_code == 404
    assert response.json()["title"] == "Not found"


def test_page_size_is_capped(portal, db):
    response = portal.get("/api/v1/members/", {"page_size": 100000})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "page_size"


def test_an_offset_postgresql_refuses_is_compared_in_utc(portal):
    for url in ("/api/v1/members/", "/api/v1/catalog/", "/api/v1/completions/feed/"):
        response = portal.get(url, {"updated_since": "1048-07-21T19:39:15.085-22:18"})
        assert response.status_code == 200, (url, response.content[:300])
