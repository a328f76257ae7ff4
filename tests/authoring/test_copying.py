"""Copying an activity brings its modules and tests and leaves the dates to its author: the copy
awards nothing and cannot be published until they are set."""

import pytest
from django.core.exceptions import ValidationError

from content.publishing import publish_snippet
from courses.copying import copy_activity
from courses.models import CoursePage, ModulePage
from courses.publishing_checks import PublishRefused, publish_problems
from quizzes.models import Question, QuestionBank, Quiz, QuizDraw, QuizRole
from tests.factories import make_course, make_module, make_quiz
from tests.factories.quizzes import choices, make_bank


@pytest.fixture
def activity(catalog):
    course = make_course(catalog, slug="opioid-tapering")
    module = make_module(course, slug="assess")
    make_module(course, slug="plan")
    make_quiz(course, role=QuizRole.PRE_TEST, passing_score=0)
    make_quiz(course, role=QuizRole.POST_TEST, passing_score=75)
    check = Quiz(title="Check your plan", role=QuizRole.KNOWLEDGE_CHECK, module=module, passing_score=0)
    check.questions = [Question(key="kc1", stem="<p>Ready?</p>", choices=choices("+yes", "no"), rationale="Yes.")]
    publish_snippet(check)
    return course


def test_a_copy_brings_modules_and_tests_and_clears_the_dates(activity, society_admin):
    copy = copy_activity(activity, title="Opioid tapering 2027", slug="opioid-tapering-2027", user=society_admin)
    assert not copy.live and copy.title == "Opioid tapering 2027"
    assert (copy.release_date, copy.last_review_date, copy.expiration_date) == (None, None, None)
    draft = copy.get_latest_revision_as_object()
    assert (draft.release_date, draft.last_review_date, draft.expiration_date) == (None, None, None)
    assert [m.slug for m in ModulePage.objects.child_of(copy).order_by("path")] == ["assess", "plan"]
    assert not ModulePage.objects.child_of(copy).live().exists()

    post_test = Quiz.objects.get(course=copy, role=QuizRole.POST_TEST)
    assert post_test.passing_score == 75 and not post_test.live
    assert post_test.questions.count() == 4
    assert Quiz.objects.filter(course=copy, role=QuizRole.PRE_TEST).exists()
    check = Quiz.objects.get(module__in=ModulePage.objects.child_of(copy))
    assert check.module.slug == "assess"
    # The original keeps its tests, live and unchanged.
    assert Quiz.objects.live().filter(course=activity).count() == 2
    assert Quiz.objects.get(course=activity, role=QuizRole.POST_TEST).questions.count() == 4


def test_a_copy_draws_from_copies_of_the_activitys_banks_and_from_the_shared_ones(activity, society_admin):
    post_test = Quiz.objects.get(course=activity, role=QuizRole.POST_TEST)
    own = make_bank("Tapering items", course=activity, role=QuizRole.POST_TEST)
    shared = make_bank("Pain science items")
    QuizDraw.objects.create(quiz=post_test, bank=own, count=1)
    QuizDraw.objects.create(quiz=post_test, bank=shared, count=1)

    copy = copy_activity(activity, title="Opioid tapering 2027", slug="opioid-tapering-2027", user=society_admin)
    draws = {draw.bank.name: draw for draw in QuizDraw.objects.filter(quiz__course=copy)}
    assert set(draws) == {"Tapering items (Opioid tapering 2027)", "Pain science items"}
    copied = draws["Tapering items (Opioid tapering 2027)"].bank
    assert copied.course_id == copy.pk and copied.role == QuizRole.POST_TEST
    assert [q.stem for q in copied.questions.order_by("sort_order")] == [
        q.stem for q in own.questions.order_by("sort_order")
    ]
    assert draws["Pain science items"].bank == shared
    # The original's test still draws from its own bank.
    assert set(QuizDraw.objects.filter(quiz=post_test).values_list("bank", flat=True)) == {own.pk, shared.pk}
    assert QuestionBank.objects.filter(course=activity).get() == own


def test_a_copy_awards_no_credit_and_cannot_be_published_without_its_dates(activity, society_admin):
    copy = copy_activity(activity, title="Copy", slug="copy", user=society_admin)
    assert not copy.awards_credit_on()
    assert any("release date" in problem for problem in publish_problems(copy))
    with pytest.raises(PublishRefused):
        copy.save_revision(user=society_admin, clean=False).publish()
    assert not CoursePage.objects.get(pk=copy.pk).live


def test_a_copy_to_an_address_in_use_copies_nothing(activity, society_admin):
    before = (CoursePage.objects.count(), Quiz.objects.count())
    with pytest.raises(ValidationError):
        copy_activity(activity, title="Same address", slug="opioid-tapering", user=society_admin)
    assert (CoursePage.objects.count(), Quiz.objects.count()) == before
