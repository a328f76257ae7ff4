"""Landing and module pages stay within 12 queries, whatever the faculty, disclosures and
outline hold; routing reaches them in one query per level."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import QuizRole
from tests.factories import make_catalog, make_course, make_home, make_module, make_person, make_quiz

MAX_QUERIES = 12


@pytest.fixture
def course(db):
    faculty = [
        (
            make_person(
                f"Person {n}",
                relationships=[{"company": f"Device Co {n}-{r}", "nature": "Consultant"} for r in range(n)],
            ),
            "author",
        )
        for n in range(4)
    ]
    course = make_course(make_catalog(make_home()), slug="busy", faculty=faculty)
    for n in range(6):
        make_module(course, slug=f"m{n}")
    make_quiz(course, role=QuizRole.PRE_TEST)
    make_quiz(course, role=QuizRole.POST_TEST)
    return course


def served(client, url):
    client.get(url)  # per-process site caches, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_landing_page_shows_every_disclosure_within_the_query_budget(client, course):
    html, queries = served(client, course.url)
    assert queries <= MAX_QUERIES
    assert html.count("No relevant financial relationships") == 1
    for n in range(1, 4):
        for r in range(n):
            assert f"<td>Person {n}, MD</td><td>Author</td><td>Device Co {n}-{r}</td><td>Consultant</td>" in html
    assert "All relevant financial relationships listed have been mitigated." in html
    assert html.index("Person 1") < html.index("Person 2") < html.index("Person 3")


def test_a_module_page_keeps_its_course_and_outline_within_the_query_budget(client, course):
    module = course.get_modules()[2]
    html, queries = served(client, module.url)
    assert queries <= MAX_QUERIES
    assert f'href="{course.url}"' in html and "Module m3" in html and "Module m1" in html


@pytest.mark.parametrize("path", ["/courses/nope/", "/courses/busy/nope/", "/courses/busy/m1/extra/"])
def test_unknown_paths_below_an_activity_are_not_found(client, course, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_module_is_not_served(client, course):
    module = course.get_modules()[0]
    module.unpublish()
    assert client.get(module.url or f"{course.url}{module.slug}/").status_code == 404
