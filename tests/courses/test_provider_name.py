"""Every page shows the society's name from its site's statement settings, kept with the
published content: an edit shows on the next page at once, and a page costs no query for it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from courses.models import CMEStatementSettings
from tests.factories import MemberFactory, make_catalog, make_course, make_home


@pytest.fixture
def course(db):
    return make_course(make_catalog(make_home()), slug="named")


def sql_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured]


def test_an_edited_society_name_shows_on_the_next_page_at_once(client, course):
    client.get(course.url)
    statements = CMEStatementSettings.for_site(Site.objects.get(is_default_site=True))
    statements.provider_name = "Society of Interventional Pain"
    statements.save()
    html = client.get(course.url).content.decode()
    assert '<a class="brand" href="/">Society of Interventional Pain</a>' in html
    assert "· Society of Interventional Pain</title>" in html


def test_a_site_served_on_another_host_shows_its_own_society(client, course, settings):
    settings.ALLOWED_HOSTS = ["testserver", "pain.example.org"]
    client.get(course.url)
    other = Site.objects.create(hostname="pain.example.org", root_page=course.get_parent().get_parent())
    CMEStatementSettings.objects.update_or_create(site=other, defaults={"provider_name": "Pain Society"})
    html = client.get(course.url, HTTP_HOST="pain.example.org").content.decode()
    assert '<a class="brand" href="/">Pain Society</a>' in html
    assert '<a class="brand" href="/">Pain Society</a>' not in client.get(course.url).content.decode()


def test_a_host_moved_to_another_site_shows_that_sites_society_at_once(client, course, settings):
    settings.ALLOWED_HOSTS = ["testserver", "pain.example.org"]
    other = Site.objects.create(hostname="other.example.org", root_page=course.get_parent().get_parent())
    CMEStatementSettings.objects.update_or_create(site=other, defaults={"provider_name": "Pain Society"})
    client.get(course.url, HTTP_HOST="pain.example.org")  # the first visit creates the default site's settings
    assert "Pain Society" not in client.get(course.url, HTTP_HOST="pain.example.org").content.decode()
    other.hostname = "pain.example.org"
    other.save()  # only the site changes: its settings row is untouched
    html = client.get(course.url, HTTP_HOST="pain.example.org").content.decode()
    assert '<a class="brand" href="/">Pain Society</a>' in html


def test_a_page_reads_no_statement_settings_once_the_name_is_kept(client, course):
    client.get(course.url)  # the site's first visit creates its statement settings
    client.get(course.url)
    html, queries = sql_of(client, course.url)
    assert "The Sample Medical Society" in html
    assert not [sql for sql in queries if "cmestatementsettings" in sql]


def test_learner_records_cost_no_permission_query_and_editors_keep_the_user_bar_on_pages(admin_client, course):
    member = MemberFactory(user__username="reader")
    client = Client()
    client.force_login(member.user)
    client.get("/learn/")  # the site's first visit creates its statement settings
    client.get("/learn/")
    _, queries = sql_of(client, "/learn/")
    assert not [sql for sql in queries if "auth_permission" in sql or "cmestatementsettings" in sql]
    html, _ = sql_of(admin_client, course.url)
    assert "wagtail-userbar" in html
