"""Activity and module pages keep the parts that are the same for every visitor, and remembered
routes to them; an edit anywhere in the published content shows on the next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, ModulePage, Person
from quizzes.models import Quiz, QuizRole
from tests.courses.test_page_queries import course  # noqa: F401
from tests.factories import make_module


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_a_stored_landing_page_costs_no_query_for_its_static_parts(client, course):  # noqa: F811
    client.get("/")  # the first visit to a new site creates its statement settings (an edit)
    _, first = queries_for(client, course.url)
    html, again = queries_for(client, course.url)
    assert again <= 5 < first, "site, root page, the remembered activity, view restrictions"
    assert "Device Co 3-2" in html and "Module m5" in html and "Tests" in html


def test_a_module_published_elsewhere_shows_on_the_landing_page_at_once(client, course):  # noqa: F811
    client.get(course.url)
    module = ModulePage.objects.child_of(course).first()
    module.title = "A renamed module"
    module.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "A renamed module" in html


def test_an_edited_disclosure_shows_at_once(client, course):  # noqa: F811
    client.get(course.url)
    person = Person.objects.get(name="Person 1")
    person.name = "Dr Renamed"
    person.save()
    assert "Dr Renamed" in client.get(course.url).content.decode()


def test_a_new_knowledge_check_shows_on_its_module_at_once(client, course):  # noqa: F811
    module = make_module(course, slug="late")
    client.get(module.url)
    Quiz.objects.create(title="Quick check", role=QuizRole.KNOWLEDGE_CHECK, module=module)
    assert "Quick check" in client.get(module.url).content.decode()


def test_an_unpublished_activity_is_gone_at_once(client, course):  # noqa: F811
    assert client.get(course.url).status_code == 200
    CoursePage.objects.get(pk=course.pk).unpublish()
    assert client.get("/courses/busy/").status_code == 404


def test_a_renamed_activity_moves_its_route(client, course):  # noqa: F811
    client.get("/courses/busy/")
    page = CoursePage.objects.get(pk=course.pk)
    page.slug = "renamed"
    page.save_revision().publish()
    assert client.get("/courses/busy/").status_code == 404
    assert client.get("/courses/renamed/").status_code == 200


def test_a_preview_shows_the_draft_and_stores_nothing(admin_client, course):  # noqa: F811
    admin_client.get(course.url)
    page = CoursePage.objects.get(pk=course.pk)
    page.summary = "A draft summary nobody has published"
    revision = page.save_revision()
    preview = admin_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert preview.status_code == 200 and "A draft summary nobody has published" in preview.content.decode()
    assert "A draft summary nobody has published" not in admin_client.get(course.url).content.decode()


def test_the_learner_panel_stays_per_visitor(client, course, django_user_model):  # noqa: F811
    client.get(course.url)
    from tests.factories import MemberFactory

    member = MemberFactory(user__username="reader", first_name="Rea")
    client.force_login(member.user)
    html = client.get(course.url).content.decode()
    assert "Enrol" in html and "Sign in" not in html.split("<main")[1]


@pytest.mark.parametrize("cache_shared", [True, False])
def test_pages_render_the_same_with_and_without_stored_parts(client, course, settings, cache_shared):  # noqa: F811
    settings.CME_SHARED_CACHE = cache_shared
    module = ModulePage.objects.child_of(course).first()
    first = client.get(module.url).content
    assert client.get(module.url).content == first
    cache.clear()
    assert client.get(module.url).content == first


def test_a_remembered_module_brings_its_activity_for_the_members_only_gate(client, course):  # noqa: F811
    module = ModulePage.objects.child_of(course).first()
    client.get("/")
    client.get(module.url)
    _, queries = queries_for(client, module.url)
    assert queries <= 5, "the module's activity came with the remembered route"
    page = CoursePage.objects.get(pk=course.pk)
    page.members_only = True
    page.save_revision().publish()
    # A visitor who has not signed in is asked to (the members-only page itself: tests/lms).
    assert client.get(module.url)["Location"].startswith("/accounts/login/")
    assert client.get(module.url)["Location"].startswith("/accounts/login/"), "the remembered activity too"
