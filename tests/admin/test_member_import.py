import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from lms.imports.apply import ALL_OR_NOTHING, VALID_ROWS, apply_import
from lms.imports.plan import plan_import
from lms.imports.reading import COLUMNS, MAX_BYTES
from lms.models import EmailChange, Member, WebhookEvent
from lms.services.account_email import PASSWORD_REFUSAL, STAFF_REFUSAL
from tests.factories import MemberFactory

HEADER = ",".join(COLUMNS)
ADA = "M1,Ada,Lovelace,ada@example.org,MD,1234567893,ABIM-1,12,10,active,2027-06-30"
BEN = "M2,Ben,Franklin,ben@example.org,DO,,,,,lapsed,"
CY = "M3,Cy,Young,cy@example.org,md,1245319599,,2,29,Active,"


def csv_text(*lines):
    return "\n".join([HEADER, *lines]) + "\n"


def upload(client, text, name="members.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post("/admin/cme-records/import-members/", {"file": SimpleUploadedFile(name, data, "text/csv")})


def errors_by_row(plan):
    found = {}
    for error in plan.errors:
        found.setdefault(error.row, []).append((error.field, error.message))
    return found


@pytest.fixture
def stored(db):
    """A member as an earlier import made it: an account without a password."""
    return MemberFactory(
        member_id="M9",
        first_name="Old",
        last_name="Name",
        npi="1003000126",
        user__username="M9",
        user__email="m9@example.org",
        user__password=None,
    )


def test_preview_counts_creates_updates_and_unchanged(stored):
    same = "M9,Old,Name,m9@example.org,MD,1003000126,,,,active,"
    plan = plan_import(csv_text(ADA, same, BEN))
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 1, "invalid": 0}
    renamed = same.replace("Old,Name", "New,Name")
    assert plan_import(csv_text(renamed)).counts["update"] == 1


def test_preview_reports_each_bad_row_with_field_and_message(stored):
    bad = [
        "M4,Dee,Bad,dee@example.org,MD,1234567890,,,,active,",  # NPI check digit
        "M5,Eve,Bad,not-an-email,MD,,,,,active,",
        "M6,Fay,Bad,fay@example.org,XX,,,,,active,",
        "M7,Gil,Bad,gil@example.org,MD,,,2,30,active,",  # 30 February
        "M8,Hal,Bad,hal@example.org,MD,,,5,,active,",  # month without day
        "M10,Ivy,Bad,ivy@example.org,MD,,,,,active,2027-13-01",
        "M11,Jo,Bad,jo@example.org,MD,1003000126,,,,active,",  # NPI of M9
        "M1,Ada,Again,ada@example.org,MD,,,,,active,",  # M1 twice in the file
        ",Kim,Bad,kim@example.org,MD,,,,,active,",
        "M12,too,few,values",
    ]
    plan = plan_import(csv_text(ADA, *bad))
    errors = errors_by_row(plan)
    assert 2 not in errors
    assert errors[3] == [("npi", "1234567890 is not a valid NPI: its check digit does not match.")]
    assert errors[4] == [("email", "Enter a valid email address.")]
    assert errors[5][0][0] == "degree" and "not a valid choice" in errors[5][0][1]
    assert errors[6] == [("birth_day", "February has no day 30.")]
    assert errors[7] == [("birth_day", "Give both the month and the day of birth, or neither.")]
    assert errors[8][0][0] == "membership_expires_on"
    assert errors[9] == [("npi", "NPI 1003000126 belongs to member M9.")]
    assert errors[10] == [("member_id", "M1 is also on row 2; give each member once.")]
    assert errors[11] == [("member_id", "This field cannot be blank.")]
    assert errors[12] == [("", "expected 11 values, found 4")]
    assert plan.counts == {"create": 1, "update": 0, "unchanged": 0, "invalid": 10}


def test_an_account_name_taken_without_a_member_is_an_error(db):
    get_user_model().objects.create_user("M1")
    assert errors_by_row(plan_import(csv_text(ADA)))[2] == [
        ("member_id", "An account named M1 exists without this member id.")
    ]


def test_all_or_nothing_applies_nothing_when_one_row_is_bad(society_admin):
    result = apply_import(
        csv_text(ADA, "M4,Dee,Bad,dee@example.org,MD,1234567890,,,,active,"),
        ALL_OR_NOTHING,
        society_admin,
        "f.csv",
        "x",
    )
    assert not result.applied
    assert [error.row for error in result.errors] == [3]
    assert not Member.objects.exists()
    assert not WebhookEvent.objects.exists()
    assert not ModelLogEntry.objects.filter(action="cme_lms.import_members").exists()


def test_apply_valid_rows_writes_the_rest(society_admin, stored):
    text = csv_text(
        ADA,
        "M4,Dee,Bad,dee@example.org,MD,1234567890,,,,active,",
        CY,
        "M9,New,Name,new@example.org,MD,1003000126,,,,lapsed,",
    )
    result = apply_import(text, VALID_ROWS, society_admin, "members.csv", "abc")
    assert result.applied
    assert result.counts == {"create": 2, "update": 1, "unchanged": 0, "invalid": 1}
    ada = Member.objects.select_related("user").get(member_id="M1")
    assert (ada.first_name, ada.npi, ada.birth_month, ada.birth_day) == ("Ada", "1234567893", 12, 10)
    assert ada.membership_expires_on == datetime.date(2027, 6, 30)
    assert (ada.user.username, ada.user.email, ada.user.has_usable_password()) == ("M1", "ada@example.org", False)
    assert Member.objects.get(member_id="M3").degree == "MD"
    updated = Member.objects.select_related("user").get(member_id="M9")
    assert (updated.first_name, updated.membership_status, updated.user.email) == ("New", "lapsed", "new@example.org")
    assert not Member.objects.filter(member_id="M4").exists()
    assert WebhookEvent.objects.filter(type="member.updated").count() == 3
    entry = ModelLogEntry.objects.get(action="cme_lms.import_members")
    assert entry.user_id == society_admin.pk
    assert entry.data == {
        "file": "members.csv",
        "sha256": "abc",
        "mode": VALID_ROWS,
        "create": 2,
        "update": 1,
        "unchanged": 0,
        "invalid": 1,
    }


def test_the_same_file_twice_changes_nothing(society_admin, stored):
    text = csv_text(ADA, BEN, CY, "M9,New,Name,new@example.org,MD,1003000126,,,,lapsed,")
    apply_import(text, ALL_OR_NOTHING, society_admin, "members.csv", "abc")
    events, stamps = WebhookEvent.objects.count(), dict(Member.objects.values_list("member_id", "updated_at"))
    again = apply_import(text, ALL_OR_NOTHING, society_admin, "members.csv", "abc")
    assert again.counts == {"create": 0, "update": 0, "unchanged": 4, "invalid": 0}
    assert WebhookEvent.objects.count() == events
    assert dict(Member.objects.values_list("member_id", "updated_at")) == stamps


def test_upload_preview_and_apply_in_the_admin(admin_client):
    response = upload(admin_client, csv_text(ADA, "M4,Dee,Bad,dee@example.org,MD,1234567890,,,,active,", BEN))
    assert response.status_code == 302
    html = admin_client.get(response["Location"]).content.decode()
    assert "members.csv" in html
    assert "1234567890 is not a valid NPI" in html
    sha256 = admin_client.session["lms_member_import"]["sha256"]

    response = admin_client.post(
        "/admin/cme-records/import-members/apply/", {"sha256": sha256, "mode": ALL_OR_NOTHING}, follow=True
    )
    assert "Nothing was imported: 1 row is invalid" in response.content.decode()
    assert not Member.objects.exists()

    response = admin_client.post(
        "/admin/cme-records/import-members/apply/", {"sha256": sha256, "mode": VALID_ROWS}, follow=True
    )
    assert (
        "Imported members.csv: 2 created, 0 updated, 0 unchanged, 1 invalid row skipped." in response.content.decode()
    )
    assert set(Member.objects.values_list("member_id", flat=True)) == {"M1", "M2"}
    assert "lms_member_import" not in admin_client.session


def test_apply_refuses_a_file_other_than_the_one_previewed(admin_client):
    upload(admin_client, csv_text(ADA))
    response = admin_client.post(
        "/admin/cme-records/import-members/apply/", {"sha256": "0" * 64, "mode": VALID_ROWS}, follow=True
    )
    assert "upload it again" in response.content.decode()
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b"member_id,first_name,last_name\nM1,Ada,Lovelace\n",
            "Missing columns: email, degree, npi, board_id, birth_month",
        ),
        ((HEADER + ",nickname\n").encode(), "Unexpected columns: nickname."),
        (
            csv_text("M1,Zoë,Łukasz,z@example.org,MD,,,,,active,").encode("latin-1", "replace").replace(b"?", b"\xd1"),
            "not UTF-8 text",
        ),
        (b"", "The submitted file is empty."),
        (b"\n\n", "The file is empty"),
    ],
)
def test_upload_refuses_files_it_cannot_read(admin_client, content, message):
    response = upload(admin_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "lms_member_import" not in admin_client.session


def test_upload_refuses_an_oversize_file(admin_client):
    response = upload(admin_client, HEADER.encode() + b"\n" + b"x" * MAX_BYTES)
    assert "the limit is 4 MB" in response.content.decode()


def test_a_byte_order_mark_and_header_case_are_accepted(db):
    text = ("\ufeff" + HEADER.upper() + "\n" + ADA + "\n").encode("utf-8").decode("utf-8-sig")
    assert plan_import(text).counts["create"] == 1


def test_a_member_created_elsewhere_during_the_import_means_nothing_is_applied(society_admin, monkeypatch):
    from lms.imports import apply

    def plan_then_portal_creates_m1(text, lock):
        plan = plan_import(text, lock=lock)
        MemberFactory(member_id="M1", user__username="M1")
        return plan

    monkeypatch.setattr(apply, "plan_import", plan_then_portal_creates_m1)
    result = apply_import(csv_text(ADA, BEN), VALID_ROWS, society_admin, "f.csv", "x")
    assert not result.applied
    assert "changed elsewhere" in result.refusal
    assert set(Member.objects.values_list("member_id", flat=True)) == {"M1"}
    assert not ModelLogEntry.objects.filter(action="cme_lms.import_members").exists()


def test_an_address_another_member_has_is_a_row_error_whatever_its_case(stored):
    plan = plan_import(
        csv_text(
            "M1,Ada,Lovelace,M9@Example.org,MD,,,,,active,",
            "M2,Ben,Franklin,ben@example.org,DO,,,,,lapsed,",
            "M3,Cy,Young,BEN@example.org,MD,,,,,active,",
        )
    )
    assert errors_by_row(plan) == {
        2: [("email", "M9@Example.org is the e-mail of member M9.")],
        4: [("email", "BEN@example.org is also given to member M2 on row 3.")],
    }


def test_a_new_address_for_an_account_with_a_password_is_a_row_error(society_admin):
    MemberFactory(
        member_id="M5", first_name="Pat", last_name="Word", user__username="pat", user__email="pat@example.org"
    )
    text = csv_text("M5,Pat,Word,attacker@example.net,MD,,,,,active,")
    assert errors_by_row(plan_import(text)) == {2: [("email", PASSWORD_REFUSAL)]}
    result = apply_import(text, VALID_ROWS, society_admin, "f.csv", "x")
    assert result.counts["invalid"] == 1
    member = Member.objects.select_related("user").get(member_id="M5")
    assert (member.email, member.user.email) == ("pat@example.org", "pat@example.org")


def test_a_staff_accounts_address_is_a_row_error(db):
    MemberFactory(
        member_id="M6",
        user__username="staff",
        user__email="staff@example.org",
        user__is_staff=True,
        user__password=None,
    )
    assert errors_by_row(plan_import(csv_text("M6,Sam,Staff,new@example.org,MD,,,,,active,"))) == {
        2: [("email", STAFF_REFUSAL)]
    }


def test_a_new_address_for_an_account_without_a_password_is_written_to_member_and_account(society_admin, stored):
    text = csv_text("M9,Old,Name,M9.New@example.org,MD,1003000126,,,,active,")
    apply_import(text, VALID_ROWS, society_admin, "f", "x")
    member = Member.objects.select_related("user").get(member_id="M9")
    assert (member.email, member.user.email) == ("M9.New@example.org", "M9.New@example.org")
    created = Member.objects.select_related("user").get(member_id="M9")
    assert created.email == created.user.email


def test_with_verified_changes_the_import_asks_the_member_to_confirm(
    society_admin, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.LMS = {"VERIFIED_EMAIL_CHANGES": True}
    MemberFactory(
        member_id="M5", first_name="Pat", last_name="Word", user__username="pat", user__email="pat@example.org"
    )
    text = csv_text("M5,Pat,Word,pat.new@example.org,MD,,,,,active,")
    assert plan_import(text).email_confirmations == 1
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(text, VALID_ROWS, society_admin, "f.csv", "x")
    member = Member.objects.select_related("user").get(member_id="M5")
    assert (member.email, member.user.email) == ("pat@example.org", "pat@example.org")
    assert EmailChange.objects.get(member=member).email == "pat.new@example.org"
    assert sorted(message.to[0] for message in mailoutbox) == ["pat.new@example.org", "pat@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        again = apply_import(text, VALID_ROWS, society_admin, "f.csv", "x")
    assert again.counts["unchanged"] == 1 and len(mailoutbox) == 2


def test_the_preview_says_which_new_addresses_wait_for_confirmation(admin_client, settings):
    settings.LMS = {"VERIFIED_EMAIL_CHANGES": True}
    MemberFactory(member_id="M5", user__username="pat", user__email="pat@example.org")
    response = upload(admin_client, csv_text("M5,Pat,Word,pat.new@example.org,MD,,,,,active,"))
    html = admin_client.get(response["Location"]).content.decode()
    assert "1 member signs in with a password and gets a new e-mail: each is asked to confirm it" in html


@pytest.mark.parametrize(
    "month, day, column, message",
    [
        ("13", "1", "birth_month", "Ensure this value is less than or equal to 12."),
        ("0", "5", "birth_month", "Ensure this value is greater than or equal to 1."),
        ("2", "31", "birth_day", "February has no day 31."),
        ("x", "1", "birth_month", "“x” value must be an integer."),
        ("4", "x", "birth_day", "“x” value must be an integer."),
    ],
)
def test_a_bad_birth_month_or_day_is_a_row_error_on_its_column(admin_client, month, day, column, message):
    row = f"M4,Dee,Bad,dee@example.org,MD,,,{month},{day},active,"
    assert errors_by_row(plan_import(csv_text(ADA, row))) == {3: [(column, message)]}

    response = upload(admin_client, csv_text(ADA, row))
    preview = admin_client.get(response["Location"])
    assert preview.status_code == 200
    assert f"<code>{column}</code></td><td>{message}" in preview.content.decode()
