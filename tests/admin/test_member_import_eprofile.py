"""The member import's optional `nabp_eprofile_id` column: the rule of the API's PUT and member batches.

With the column, a cell sets the member's NABP e-Profile ID and an empty cell clears it; without it,
every member keeps the ID they have. Each ID belongs to one member, in the society and in the file.
"""

import pytest

from lms.imports.apply import ALL_OR_NOTHING, apply_import
from lms.imports.plan import plan_import
from lms.imports.reading import COLUMNS
from lms.models import Member
from lms.services.nabp import save_nabp_details
from tests.admin.test_member_import import ADA, BEN, csv_text, errors_by_row, upload

HEADER = ",".join([*COLUMNS, "nabp_eprofile_id"])


def with_ids(*lines):
    return "\n".join([HEADER, *lines]) + "\n"


@pytest.fixture
def pharmacist(society_admin):
    """M1 as an import of ADA's row made it, with the NABP e-Profile ID the learner then entered."""
    apply_import(csv_text(ADA), ALL_OR_NOTHING, society_admin, "first.csv", "x")
    return save_nabp_details(Member.objects.get(member_id="M1"), "1234567", 12, 10)


def stored_members():
    return {row["member_id"]: row for row in Member.objects.values()}


def test_the_column_sets_and_an_empty_cell_clears(society_admin, pharmacist):
    result = apply_import(with_ids(f"{ADA},", f"{BEN},654321"), ALL_OR_NOTHING, society_admin, "f.csv", "x")
    assert result.applied, result.errors
    assert result.counts == {"create": 1, "update": 1, "unchanged": 0, "invalid": 0}
    assert dict(Member.objects.values_list("member_id", "nabp_eprofile_id")) == {"M1": "", "M2": "654321"}


def test_without_the_column_every_member_keeps_the_id(society_admin, pharmacist):
    renamed = ADA.replace("Ada,", "Adah,")
    result = apply_import(csv_text(renamed, BEN), ALL_OR_NOTHING, society_admin, "f.csv", "x")
    assert result.counts["update"] == 1
    rows = Member.objects.values_list("member_id", "first_name", "nabp_eprofile_id")
    assert {member_id: (name, eprofile_id) for member_id, name, eprofile_id in rows} == {
        "M1": ("Adah", "1234567"),
        "M2": ("Ben", ""),
    }


def test_the_same_id_the_member_has_leaves_them_unchanged(pharmacist):
    assert plan_import(with_ids(f"{ADA},1234567")).counts["unchanged"] == 1


def test_another_members_id_is_a_row_error(society_admin, pharmacist):
    before = stored_members()
    result = apply_import(with_ids(f"{ADA},", f"{BEN},1234567"), ALL_OR_NOTHING, society_admin, "f.csv", "x")
    assert not result.applied
    assert errors_by_row(plan_import(with_ids(f"{ADA},", f"{BEN},1234567"))) == {
        3: [("nabp_eprofile_id", "NABP e-Profile ID 1234567 belongs to member M1.")]
    }
    assert stored_members() == before


def test_the_same_id_on_two_rows_is_an_error_on_the_second(db):
    plan = plan_import(with_ids(f"{ADA},222222", f"{BEN},222222"))
    assert errors_by_row(plan) == {
        3: [("nabp_eprofile_id", "NABP e-Profile ID 222222 is also given to member M1 on row 2.")]
    }


@pytest.mark.parametrize("bad", ["12345", "12345678", "12a4567"])
def test_an_invalid_id_is_a_row_error_on_its_column(admin_client, bad):
    message = "An NABP e-Profile ID is 6 or 7 digits, as NABP shows it in the e-Profile."
    errors = errors_by_row(plan_import(with_ids(f"{BEN},{bad}")))
    assert {field for field, _ in errors[2]} == {"nabp_eprofile_id"}
    assert ("nabp_eprofile_id", message) in errors[2]
    preview = admin_client.get(upload(admin_client, with_ids(f"{BEN},{bad}"))["Location"])
    assert "<code>nabp_eprofile_id</code></td><td>An NABP e-Profile ID is 6 or 7 digits" in preview.content.decode()


def test_the_upload_page_names_the_optional_column(admin_client):
    page = admin_client.get("/admin/cme-records/import-members/").content.decode()
    assert "it may add <code>nabp_eprofile_id</code>" in page
