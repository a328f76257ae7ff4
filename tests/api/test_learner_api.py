"""/api/v1/me/: the learner's own operations, with the same rules and secrecy as the pages."""

import re

import pytest
from django.core.management import call_command

from courses.models import ModulePage
from lms.models import Certificate, Completion
from quizzes.models import Attempt, QuizRole
from tests.api.conftest import session_client


@pytest.fixture
def me(learner_a):
    return session_client(learner_a.user)


def test_full_path_through_the_api(me, activity_with_post_test, learner_a):
    for module in ModulePage.objects.child_of(activity_with_post_test):
        assert me.post(f"/api/v1/me/modules/{module.pk}/complete/").status_code == 204
    quiz = activity_with_post_test.quizzes.get(role=QuizRole.POST_TEST)
    started = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert started.status_code == 201
    attempt = started.json()
    for question in attempt["questions"]:
        assert set(question) == {"position", "kind", "stem", "choices"}
        for choice in question["choices"]:
            assert set(choice) == {"id", "text"}
    assert attempt["feedback"] is None
    key = Attempt.objects.get(pk=attempt["id"]).presented
    answers = [{"position": n, "choices": q["correct"]} for n, q in enumerate(key, 1)]
    graded = me.post(f"/api/v1/me/attempts/{attempt['id']}/submit/", {"answers": answers}, format="json").json()
    assert graded["passed"] is True and graded["score_percent"] == "100.00"
    again = me.post(f"/api/v1/me/attempts/{attempt['id']}/submit/", {"answers": []}, format="json").json()
    assert again["score_percent"] == "100.00"

    ratings = {block.id: 5 for block in activity_with_post_test.learning_objectives}
    evaluation = {
        "objective_ratings": ratings,
        "relevance": 5,
        "practice_change": "yes",
        "free_of_commercial_bias": True,
        "overall_quality": 5,
    }
    assert (
        me.post(f"/api/v1/me/courses/{activity_with_post_test.pk}/evaluation/", evaluation, format="json").status_code
        == 201
    )
    assert Completion.objects.filter(member=learner_a).exists()

    over = {
        "minutes": 45,
        "attest": True,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "1.00"}],
    }
    refused = me.post(f"/api/v1/me/courses/{activity_with_post_test.pk}/claims/", over, format="json")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "amounts[0].amount", "message": "You can claim at most 0.75 AMA PRA Category 1 Credit™."}
    ]
    good = {**over, "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}]}
    claimed = me.post(f"/api/v1/me/courses/{activity_with_post_test.pk}/claims/", good, format="json")
    assert claimed.status_code == 201
    assert claimed.json()["certificate_code"] == Certificate.objects.get().code
    progress = me.get("/api/v1/me/progress/").json()
    assert progress["enrollments"][0]["status"] == "completed"


def test_the_submission_answers_what_reading_the_attempt_later_shows(me, activity_with_post_test):
    quiz = activity_with_post_test.quizzes.get(role=QuizRole.POST_TEST)
    attempt = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/").json()
    key = Attempt.objects.get(pk=attempt["id"]).presented

    def wrong(question):
        return [next(c["id"] for c in question["choices"] if c["id"] not in question["correct"])]

    answers = [{"position": n, "choices": q["correct"] if n % 2 else wrong(q)} for n, q in enumerate(key, 1)]
    graded = me.post(f"/api/v1/me/attempts/{attempt['id']}/submit/", {"answers": answers}, format="json")
    assert graded.status_code == 200
    assert [f["correct"] for f in graded.json()["feedback"]] == [n % 2 == 1 for n in range(1, len(key) + 1)]
    assert graded.json() == me.get(f"/api/v1/me/attempts/{attempt['id']}/").json()


def test_claim_without_attestation_is_a_field_error(me, activity_with_post_test):
    body = {
        "minutes": 45,
        "attest": False,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
    }
    response = me.post(f"/api/v1/me/courses/{activity_with_post_test.pk}/claims/", body, format="json")
    assert response.status_code == 400
    assert {"field": "attest", "message": "Attest to claim credit."} in response.json()["errors"]


def test_claim_before_completion_is_refused_with_the_reason(me, activity_with_post_test):
    body = {
        "minutes": 45,
        "attest": True,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
    }
    response = me.post(f"/api/v1/me/courses/{activity_with_post_test.pk}/claims/", body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("You can claim credit once you have completed the activity")


def test_nested_field_errors_carry_their_path(me, activity_with_post_test):
    quiz = activity_with_post_test.quizzes.get(role=QuizRole.POST_TEST)
    attempt = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/").json()
    response = me.post(
        f"/api/v1/me/attempts/{attempt['id']}/submit/", {"answers": [{"position": 0, "choices": "x"}]}, format="json"
    )
    assert response.status_code == 400
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"answers[0].position", "answers[0].choices"} <= fields


def test_anonymous_gets_a_json_401(db):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/me/progress/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Sign in to reach your own records."


def test_wrong_method_is_a_json_405(me):
    response = me.delete("/api/v1/me/progress/")
    assert response.status_code == 405
    assert response.json()["title"] == "Method not allowed"


def test_throttled_learner_is_told_when_to_retry(me, settings):
    from lms.conf import DEFAULTS

    settings.LMS = {"API_THROTTLE_RATES": {**DEFAULTS["API_THROTTLE_RATES"], "learner": "2/min"}}
    codes = [me.get("/api/v1/me/progress/").status_code for _ in range(3)]
    response = me.get("/api/v1/me/progress/")
    assert codes == [200, 200, 429]
    assert int(response["Retry-After"]) > 0
    assert response.json()["status"] == 429


@pytest.mark.parametrize("answers", [[{"position": 1, "choices": ["x"]}], "not a list"])
def test_another_learners_attempt_is_not_found_whatever_the_body_and_stays_open(
    me, activity_with_post_test, learner_b, answers
):
    quiz = activity_with_post_test.quizzes.get(role=QuizRole.POST_TEST)
    theirs = session_client(learner_b.user).post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/").json()
    response = me.post(f"/api/v1/me/attempts/{theirs['id']}/submit/", {"answers": answers}, format="json")
    assert response.status_code == 404
    assert response.json()["title"] == "Not found"
    assert Attempt.objects.get(pk=theirs["id"]).status == "in_progress"


def test_verification_api_returns_minimal_data(db, portal):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/certificates/NOPE-NOPE-NOPE-NOPE/verify/")
    assert response.status_code == 404


def test_schema_validates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        *("--urlconf", "lms.api.documented_urls", "--custom-settings", "lms.api.schema.SCHEMA_SETTINGS"),
        *("--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")),
    )
    text = (tmp_path / "schema.yaml").read_text()
    assert "/api/v1/completions/feed/" in text
    assert "is_correct" not in text and "correct_choices" in text


def test_schema_and_docs_are_public_and_load_nothing_from_a_cdn(db):
    from rest_framework.test import APIClient

    client = APIClient()
    assert client.get("/api/v1/schema/").status_code == 200
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    # Every asset from this site: no src or href to another origin, no quoted URL to a CDN. (A random
    # nonce in the page may spell "cdn", so the words alone prove nothing.)
    assert re.findall(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']*)""", html) == []
    assert re.findall(r"""["']((?:https?:)?//[^"']*cdn[^"']*)""", html, re.IGNORECASE) == []
