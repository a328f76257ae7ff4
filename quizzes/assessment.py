"""An activity that designates credit assesses it: a live post-test, required for completion, with a
pass mark at least the site's minimum (quizzes/pass_mark.py). Registered as a publishing check
(courses/publishing_checks.py), so every way of publishing an activity asks it."""

from .models import Quiz, QuizRole
from .pass_mark import pass_mark_problem


def designates_credit(page):
    return any(designation.max_amount for designation in page.credit_designations.all())


def assessment_problems(page):
    """Why `page` (as it would be published) may not be published for its credit's assessment: [] when it may."""
    if not designates_credit(page):
        return []
    problems = []
    if not page.completion_requires_post_test:
        problems.append("It designates credit, so completing it must require passing its post-test.")
    post_test = Quiz.objects.live().filter(course_id=page.pk, role=QuizRole.POST_TEST).first() if page.pk else None
    if post_test is None:
        problems.append(
            "It designates credit, so it needs a published post-test: add a quiz with the role post-test "
            "for this activity and publish it first."
        )
    elif problem := pass_mark_problem(post_test.passing_score):
        problems.append(f"Its post-test {post_test.title!r} has a pass mark of {post_test.passing_score}%. {problem}")
    return problems
