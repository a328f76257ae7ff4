"""Roles fit the work: Editors set up tracks and faculty, only Society admins create credit types;
the Users screen tells staff from learners and the Groups screen says what each role may do."""

import pytest

from courses.models import CreditType, Person, Track
from tests.factories import MemberFactory


@pytest.fixture
def superuser(django_user_model):
    """Who manages accounts and groups in Wagtail's settings."""
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "correct horse battery")


def test_an_editor_creates_a_track_but_not_a_credit_type(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/cme_courses/track/add/", {"name": "Palliative care", "slug": "palliative-care"}
    )
    assert response.status_code == 302 and Track.objects.filter(slug="palliative-care").exists()
    before = CreditType.objects.count()
    refused = client.post("/admin/snippets/cme_courses/credittype/add/", {"name": "Nursing", "code": "ANCC"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert CreditType.objects.count() == before


def test_an_editor_may_add_faculty(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/cme_courses/person/add/").status_code == 200
    assert Person.objects.count() == 0


def test_a_society_admin_creates_credit_types(client, society_admin):
    client.force_login(society_admin)
    assert client.get("/admin/snippets/cme_courses/credittype/add/").status_code == 200


def test_the_users_screen_separates_staff_from_learners(client, superuser, society_admin, editor):
    MemberFactory(user__username="learner-lee")
    client.force_login(superuser)

    def listed(kind):
        response = client.get("/admin/users/", {"kind": kind})
        assert response.status_code == 200
        return {user.username for user in response.context["object_list"]}

    assert listed("staff") == {"admin", "coordinator", "editor"}
    assert listed("learners") == {"learner-lee"}
    assert listed("") == {"admin", "coordinator", "editor", "learner-lee"}


def test_the_groups_screen_says_what_each_role_may_do(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/groups/").content.decode()
    assert "create credit types" in html and "create tracks and faculty" in html
