import pytest

from courses.models import CoursePage
from tests.factories import make_course, make_module


def test_catalog_lists_only_published_courses(client, catalog):
    make_course(catalog, slug="published", title="Published course")
    draft = make_course(catalog, slug="draft", title="Draft course")
    draft.unpublish()
    html = client.get(catalog.url).content.decode()
    assert "Published course" in html
    assert "Draft course" not in html


def test_catalog_filters_by_track(client, catalog):
    make_course(catalog, slug="ipm", title="IPM course", track="ipm-fundamentals")
    make_course(catalog, slug="rehab", title="Rehab course", track="cancer-rehabilitation")
    html = client.get(catalog.url, {"track": "cancer-rehabilitation"}).content.decode()
    assert "Rehab course" in html
    assert "IPM course" not in html


def test_catalog_filters_by_minimum_credit(client, catalog):
    make_course(catalog, slug="short", title="Short course", credit="0.50")
    make_course(catalog, slug="long", title="Long course", credit="1.50", estimated_minutes=90)
    html = client.get(catalog.url, {"credit": "1"}).content.decode()
    assert "Long course" in html
    assert "Short course" not in html


def test_catalog_rejects_bad_filters_with_a_message(client, catalog):
    make_course(catalog, slug="any", title="Any course")
    response = client.get(catalog.url, {"track": "no-such-track", "credit": "lots"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html
    assert "Enter a number" in html
    assert "Any course" in html


def test_search_finds_a_course_by_its_module_text(client, catalog):
    course = make_course(catalog, slug="neuro", title="Neuromodulation basics")
    make_module(course, body=[{"type": "rich_text", "value": "<p>Adhesiolysis frees scarred epidural tissue.</p>"}])
    make_course(catalog, slug="other", title="Unrelated course")
    html = client.get(catalog.url, {"q": "adhesiolysis"}).content.decode()
    assert "Neuromodulation basics" in html
    assert "Unrelated course" not in html


def test_search_finds_a_course_by_its_objectives(catalog):
    make_course(
        catalog,
        slug="obj",
        title="Objective course",
        learning_objectives=[{"type": "objective", "value": "Explain prehabilitation before chemotherapy."}],
    )
    assert list(CoursePage.objects.filter(CoursePage.search_filter("prehabilitation"))) == [
        CoursePage.objects.get(slug="obj")
    ]


@pytest.mark.parametrize("count", [1, 20])
def test_catalog_query_count_does_not_grow_with_courses(client, catalog, django_assert_max_num_queries, count):
    for index in range(count):
        make_course(catalog, slug=f"course-{index}", title=f"Course {index}")
    client.get(catalog.url)  # fills Wagtail's cache of site root paths, as on any running site
    # Wagtail's routing and privacy checks take 7 of these, whatever the number of courses.
    with django_assert_max_num_queries(11):
        response = client.get(catalog.url)
    assert response.content.decode().count('class="card"') == count


def test_catalog_filters_by_format(client, catalog):
    make_course(catalog, slug="online", title="Online course", learning_format="enduring")
    make_course(catalog, slug="live", title="Live course", learning_format="live")
    html = client.get(catalog.url, {"format": "live"}).content.decode()
    assert "Live course" in html
    assert "Online course" not in html


@pytest.mark.parametrize(
    "query, found",
    [
        ("rehab", ["Cancer rehabilitation"]),
        ("prehab", ["Prehabilitation clinic"]),
        ("opioid-spar", ["Opioid-sparing pain care"]),
        ("Opioid-sparing", ["Opioid-sparing pain care"]),
        ("adhesio", ["Cancer rehabilitation"]),
    ],
)
def test_search_finds_words_from_their_beginning(client, catalog, query, found):
    """On SQLite and on PostgreSQL alike (the suite runs on both): Wagtail's autocomplete."""
    rehab = make_course(catalog, slug="rehab", title="Cancer rehabilitation", summary="Exercise during treatment.")
    make_module(rehab, body=[{"type": "rich_text", "value": "<p>Adhesiolysis after radiotherapy.</p>"}])
    make_course(
        catalog,
        slug="prehab",
        title="Prehabilitation clinic",
        learning_objectives=[{"type": "objective", "value": "Plan exercise before surgery."}],
    )
    make_course(catalog, slug="opioids", title="Opioid-sparing pain care", summary="Multimodal analgesia.")
    make_course(catalog, slug="other", title="Asthma in primary care", summary="Controllers and relievers.")
    html = client.get(catalog.url, {"q": query}).content.decode()
    titles = ["Cancer rehabilitation", "Prehabilitation clinic", "Opioid-sparing pain care", "Asthma in primary care"]
    # Result headings only: the track filter lists names alike.
    assert [title for title in titles if f">{title}</a></h2>" in html] == found
