"""Stored progress answers (lms/services/progress_cache.py) are never served after a change to
what they show, wherever the change came from."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.services import progress_cache
from lms.services.members import anonymize_member
from lms.services.progress_version import member_with_progress_version
from quizzes.models import QuizRole
from tests.api.conftest import session_client
from tests.factories import UserFactory, make_course, make_module, make_quiz

URL = "/api/v1/members/A-1/progress/"


def warm(client, url=URL):
    client.get(url)
    return client.get(url)


def test_tokens_read_before_a_change_never_validate_an_answer_after_it(learner_a):
    ref = ("member_id", "A-1")
    member = member_with_progress_version(member_id="A-1")
    progress_cache.store(progress_cache.look_up(ref), member, '"e"', b"{}")  # learns the member
    before_change = progress_cache.look_up(ref)
    progress_cache.member_changed(member.pk)
    progress_cache.store(before_change, member, '"e"', b"{}")  # computed from data older than the change
    assert before_change.member_pk == member.pk
    assert not progress_cache.look_up(ref).fresh


def test_an_answer_is_served_only_to_the_member_it_was_computed_for(portal, learner_a):
    warm(portal)
    progress_cache._members[("member_id", "NOT-A-1")] = learner_a.pk
    response = portal.get("/api/v1/members/NOT-A-1/progress/")
    assert response.status_code == 404


def test_an_anonymized_member_is_gone_from_the_cache_at_once(portal, learner_a):
    assert warm(portal).status_code == 200
    anonymize_member(learner_a, UserFactory(username="registrar"), "Left the society")
    assert portal.get(URL).status_code == 404


def test_a_new_post_test_shows_at_once(portal, activity_with_post_test, learner_a):
    extra = make_course(activity_with_post_test.get_parent(), slug="later-test")
    make_module(extra, slug="a")
    learner_a.enrollments.create(course=extra)
    before = warm(portal)
    make_quiz(extra, role=QuizRole.POST_TEST)
    after = portal.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    row = next(row for row in after.json()["enrollments"] if row["course"]["id"] == extra.pk)
    assert row["progress"] != next(r for r in before.json()["enrollments"] if r["course"]["id"] == extra.pk)["progress"]


def test_the_portal_and_the_learner_share_one_stored_answer(portal, learner_a):
    own = session_client(learner_a.user)
    warm(own, "/api/v1/me/progress/")
    warm(portal)
    with CaptureQueriesContext(connection) as captured:
        mine = own.get("/api/v1/me/progress/")
    queries = len(captured)  # now: the next request clears the connection's log
    assert mine.status_code == 200 and mine["ETag"] == portal.get(URL)["ETag"]
    assert queries <= 3, "the session and the learner check, not the progress"


def test_a_stored_answer_rides_in_the_portal_keys_round_trip(portal, learner_a, monkeypatch):
    first = warm(portal)
    reads = []

    class Counting:
        def __getattr__(self, name):
            if name == "get_many":
                reads.append(name)
            return getattr(cache, name)

    monkeypatch.setattr(progress_cache, "cache", Counting())
    response = portal.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert reads == [], "the member's tokens and answer came with the key's lookup"


def test_a_learners_attempt_through_the_api_changes_the_stored_answer_without_a_member_query(
    portal, activity_with_post_test, learner_a
):
    own = session_client(learner_a.user)
    quiz = activity_with_post_test.quizzes.get(role=QuizRole.POST_TEST)
    before = warm(portal)
    with CaptureQueriesContext(connection) as captured:
        started = own.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    queries = list(captured)  # the log is the connection's: read it before the next request clears it
    assert started.status_code == 201
    assert not progress_cache.look_up(("member_id", "A-1")).fresh
    answers = [{"position": q["position"], "choices": [q["choices"][0]["id"]]} for q in started.json()["questions"]]
    warm(portal)
    with CaptureQueriesContext(connection) as captured:
        graded = own.post(f"/api/v1/me/attempts/{started.json()['id']}/submit/", {"answers": answers}, format="json")
    queries += list(captured)
    assert graded.status_code == 200
    after_submit = portal.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after_submit.status_code == 200 and after_submit["ETag"] != before["ETag"]
    member_reads = [q["sql"] for q in queries if q["sql"].lstrip().startswith('SELECT "cme_lms_member"')]
    assert len(member_reads) == 2, "the learner check reads the member once per request; grading and the cache reuse it"
    # Starting reads where the learner stands at the quiz once (attempts left; resumed or new) and
    # the learner's attempts in one query; the submission reads the attempt once,
    # under its lock, shows the answers it wrote without reading them back, and reads where the
    # learner stands at the quiz once, which decides what the result may show. Starting also reads
    # the quiz's draws from shared banks (none here), once.
    assert len(queries) <= 24
