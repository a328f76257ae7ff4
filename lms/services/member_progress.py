"""A member's progress in every enrolled activity, the read model the portal and learner APIs render."""

from django.db.models import Max, OuterRef, Subquery

from quizzes.feedback import POLICIES_SHOWING_SCORE
from quizzes.models import Attempt, AttemptStatus, QuizRole

from .counted_credit import counted_records_by_activity
from .prepared import PreparedQuery
from .progress import annotated_enrollments, progress_counts


def best_score(role):
    """The learner's best score at the activity's test of `role`, where its feedback policy shows scores."""
    return Subquery(
        Attempt.objects.filter(
            quiz__course=OuterRef("course"),
            quiz__role=role,
            quiz__feedback_policy__in=POLICIES_SHOWING_SCORE,
            user=OuterRef("member__user"),
            status=AttemptStatus.SUBMITTED,
        )
        .order_by()
        .values("user")
        .annotate(best=Max("score_percent"))
        .values("best")[:1]
    )


ENROLLMENT_COLUMNS = (
    "course_id",
    "course__title",
    "course__completion_requires_post_test",
    "course__completion_requires_evaluation",
    "enrolled_at",
    "modules_possible",
    "modules_earned",
    "has_post_test",
    "post_test_passed",
    "evaluated",
    "completed_at",
    "certificate_code",
    "pre_best",
    "post_best",
)
ENROLLMENTS = PreparedQuery(
    lambda member_id: (
        annotated_enrollments()
        .filter(member_id=member_id)
        .annotate(pre_best=best_score(QuizRole.PRE_TEST), post_best=best_score(QuizRole.POST_TEST))
        .values(*ENROLLMENT_COLUMNS)
    )
)

NOTHING_CLAIMED = {"credits": [], "moc": [], "participation_minutes": None}


def member_progress(member):
    """Every enrolled activity with progress, best test scores and what was claimed: 2 queries."""
    # Credit a revocation withdrew is not claimed credit any more (services/counted_credit.py).
    records = counted_records_by_activity(member)
    rows = []
    for enrollment in ENROLLMENTS.rows(member.pk):
        progress = progress_counts(
            modules_possible=enrollment["modules_possible"],
            modules_earned=enrollment["modules_earned"],
            requires_post_test=enrollment["course__completion_requires_post_test"],
            has_post_test=enrollment["has_post_test"],
            post_test_passed=enrollment["post_test_passed"],
            requires_evaluation=enrollment["course__completion_requires_evaluation"],
            evaluated=enrollment["evaluated"],
            completed=bool(enrollment["completed_at"]),
        )
        completed_at = enrollment["completed_at"]
        claimed = records.get(enrollment["course_id"], NOTHING_CLAIMED)
        status_name = "completed" if completed_at else ("in_progress" if progress["earned"] else "enrolled")
        rows.append(
            {
                "course": {"id": enrollment["course_id"], "title": enrollment["course__title"]},
                "status": status_name,
                "enrolled_at": enrollment["enrolled_at"],
                "progress": progress,
                "pre_test_best_score": enrollment["pre_best"],
                "post_test_best_score": enrollment["post_best"],
                "completed_at": completed_at,
                "credits_claimed": claimed["credits"],
                "moc_claimed": claimed["moc"],
                "participation_minutes": claimed["participation_minutes"],
                "certificate_code": enrollment["certificate_code"],
            }
        )
    return {"member_id": member.member_id, "enrollments": rows}
