"""Rules that keep the post-test honest: disjoint pre/post banks (or score only for shared items),
retakes drawing unseen items first, a post-test blueprint covering every objective, and the
editor's refusals and warnings."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from courses.curriculum import objective_block_id
from courses.models import CoursePage
from quizzes.models import FeedbackPolicy, Question, Quiz, QuizRole
from quizzes.presentation import present_questions
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import enrolled_learner, make_catalog, make_course, make_home, make_quiz
from tests.lms.test_load_curriculum import write_curriculum
from tests.quizzes.test_bundled_quizzes import course_with_quizzes, load
from tests.quizzes.test_quiz_admin import ADD, admin_client, question_row, quiz_data  # noqa: F401

EDIT = "wagtailsnippets_cme_quizzes_quiz:edit"
THREE_OBJECTIVES = [{"type": "objective", "value": f"Objective {n}", "id": f"obj-{n}"} for n in (1, 2, 3)]


def bank(size, prefix="p"):
    return [("single", (f"{prefix}{n}a", f"+{prefix}{n}b")) for n in range(1, size + 1)]


def rekey(quiz, prefix):
    """Give `quiz`'s items keys and stems of their own (the factory numbers every quiz's items alike)."""
    for question in quiz.questions.all():
        Question.objects.filter(pk=question.pk).update(
            key=f"{prefix}-{question.key}", stem=f"<p>{prefix} stem {question.key}</p>"
        )


def error_text(response):
    form = response.context["form"]
    return " ".join(str(message) for message in form.non_field_errors())


# --- Disjoint banks ------------------------------------------------------------------------------


def test_a_pre_test_repeating_a_post_test_item_is_refused_naming_it(admin_client, bare_activity):  # noqa: F811
    make_quiz(bare_activity)  # post-test items k1-k4, stems "Stem 1".."Stem 4"
    rows = [question_row(stem="Stem 2"), question_row(stem="A question of its own?")]
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity, rows=rows, role="pre_test", title="Pre"))
    assert response.status_code == 200
    message = error_text(response)
    assert "share items" in message and "'k2'" in message and "stem 2" in message
    assert not Quiz.objects.filter(title="Pre").exists()


def test_identical_stems_collide_whatever_their_markup_spacing_and_case(admin_client, bare_activity):  # noqa: F811
    make_quiz(bare_activity)
    rows = [question_row(stem="<b>STEM</b>   1")]
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity, rows=rows, role="pre_test", title="Pre"))
    assert "'k1'" in error_text(response)


def test_editing_the_post_test_to_reuse_a_pre_test_item_is_refused(admin_client, bare_activity):  # noqa: F811
    pre_test = make_quiz(bare_activity, role=QuizRole.PRE_TEST)
    rekey(pre_test, "pre")
    rows = [question_row(stem="pre stem k3"), question_row(stem="Fresh?")]
    response = admin_client.post(reverse(ADD), quiz_data(bare_activity, rows=rows, title="Post"))
    assert "share items" in error_text(response)
    assert not Quiz.objects.filter(title="Post").exists()


def test_a_pre_test_allowed_to_share_items_is_saved(admin_client, bare_activity):  # noqa: F811
    make_quiz(bare_activity)
    rows = [question_row(stem="Stem 2")]
    data = quiz_data(bare_activity, rows=rows, role="pre_test", title="Pre", shares_post_test_items="on")
    assert admin_client.post(reverse(ADD), data).status_code == 302
    assert Quiz.objects.get(title="Pre").shares_post_test_items


def shared_pre_test(course):
    """A pre-test showing everything, whose item k1 is also post-test item k1; k2-k4 are its own."""
    make_quiz(course)
    pre_test = make_quiz(
        course,
        role=QuizRole.PRE_TEST,
        feedback_policy=FeedbackPolicy.EVERYTHING,
        shares_post_test_items=True,
        shuffle_questions=False,
        shuffle_choices=False,
    )
    for question in pre_test.questions.exclude(key="k1"):
        Question.objects.filter(pk=question.pk).update(key=f"own-{question.key}", stem=f"<p>Own {question.key}</p>")
    return pre_test


def test_shared_items_show_only_the_score_on_every_surface(bare_activity):
    learner = enrolled_learner(bare_activity, "learner")
    pre_test = shared_pre_test(bare_activity)
    attempt = submit_attempt(start_attempt(pre_test, learner).pk, learner, {1: ["q1a"], 2: ["q2b"], 3: ["q3true"]})
    client = APIClient()
    client.force_login(learner)

    page = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Rationale 1" not in page and "Rationale 2" in page and "25.00%" in page
    assert "q1b <strong>(correct)" not in page and "q2a <strong>(correct)" in page

    feedback = client.get(f"/api/v1/me/attempts/{attempt.pk}/").json()["feedback"]
    assert set(feedback[0]) == {"position", "selected"}
    assert feedback[1]["rationale"] == "Rationale 2" and feedback[1]["correct"] is False

    export = client.get("/learn/my-data.json").json()
    answers = next(a for a in export["quiz_attempts"] if a["quiz_id"] == pre_test.pk)["answers"]
    assert "correct" not in answers[0] and answers[1]["correct"] is False


# --- Progress summaries follow the policy --------------------------------------------------------


@pytest.mark.parametrize(("policy", "shown"), [(FeedbackPolicy.NOTHING, None), (FeedbackPolicy.SCORE, "25.00")])
def test_progress_carries_a_best_score_only_where_the_policy_shows_it(bare_activity, policy, shown):
    learner = enrolled_learner(bare_activity, "learner")
    quiz = make_quiz(bare_activity, feedback_policy=policy, shuffle_questions=False, shuffle_choices=False)
    submit_attempt(start_attempt(quiz, learner).pk, learner, {1: ["q1b"]})
    client = APIClient()
    client.force_login(learner)
    enrollment = client.get("/api/v1/me/progress/").json()["enrollments"][0]
    assert enrollment["post_test_best_score"] == shown


# --- Retakes draw unseen items first -------------------------------------------------------------


def test_a_retake_after_a_failure_draws_items_the_learner_has_not_seen(bare_activity):
    learner = enrolled_learner(bare_activity, "learner")
    quiz = make_quiz(bare_activity, questions=bank(8), question_count=4, max_attempts=3)
    shown = []
    for _ in range(3):
        attempt = submit_attempt(start_attempt(quiz, learner).pk, learner, {})
        assert attempt.passed is False
        shown.append({question["key"] for question in attempt.presented})
    first, second, third = shown
    assert not first & second, "the second attempt repeats nothing while unseen items remain"
    assert third == first, "then the items seen longest ago come back"


@pytest.mark.django_db
def test_the_draw_is_reproducible_from_its_seed():
    course = make_course(make_catalog(make_home()))
    quiz = make_quiz(course, questions=bank(8), question_count=4)
    questions = list(quiz.questions.all())
    seen = {"k1": 1, "k2": 1}
    draws = {tuple(q["key"] for q in present_questions(quiz, questions, 42, seen=seen)) for _ in range(5)}
    assert len(draws) == 1
    assert not {"k1", "k2"} & set(next(iter(draws)))


def test_the_editor_warns_when_the_bank_cannot_give_every_attempt_a_fresh_set(admin_client, bare_activity):  # noqa: F811
    small = make_quiz(bare_activity, questions=bank(8), question_count=4, max_attempts=3)
    page = admin_client.get(reverse(EDIT, args=[small.pk])).content.decode()
    assert "data-bank-warning" in page and "need 12" in page
    Quiz.objects.filter(pk=small.pk).update(max_attempts=2)
    assert "data-bank-warning" not in admin_client.get(reverse(EDIT, args=[small.pk])).content.decode()


# --- Objectives drive the draw -------------------------------------------------------------------


@pytest.fixture
def three_objective_course(db):
    return make_course(make_catalog(make_home()), learning_objectives=THREE_OBJECTIVES)


def test_every_post_test_attempt_assesses_every_objective(three_objective_course):
    quiz = make_quiz(three_objective_course, questions=bank(9), question_count=3, max_attempts=3)
    # One item per objective; the six others assess none in particular.
    Question.objects.filter(quiz=quiz).update(objectives=[])
    for key, objective in (("k3", "obj-1"), ("k6", "obj-2"), ("k9", "obj-3")):
        Question.objects.filter(quiz=quiz, key=key).update(objectives=[objective])
    questions = list(quiz.questions.all())
    for seed in range(40):
        drawn = present_questions(quiz, questions, seed, objectives=["obj-1", "obj-2", "obj-3"])
        assert {q["key"] for q in drawn} == {"k3", "k6", "k9"}
    learner = enrolled_learner(three_objective_course, "learner")
    attempt = start_attempt(quiz, learner)
    assert sorted(objective for q in attempt.presented for objective in q["objectives"]) == ["obj-1", "obj-2", "obj-3"]


def test_a_blueprint_fills_the_rest_of_the_draw_unseen_first(three_objective_course):
    quiz = make_quiz(three_objective_course, questions=bank(8), question_count=4)
    questions = list(quiz.questions.all())  # every item assesses every objective
    drawn = present_questions(quiz, questions, 7, seen={"k1": 1, "k2": 1, "k3": 1, "k4": 1}, objectives=["obj-1"])
    assert {q["key"] for q in drawn} == {"k5", "k6", "k7", "k8"}


def objective_rows(course, tags):
    return [question_row(stem=f"Item {n}?") | {"objectives": objectives} for n, objectives in enumerate(tags)]


def test_the_editor_refuses_a_blueprint_with_an_objective_no_item_assesses(admin_client, three_objective_course):  # noqa: F811
    course = three_objective_course
    rows = objective_rows(course, [["obj-1"], ["obj-2"], ["obj-1", "obj-2"]])
    response = admin_client.post(reverse(ADD), quiz_data(course, rows=rows, title="Post"))
    assert "No item in the bank assesses objective 3 (“Objective 3”)" in error_text(response)
    assert not Quiz.objects.filter(title="Post").exists()


def test_the_editor_refuses_a_draw_smaller_than_the_objectives(admin_client, three_objective_course):  # noqa: F811
    course = three_objective_course
    rows = objective_rows(course, [["obj-1"], ["obj-2"], ["obj-3"]])
    response = admin_client.post(reverse(ADD), quiz_data(course, rows=rows, title="Post", question_count="2"))
    assert "lists 3 objectives but the post-test draws 2 items" in error_text(response)
    rows = objective_rows(course, [["obj-1"], ["obj-2"], ["obj-3"]])
    assert admin_client.post(reverse(ADD), quiz_data(course, rows=rows, title="Post")).status_code == 302
    assert [q.objectives for q in Quiz.objects.get(title="Post").questions.all()] == [["obj-1"], ["obj-2"], ["obj-3"]]


def test_a_pre_test_draws_without_a_blueprint(admin_client, three_objective_course):  # noqa: F811
    rows = objective_rows(three_objective_course, [[]])
    data = quiz_data(three_objective_course, rows=rows, title="Pre", role="pre_test")
    assert admin_client.post(reverse(ADD), data).status_code == 302


@pytest.mark.django_db
def test_the_loader_stores_each_items_objectives_by_their_stable_ids(tmp_path):
    write_curriculum(tmp_path, [course_with_quizzes()])
    load(tmp_path)
    course = CoursePage.objects.get()
    page_ids = [block.id for block in course.learning_objectives]
    post_test = Quiz.objects.get(role=QuizRole.POST_TEST)
    tags = dict(post_test.questions.values_list("key", "objectives"))
    assert tags["t-q05"] == [objective_block_id(course.slug, 0)] == [page_ids[0]]
    assert tags["t-q06"] == [page_ids[1]]


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_the_bundled_post_tests_fill_their_blueprints():
    load()
    for quiz in Quiz.objects.filter(role=QuizRole.POST_TEST).select_related("course"):
        objectives = [block.id for block in quiz.course.learning_objectives]
        drawn = present_questions(quiz, list(quiz.questions.all()), 1, objectives=objectives)
        assert {o for q in drawn for o in q["objectives"]} >= set(objectives), quiz.course.slug


def test_a_tag_of_an_objective_the_activity_no_longer_lists_is_dropped_on_saving(admin_client, bare_activity):  # noqa: F811
    from tests.quizzes.test_quiz_review import edit_form

    quiz = make_quiz(bare_activity)
    objective = bare_activity.learning_objectives[0].id
    Question.objects.filter(quiz=quiz).update(objectives=[objective, "removed-objective"])
    response = admin_client.post(reverse(EDIT, args=[quiz.pk]), edit_form(quiz, "publish"))
    assert response.status_code == 302
    assert {tuple(tags) for tags in Question.objects.filter(quiz=quiz).values_list("objectives", flat=True)} == {
        (objective,)
    }
