"""The catalog lists each activity's modules and tests; a learner's attempts left; start 201, resume 200."""

from quizzes.models import Quiz, QuizRole
from tests.api.conftest import session_client


def test_catalog_list_and_detail_carry_modules_and_tests(portal, activity_with_post_test):
    module = activity_with_post_test.get_children().specific().get()
    check = Quiz.objects.create(title="Check", role=QuizRole.KNOWLEDGE_CHECK, module=module, live=True)
    post_test = Quiz.objects.get(course=activity_with_post_test, role=QuizRole.POST_TEST)
    Quiz.objects.filter(pk=post_test.pk).update(max_attempts=3, passing_score=80)
    listed = portal.get("/api/v1/catalog/").json()["results"][0]
    detail = portal.get(f"/api/v1/catalog/{activity_with_post_test.pk}/").json()
    for body in (listed, detail):
        assert [m["slug"] for m in body["modules"]] == ["m1"]
        tests = {test["role"]: test for test in body["tests"]}
        assert tests["post_test"] == {
            "quiz_id": post_test.pk,
            "title": post_test.title,
            "role": "post_test",
            "module_id": None,
            "passing_score": 80,
            "attempts_allowed": 3,
            "time_limit_minutes": None,
        }
        assert tests["knowledge_check"]["quiz_id"] == check.pk and tests["knowledge_check"]["module_id"] == module.pk
        assert tests["knowledge_check"]["attempts_allowed"] is None


def test_catalog_urls_use_the_host_the_request_reached(portal, activity_with_post_test, settings):
    settings.ALLOWED_HOSTS = ["testserver", "cme.example.org"]
    for host in ("cme.example.org", "testserver"):
        listed = portal.get("/api/v1/catalog/", HTTP_HOST=host).json()["results"][0]
        assert listed["url"].startswith(f"http://{host}/")
    detail = portal.get(f"/api/v1/catalog/{activity_with_post_test.pk}/", HTTP_HOST="cme.example.org").json()
    assert detail["url"].startswith("http://cme.example.org/")


def test_start_is_201_resume_is_200_and_attempts_left_counts_down(learner_a, activity_with_post_test):
    quiz = Quiz.objects.get(course=activity_with_post_test, role=QuizRole.POST_TEST)
    Quiz.objects.filter(pk=quiz.pk).update(max_attempts=2)
    me = session_client(learner_a.user)
    started = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert started.status_code == 201
    assert started.json()["attempts_left"] == 1
    resumed = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert resumed.status_code == 200
    assert resumed.json()["id"] == started.json()["id"]
    me.post(f"/api/v1/me/attempts/{started.json()['id']}/submit/", {"answers": []}, format="json")
    second = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert second.status_code == 201
    assert second.json()["attempts_left"] == 0
    me.post(f"/api/v1/me/attempts/{second.json()['id']}/submit/", {"answers": []}, format="json")
    refused = me.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert refused.status_code == 422
