"""A learner's POST retried with the same Idempotency-Key answers as the first, and acts once."""

import datetime

from django.utils import timezone

from lms.models import Completion, IdempotentRequest, ModuleProgress
from quizzes.models import Attempt, Quiz, QuizRole
from tests.api.conftest import session_client


def test_a_retried_start_replays_the_first_answer(learner_a, activity_with_post_test):
    quiz = Quiz.objects.get(course=activity_with_post_test, role=QuizRole.POST_TEST)
    me = session_client(learner_a.user)
    url = f"/api/v1/me/quizzes/{quiz.pk}/attempts/"
    first = me.post(url, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201
    again = me.post(url, HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201, "the first answer, not the 200 of a resume"
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Attempt.objects.filter(user=learner_a.user).count() == 1


def test_a_retried_submission_is_not_graded_twice_and_a_new_key_acts_again(learner_a, activity_with_post_test):
    quiz = Quiz.objects.get(course=activity_with_post_test, role=QuizRole.POST_TEST)
    me = session_client(learner_a.user)
    attempt = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/").json()
    url = f"/api/v1/me/attempts/{attempt['id']}/submit/"
    first = me.post(url, {"answers": []}, format="json", HTTP_IDEMPOTENCY_KEY="submit-1")
    replay = me.post(url, {"answers": []}, format="json", HTTP_IDEMPOTENCY_KEY="submit-1")
    assert replay.content == first.content
    assert "Idempotent-Replayed" not in first


def test_the_same_key_with_another_body_is_422(learner_a, activity_with_post_test):
    module = activity_with_post_test.get_children().get()
    me = session_client(learner_a.user)
    url = f"/api/v1/me/modules/{module.pk}/complete/"
    assert me.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="k-2").status_code == 204
    other = me.post(url, {"extra": 1}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    elsewhere = me.post(f"/api/v1/me/courses/{activity_with_post_test.pk}/enrol/", HTTP_IDEMPOTENCY_KEY="k-2")
    assert elsewhere.status_code == 422
    assert ModuleProgress.objects.filter(member=learner_a).count() == 1


def test_keys_are_per_learner(learner_a, learner_b, activity_with_post_test):
    module = activity_with_post_test.get_children().get()
    url = f"/api/v1/me/modules/{module.pk}/complete/"
    for learner in (learner_a, learner_b):
        response = session_client(learner.user).post(url, HTTP_IDEMPOTENCY_KEY="shared")
        assert response.status_code == 204 and "Idempotent-Replayed" not in response
    assert ModuleProgress.objects.count() == 2


def test_an_expired_key_acts_again(learner_a, activity_with_post_test):
    module = activity_with_post_test.get_children().get()
    me = session_client(learner_a.user)
    url = f"/api/v1/me/modules/{module.pk}/complete/"
    me.post(url, HTTP_IDEMPOTENCY_KEY="old")
    IdempotentRequest.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = me.post(url, HTTP_IDEMPOTENCY_KEY="old")
    assert "Idempotent-Replayed" not in response
    assert IdempotentRequest.objects.get().expires_at > timezone.now()


def test_a_key_too_long_is_400_and_nothing_happens(learner_a, activity_with_post_test):
    me = session_client(learner_a.user)
    response = me.post(
        f"/api/v1/me/courses/{activity_with_post_test.pk}/claims/", {}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 256
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert not IdempotentRequest.objects.exists()
    assert not Completion.objects.exists()
