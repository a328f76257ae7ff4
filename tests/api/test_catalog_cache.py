"""The catalog's stored answers: served without rebuilding, never after the catalog changed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Track
from tests.factories import make_course


def listing(portal, **params):
    with CaptureQueriesContext(connection) as queries:
        response = portal.get("/api/v1/catalog/", params)
    assert response.status_code == 200
    return response.json(), len(queries)


def titles(body):
    return [course["title"] for course in body["results"]]


def test_a_repeated_listing_is_served_from_the_store(portal, activity_with_post_test):
    first, built = listing(portal)
    again, stored = listing(portal)
    assert again == first
    assert stored < built and stored <= 3, "the key, the catalog version, nothing else"


def test_filters_and_pages_are_stored_apart(portal, activity_with_post_test):
    make_course(activity_with_post_test.get_parent(), slug="other", track="cancer-rehabilitation")
    everything, _ = listing(portal)
    one_track, _ = listing(portal, track="cancer-rehabilitation")
    assert len(everything["results"]) == 2 and titles(one_track) == ["Course other"]
    assert listing(portal, track="cancer-rehabilitation")[0] == one_track


def test_publishing_and_unpublishing_change_the_answer_at_once(portal, activity_with_post_test):
    listing(portal)
    activity_with_post_test.title = "API course, second edition"
    activity_with_post_test.save_revision().publish()
    assert titles(listing(portal)[0]) == ["API course, second edition"]
    activity_with_post_test.unpublish()
    assert listing(portal)[0]["results"] == []


def test_a_new_activity_shows_at_once(portal, activity_with_post_test):
    listing(portal)
    make_course(activity_with_post_test.get_parent(), slug="fresh")
    assert "Course fresh" in titles(listing(portal)[0])


def test_a_renamed_track_shows_at_once(portal, activity_with_post_test):
    before, _ = listing(portal)
    track = Track.objects.get(pk=activity_with_post_test.track_id)
    track.name = "Renamed track"
    track.save()
    after, _ = listing(portal)
    assert after != before and "Renamed track" in str(after)


def test_errors_are_not_stored(portal, activity_with_post_test):
    assert portal.get("/api/v1/catalog/", {"page": 99}).status_code == 404
    assert portal.get("/api/v1/catalog/", {"page": 99}).status_code == 404
