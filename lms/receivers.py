"""Learner records react to graded quiz attempts (quizzes never imports lms); stored answers
and portal keys follow the edits that change them."""

from django.dispatch import receiver

from courses.models import CoursePage
from quizzes.models import QuizRole
from quizzes.signals import attempt_graded

from . import progress_invalidation  # noqa: F401  (connects its receivers)
from .api import key_cache  # noqa: F401  (connects its receivers)
from .services.completion import check_completion
from .services.progress import complete_module_by_knowledge_check
from .xapi import events as xapi_events


@receiver(attempt_graded)
def on_attempt_graded(sender, attempt, **kwargs):
    member = getattr(attempt.user, "member", None)
    if member is None:
        return
    # The grade's statement first: the record store then hears of it before the completion it causes.
    xapi_events.quiz_graded(attempt, member)
    if not attempt.passed:
        return
    quiz = attempt.quiz
    if quiz.role == QuizRole.KNOWLEDGE_CHECK and quiz.module_id:
        course = CoursePage.objects.parent_of(quiz.module).first()
        if course is not None:
            complete_module_by_knowledge_check(member, quiz.module, course)
    elif quiz.role == QuizRole.POST_TEST and quiz.course_id:
        check_completion(member, quiz.course)
