"""Each Django or Wagtail internal the caches rely on (content/caching/internals.py), pinned to the behaviour
relied on: an upgrade that changes one fails here, by name."""

from django.test import RequestFactory
from wagtail.models import Page

from content.caching.internals import hold_prefetched, instance_from_row, remember_parent, remembered_parent
from courses.models import CoursePage, ModulePage
from quizzes.models import Answer, Attempt
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.factories import enrolled_learner, make_catalog, make_course, make_home, make_module, make_quiz


def test_a_remembered_parent_answers_get_parent_without_a_query(db, django_assert_num_queries):
    course = make_course(make_catalog(make_home()))
    module = ModulePage.objects.get(pk=make_module(course).pk)
    remember_parent(module, course)
    with django_assert_num_queries(0):
        assert module.get_parent() is course
    assert remembered_parent(module) is course


def test_wagtails_routing_leaves_the_parent_it_walked_through(db):
    """Remembered routes store the parent Wagtail's own routing left on the page (courses/routing.py)."""
    catalog = make_catalog(make_home())
    course = make_course(catalog)
    module = make_module(course)
    plain = Page.objects.get(pk=course.pk)  # a plain Page routes with Wagtail's code, not ours
    page, _, _ = Page.route(plain, RequestFactory().get(module.url), [module.slug])
    assert page.pk == module.pk
    assert remembered_parent(page) is not None and remembered_parent(page).pk == course.pk


def test_an_instance_from_stored_columns_is_the_row_with_the_rest_deferred(db, django_assert_num_queries):
    course = make_course(make_catalog(make_home()), title="Opioid-sparing pain care")
    wanted = {"id", "page_ptr_id", "path", "depth", "title", "slug", "url_path", "live"}
    fields = [f.attname for f in CoursePage._meta.concrete_fields if f.attname in wanted]
    stored = [getattr(course, name) for name in fields]
    with django_assert_num_queries(0):
        rebuilt = instance_from_row(CoursePage, fields, stored)
        assert (rebuilt.pk, rebuilt.title, rebuilt.live) == (course.pk, "Opioid-sparing pain care", True)
        assert rebuilt._state.adding is False
    with django_assert_num_queries(1):  # a field not stored loads on first use
        assert rebuilt.summary == course.summary


def test_held_answers_are_read_without_a_query(db, django_assert_num_queries):
    course = make_course(make_catalog(make_home()))
    quiz = make_quiz(course, shuffle_questions=False, shuffle_choices=False)
    learner = enrolled_learner(course, "internals")
    attempt_id = submit_attempt(start_attempt(quiz, learner).pk, learner, {}).pk
    attempt = Attempt.objects.get(pk=attempt_id)
    answers = list(Answer.objects.filter(attempt=attempt))
    assert answers
    hold_prefetched(attempt, "answers", answers)
    with django_assert_num_queries(0):
        assert list(attempt.answers.all()) == answers
