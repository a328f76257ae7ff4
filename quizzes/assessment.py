"""An activity that designates credit assesses it: a post-test, required for completion, with a pass
mark at least the site's minimum (quizzes/pass_mark.py), live or going live with the activity.
Registered as a publishing check (courses/publishing_checks.py), so every way of publishing an
activity asks it, and the pre-publish checklist shows it."""

from courses.publication_unit import Part

from .models import Quiz, QuizRole
from .pass_mark import pass_mark_problem


def designates_credit(page):
    return any(designation.max_amount for designation in page.credit_designations.all())


def post_test_as_published(page):
    """The post-test learners will take once `page` is published: the version waiting to go live with
    it (courses/publication_unit.py), else the live one; None when there is neither."""
    quiz = Quiz.objects.filter(course_id=page.pk, role=QuizRole.POST_TEST).first() if page.pk else None
    if quiz is None:
        return None
    part = Part(quiz, "post-test", required=True)
    if part.pending_revision is not None and not part.sent_back:
        return part.pending_revision.as_object()
    return quiz if quiz.live else None


def assessment_problems(page):
    """Why `page` (as it would be published) may not be published for its credit's assessment: [] when it may."""
    if not designates_credit(page):
        return []
    problems = []
    if not page.completion_requires_post_test:
        problems.append("It designates credit, so completing it must require passing its post-test.")
    post_test = post_test_as_published(page)
    if post_test is None:
        problems.append(
            "It designates credit, so it needs a published post-test: add a quiz with the role post-test "
            "for this activity and save it; it is published with the activity."
        )
    elif problem := pass_mark_problem(post_test.passing_score):
        problems.append(f"Its post-test {post_test.title!r} has a pass mark of {post_test.passing_score}%. {problem}")
    return problems
