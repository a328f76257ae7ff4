"""A live activity that designates credit keeps its live post-test: the test is not unpublished,
deleted, or published as another role's or another activity's test while the activity is live.
Every way in asks `post_test_loss_problems`: the admin's Unpublish, Delete and Publish (the
before_unpublish, before_delete_snippet and before_publish hooks, which show the reasons) and
`Quiz.unpublish`, `Quiz.delete` and `Quiz.publish` for code, approvals and scheduled changes."""

from django.core.exceptions import PermissionDenied

from courses.models import CoursePage


class PostTestKept(PermissionDenied):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("This post-test stays with its activity: " + " ".join(self.problems))


def post_test_loss_problems(quiz, becoming=None):
    """Why `quiz` may not stop being the live post-test of its activity: unpublished or deleted
    (`becoming` None), or published as `becoming`, a version for another role or activity. While an
    activity that designates credit is live, learners complete it by passing its post-test; without
    one they would complete it, and claim credit, with no assessment at all."""
    from .assessment import designates_credit
    from .models import Quiz, QuizRole

    if becoming is not None and becoming.role == QuizRole.POST_TEST and becoming.course_id == quiz.course_id:
        return []
    if not Quiz.objects.filter(pk=quiz.pk, live=True, role=QuizRole.POST_TEST, course__isnull=False).exists():
        return []
    activity = CoursePage.objects.live().filter(pk=quiz.course_id).first()
    if activity is None or not designates_credit(activity):
        return []
    return [
        f"It is the post-test of the live activity {activity.title!r}, which designates credit; without "
        "it, learners would complete the activity with no assessment. Unpublish the activity first."
    ]
