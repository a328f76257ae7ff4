import copy
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from courses.models import CoursePage
from quizzes.models import Question, Quiz, QuizRole
from tests.lms.test_load_curriculum import COURSE, write_curriculum

BANK = [
    {
        "key": f"t-q{n:02d}",
        "kind": "single",
        "objectives": [1 if n % 2 else 2],
        "stem": f"Question {n}?",
        "choices": [{"key": "a", "text": "Yes", "correct": True}, {"key": "b", "text": "No", "correct": False}],
        "rationale": f"Rationale {n}.",
        "source": "src",
    }
    for n in range(1, 13)
]
PRE_TEST_KEYS = [q["key"] for q in BANK[:4]]
POST_TEST_KEYS = [q["key"] for q in BANK[4:]]


def course_with_quizzes(**post_changes):
    """COURSE with a pre-test of 4 and a post-test drawing 8 of 8, its stated time counting those 12 items."""
    course = copy.deepcopy(COURSE)
    course["estimated_minutes"] = COURSE["estimated_minutes"] + 12
    course["quiz_bank"] = copy.deepcopy(BANK)
    course["pre_test"] = {"title": "Pre-test: tiny", "passing_score": 0, "questions": list(PRE_TEST_KEYS)}
    course["post_test"] = {
        "title": "Post-test: tiny",
        "passing_score": 70,
        "max_attempts": 3,
        "question_count": 8,
        "questions": list(POST_TEST_KEYS),
        **post_changes,
    }
    return course


def load(directory=None, *args):
    out = StringIO()
    extra = ["--directory", str(directory)] if directory else []
    call_command("load_curriculum", *args, *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_every_bundled_course_has_a_pre_test_and_a_post_test_that_share_no_items():
    load()
    for course in CoursePage.objects.all():
        pre_test = Quiz.objects.get(course=course, role=QuizRole.PRE_TEST)
        post_test = Quiz.objects.get(course=course, role=QuizRole.POST_TEST)
        pre_keys = set(pre_test.questions.values_list("key", flat=True))
        post_keys = set(post_test.questions.values_list("key", flat=True))
        assert pre_keys and post_keys and not pre_keys & post_keys, course.slug
        assert post_test.passing_score == 70
        assert post_test.question_count == 8
        # Enough items for a fresh set on every allowed attempt.
        assert len(post_keys) >= post_test.question_count * post_test.max_attempts, course.slug
        for question in [*pre_test.questions.all(), *post_test.questions.all()]:
            assert question.reference and question.rationale


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_bundled_quizzes_load_idempotently():
    load()
    before = (Quiz.objects.count(), Question.objects.count(), list(Question.objects.values_list("pk", "key")))
    output = load()
    assert (Quiz.objects.count(), Question.objects.count(), list(Question.objects.values_list("pk", "key"))) == before
    assert "0 created, 0 updated" in output


@pytest.mark.django_db
def test_reloading_changed_questions_keeps_their_identity(tmp_path):
    write_curriculum(tmp_path, [course_with_quizzes()])
    load(tmp_path)
    question = Question.objects.get(quiz__role=QuizRole.POST_TEST, key="t-q05")
    choice_ids = [block.id for block in question.choices]
    changed = course_with_quizzes()
    changed["quiz_bank"][4]["stem"] = "Question five, reworded?"
    write_curriculum(tmp_path, [changed])
    load(tmp_path)
    reloaded = Question.objects.get(quiz__role=QuizRole.POST_TEST, key="t-q05")
    assert reloaded.pk == question.pk
    assert "reworded" in reloaded.stem
    assert [block.id for block in reloaded.choices] == choice_ids


@pytest.mark.django_db
def test_quiz_changed_by_an_editor_is_left_alone(tmp_path):
    write_curriculum(tmp_path, [course_with_quizzes()])
    load(tmp_path)
    quiz = Quiz.objects.get(role=QuizRole.POST_TEST)
    quiz.max_attempts = 5
    quiz.save()
    write_curriculum(tmp_path, [course_with_quizzes(max_attempts=2)])
    output = load(tmp_path)
    assert "left alone: post-test 'Post-test: tiny'" in output
    quiz.refresh_from_db()
    assert quiz.max_attempts == 5


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"question_count": 20}, "post_test.question_count", "bank holds only 8"),
        ({"questions": ["t-q01", "nope"]}, "post_test.questions", "not in quiz_bank: nope"),
        ({"passing_score": 120}, "post_test.passing_score", "less than or equal to 100"),
    ],
)
@pytest.mark.django_db
def test_bad_quiz_data_names_the_field_and_loads_nothing(tmp_path, change, field, message):
    write_curriculum(tmp_path, [course_with_quizzes(**change)])
    with pytest.raises(CommandError) as error:
        load(tmp_path)
    assert f"field '{field}'" in str(error.value) and message in str(error.value)
    assert not CoursePage.objects.exists() and not Quiz.objects.exists()


def with_bank_change(index, **changes):
    course = course_with_quizzes()
    course["quiz_bank"][index].update(changes)
    for name, value in changes.items():
        if value is None:
            del course["quiz_bank"][index][name]
    return course


@pytest.mark.parametrize(
    ("course", "field", "message"),
    [
        (
            with_bank_change(5, objectives=[3]),
            "quiz_bank[5].objectives",
            "3 is not an objective number between 1 and 2",
        ),
        (with_bank_change(5, objectives=[]), "quiz_bank[5].objectives", "tag the question with the objective number"),
        (with_bank_change(5, objectives=None), "quiz_bank[5].objectives", "is required"),
        (with_bank_change(5, key="t-q05"), "quiz_bank[5].key", "question key 't-q05' is used twice"),
        (
            course_with_quizzes(questions=[*POST_TEST_KEYS, "t-q02"]),
            "pre_test.questions",
            "shares t-q02 with the post-test; the two banks may not overlap",
        ),
        (
            course_with_quizzes(questions=["t-q05", "t-q06", "t-q07", "t-q09", "t-q11"], question_count=4),
            "post_test.questions",
            "objective 2 is assessed by 1 post-test item(s) (t-q06); each objective needs at least 2",
        ),
        (
            course_with_quizzes(questions=["t-q05", "t-q07", "t-q09", "t-q11"], question_count=4),
            "post_test.questions",
            "objective 2 is assessed by 0 post-test item(s); each objective needs at least 2",
        ),
    ],
)
@pytest.mark.django_db
def test_bad_objective_tags_or_banks_name_the_field_and_load_nothing(tmp_path, course, field, message):
    write_curriculum(tmp_path, [course])
    with pytest.raises(CommandError) as error:
        load(tmp_path)
    assert "course 'tiny-course'" in str(error.value) and f"field '{field}'" in str(error.value)
    assert message in str(error.value)
    assert not CoursePage.objects.exists() and not Quiz.objects.exists()


@pytest.mark.django_db
def test_a_stated_time_that_leaves_out_the_test_items_is_refused(tmp_path):
    course = course_with_quizzes()
    course["estimated_minutes"] = COURSE["estimated_minutes"]
    write_curriculum(tmp_path, [course])
    with pytest.raises(CommandError) as error:
        load(tmp_path)
    assert "field 'estimated_minutes'" in str(error.value)
    assert "and 12 test items at 1 minute each: 42 minutes" in str(error.value)
    assert not CoursePage.objects.exists()


@pytest.mark.django_db
def test_question_without_a_correct_choice_is_refused(tmp_path):
    course = course_with_quizzes()
    course["quiz_bank"][3]["choices"][0]["correct"] = False
    write_curriculum(tmp_path, [course])
    with pytest.raises(CommandError, match=r"field 'quiz_bank\[3\]\.choices'.*has none"):
        load(tmp_path)


@pytest.mark.django_db
def test_course_page_links_its_tests_with_the_pass_mark(client, tmp_path):
    write_curriculum(tmp_path, [course_with_quizzes()])
    load(tmp_path)
    html = client.get(CoursePage.objects.get().url).content.decode()
    assert "Pre-test: tiny" in html
    assert "Post-test: tiny</a>: passing score 70%, 3 attempts" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_a_fresh_load_publishes_every_quiz_and_person_so_learners_can_take_the_tests():
    from courses.models import Person
    from quizzes.services.attempts import start_attempt
    from tests.factories import enrolled_learner

    load()
    for snippet in (*Quiz.objects.all(), *Person.objects.all()):
        assert snippet.live and snippet.live_revision_id and not snippet.has_unpublished_changes, snippet
        assert snippet.live_revision_id == snippet.latest_revision_id
    post_test = Quiz.objects.filter(role=QuizRole.POST_TEST).first()
    attempt = start_attempt(post_test, enrolled_learner(post_test.course, "first-learner"))
    assert attempt.quiz_revision_id == post_test.live_revision_id and len(attempt.presented) == post_test.question_count


@pytest.mark.django_db
def test_a_reload_publishes_the_changed_bank_as_a_new_revision(tmp_path):
    write_curriculum(tmp_path, [course_with_quizzes()])
    load(tmp_path)
    first = Quiz.objects.get(role=QuizRole.POST_TEST).live_revision_id
    changed = course_with_quizzes()
    item = next(q for q in changed["quiz_bank"] if q["key"] == POST_TEST_KEYS[0])
    item["choices"][0]["correct"], item["choices"][1]["correct"] = False, True
    write_curriculum(tmp_path, [changed])
    assert "updated: post-test 'Post-test: tiny'" in load(tmp_path)
    quiz = Quiz.objects.get(role=QuizRole.POST_TEST)
    assert quiz.live_revision_id != first and not quiz.has_unpublished_changes
    question = quiz.questions.get(key=POST_TEST_KEYS[0])
    assert [block.value["correct"] for block in question.choices] == [False, True]


@pytest.mark.django_db
def test_a_draft_awaiting_review_is_left_alone(tmp_path):
    write_curriculum(tmp_path, [course_with_quizzes()])
    load(tmp_path)
    quiz = Quiz.objects.get(role=QuizRole.POST_TEST)
    quiz.max_attempts = 5
    quiz.save_revision()  # an editor's draft, not yet approved
    write_curriculum(tmp_path, [course_with_quizzes(max_attempts=2)])
    assert "left alone: post-test 'Post-test: tiny'" in load(tmp_path)
    quiz.refresh_from_db()
    assert (quiz.max_attempts, quiz.has_unpublished_changes) == (3, True)
