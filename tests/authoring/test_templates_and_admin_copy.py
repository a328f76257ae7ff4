"""The admin's copy of an activity and "New activity from template" both use the copy rule; a
template is never published nor listed."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission

from courses.activity_copy import template_buttons
from courses.copying import copy_activity
from courses.models import CoursePage
from courses.publishing_checks import PublishRefused
from quizzes.models import Quiz, QuizRole
from tests.factories import UserFactory, make_course, make_module, make_quiz


@pytest.fixture
def template(catalog, society_admin):
    course = make_course(catalog, slug="grand-rounds-template", title="Grand rounds (template)")
    make_module(course, slug="case")
    make_quiz(course, role=QuizRole.POST_TEST)
    course = CoursePage.objects.get(pk=course.pk)
    course.unpublish()
    course.is_template = True
    course.save_revision(user=society_admin)
    course.save(update_fields=["is_template"], clean=False)
    return CoursePage.objects.get(pk=course.pk)


def test_new_activity_from_template_creates_a_draft_copy(client, template, editor):
    client.force_login(editor)
    listing = client.get(f"/admin/pages/{template.get_parent().pk}/").content.decode()
    assert "New activity from template" in listing
    response = client.post(
        f"/admin/cme/activities/{template.pk}/copy/", {"title": "Grand rounds: sepsis", "slug": "grand-rounds-sepsis"}
    )
    new = CoursePage.objects.get(slug="grand-rounds-sepsis")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{new.pk}/edit/"
    assert not new.live and not new.is_template and new.release_date is None
    assert new.get_children().count() == 1
    assert Quiz.objects.filter(course=new, role=QuizRole.POST_TEST, live=False).exists()


def test_a_template_is_never_published_nor_listed(client, template, society_admin):
    with pytest.raises(PublishRefused, match="template"):
        template.save_revision(user=society_admin).publish()
    assert not CoursePage.objects.get(pk=template.pk).live
    assert "Grand rounds (template)" not in client.get(template.get_parent().url).content.decode()


def test_wagtails_copy_of_an_activity_goes_through_the_copy_rule(client, catalog, society_admin):
    course = make_course(catalog, slug="original")
    make_quiz(course, role=QuizRole.POST_TEST)
    client.force_login(society_admin)
    assert client.get(f"/admin/pages/{course.pk}/copy/")["Location"] == f"/admin/cme/activities/{course.pk}/copy/"
    client.post(f"/admin/cme/activities/{course.pk}/copy/", {"title": "Original again", "slug": "original-again"})
    copy = CoursePage.objects.get(slug="original-again")
    assert copy.expiration_date is None and Quiz.objects.filter(course=copy, role=QuizRole.POST_TEST).exists()


def test_a_copy_to_an_address_in_use_is_a_form_error(client, catalog, society_admin):
    course = make_course(catalog, slug="taken")
    client.force_login(society_admin)
    response = client.post(f"/admin/cme/activities/{course.pk}/copy/", {"title": "Again", "slug": "taken"})
    assert response.status_code == 200 and "already in use" in response.content.decode()
    assert CoursePage.objects.count() == 1


def api_copy(client, page, **data):
    return client.post(f"/admin/api/main/pages/{page.pk}/action/copy/", data, content_type="application/json")


def test_the_admin_apis_copy_of_an_activity_goes_through_the_copy_rule(client, catalog, society_admin):
    course = make_course(catalog, slug="original", title="Original")
    make_module(course, slug="case")
    make_quiz(course, role=QuizRole.POST_TEST)
    client.force_login(society_admin)

    response = api_copy(client, course, recursive=False, keep_live=True)

    assert response.status_code == 201, response.content
    copy = CoursePage.objects.get(pk=response.json()["id"])
    assert (copy.title, copy.slug) == ("Original (copy)", "original-1")
    assert not copy.live and copy.release_date is None and copy.expiration_date is None
    assert [module.slug for module in copy.get_children()] == ["case"]
    assert Quiz.objects.filter(course=copy, role=QuizRole.POST_TEST, live=False).exists()


@pytest.mark.parametrize("field", ["destination_page_id", "slug"], ids=["another catalog", "an address in use"])
def test_an_admin_api_copy_the_copy_rule_refuses_copies_nothing(client, catalog, society_admin, field):
    course = make_course(catalog, slug="taken")
    make_quiz(course, role=QuizRole.POST_TEST)
    data = {"destination_page_id": catalog.get_parent().pk} if field == "destination_page_id" else {"slug": "taken"}
    client.force_login(society_admin)

    response = api_copy(client, course, **data)

    assert response.status_code == 400 and field in response.json()
    assert CoursePage.objects.count() == 1 and Quiz.objects.count() == 1


@pytest.fixture
def proofreader(catalog):
    """May edit the catalog's pages but not add any, so may not copy one."""
    group = Group.objects.create(name="Proofreaders")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=catalog, permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory(username="proofreader")
    user.groups.add(group)
    return user


def test_whoever_may_not_copy_an_activity_is_refused_at_every_way_in(client, template, editor, proofreader):
    pages = CoursePage.objects.count()
    with pytest.raises(PermissionDenied):
        copy_activity(template, title="Mine", slug="mine", user=proofreader)
    client.force_login(proofreader)
    copy_url = f"/admin/cme/activities/{template.pk}/copy/"
    for response in (client.get(copy_url), client.post(copy_url, {"title": "Mine", "slug": "mine"})):
        assert response.status_code == 302 and response["Location"] == "/admin/"  # the admin's permission error
    assert api_copy(client, template, slug="mine").status_code == 403
    assert list(template_buttons(template, proofreader)) == []
    assert [button.label for button in template_buttons(template, editor)] == ["New activity from template"]
    assert CoursePage.objects.count() == pages and not CoursePage.objects.filter(slug="mine").exists()
