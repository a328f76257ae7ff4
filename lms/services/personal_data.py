"""A member's own data, as one JSON document they can download (a right they have under the
society's privacy notice): everything stored about them, in plain field names."""

from django.utils import timezone

from quizzes.feedback import attempt_feedback
from quizzes.models import Attempt
from quizzes.services.attempts import learner_standing

from ..models import (
    BoardCertification,
    Certificate,
    Completion,
    CredentialRecipient,
    CreditClaim,
    Enrollment,
    Evaluation,
    MocClaim,
    ModuleProgress,
    OpenBadgeCredential,
    Participation,
)
from . import members
from .counted_credit import revoked_certificate

PROFILE_FIELDS = ("member_id", *members.PROFILE_FIELDS)


def _iso(value):
    return value.isoformat() if value else None


def member_data(member):
    user = member.user
    return {
        "exported_at": _iso(timezone.now()),
        "account": {"username": user.username, "email": user.email, "date_joined": _iso(user.date_joined)},
        "profile": {field: _value(getattr(member, field)) for field in PROFILE_FIELDS},
        "enrollments": [
            {"course": e.course.title, "course_id": e.course_id, "enrolled_at": _iso(e.enrolled_at)}
            for e in Enrollment.objects.filter(member=member).select_related("course").order_by("pk")
        ],
        "module_progress": [
            {
                "module": p.module.title,
                "module_id": p.module_id,
                "course_id": p.course_id,
                "started_at": _iso(p.started_at),
                "completed_at": _iso(p.completed_at),
            }
            for p in ModuleProgress.objects.filter(member=member).select_related("module").order_by("pk")
        ],
        "quiz_attempts": _quiz_attempts(user),
        "evaluations": [
            {
                "course_id": e.course_id,
                "submitted_at": _iso(e.submitted_at),
                "objective_ratings": e.objective_ratings,
                "relevance": e.relevance,
                "practice_change": e.practice_change,
                "commitment_to_change": e.commitment_to_change,
                "free_of_commercial_bias": e.free_of_commercial_bias,
                "bias_comment": e.bias_comment,
                "overall_quality": e.overall_quality,
                "comments": e.comments,
            }
            for e in Evaluation.objects.filter(member=member).order_by("pk")
        ],
        "completions": [
            {
                "course": c.course.title,
                "course_id": c.course_id,
                "completed_at": _iso(c.completed_at),
                "recorded_by_admin": bool(c.manual_reason),
            }
            for c in Completion.objects.filter(member=member).select_related("course").order_by("pk")
        ],
        "credit_claims": [
            {
                "course_id": c.completion.course_id,
                "credit_type": c.credit_type.name,
                "amount": str(c.amount),
                "minutes_attested": c.minutes_attested,
                "attestation": c.attestation,
                "report_consent": c.report_consent,
                "claimed_at": _iso(c.claimed_at),
                # False once the completion's certificate was revoked: the claim is kept, its credit withdrawn.
                "counts": not c.withdrawn,
            }
            for c in CreditClaim.objects.filter(completion__member=member)
            .annotate(withdrawn=revoked_certificate())
            .select_related("completion", "credit_type")
            .order_by("pk")
        ],
        "moc_claims": [
            {
                "course_id": c.completion.course_id,
                "board": c.board.code,
                "moc_type": c.moc_type,
                "points": str(c.points),
                "diplomate_id": c.diplomate_id,
                "minutes_attested": c.minutes_attested,
                "attestation": c.attestation,
                "claimed_at": _iso(c.claimed_at),
                "counts": not c.withdrawn,
            }
            for c in MocClaim.objects.filter(completion__member=member)
            .annotate(withdrawn=revoked_certificate())
            .select_related("completion", "board")
            .order_by("pk")
        ],
        "participations": [
            {
                "course_id": p.completion.course_id,
                "minutes_attested": p.minutes_attested,
                "attestation": p.attestation,
                "recorded_at": _iso(p.recorded_at),
            }
            for p in Participation.objects.filter(completion__member=member).select_related("completion").order_by("pk")
        ],
        "board_certifications": [
            {
                "board": b.board.code,
                "diplomate_id": b.diplomate_id,
                "report_consent": b.report_consent,
                "consented_at": _iso(b.consented_at),
            }
            for b in BoardCertification.objects.filter(member=member).select_related("board").order_by("board__code")
        ],
        "certificates": [
            {
                "code": c.code,
                "course_id": c.completion.course_id,
                "kind": c.kind,
                "version": c.version,
                "issued_at": _iso(c.issued_at),
                "superseded_at": _iso(c.superseded_at),
                "revoked_at": _iso(c.revoked_at),
                "snapshot": c.snapshot,
            }
            for c in Certificate.objects.filter(completion__member=member).select_related("completion").order_by("pk")
        ],
        "badge_recipient_did": CredentialRecipient.objects.filter(member=member).values_list("did", flat=True).first(),
        "open_badges": [
            {"certificate_code": b.certificate.code, "issued_at": _iso(b.issued_at), "credential": b.credential}
            for b in OpenBadgeCredential.objects.filter(certificate__completion__member=member)
            .select_related("certificate")
            .order_by("pk")
        ],
    }


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _quiz_attempts(user):
    attempts = Attempt.objects.filter(user=user).select_related("quiz").prefetch_related("answers").order_by("pk")
    standings = {}
    exported = []
    for attempt in attempts:
        if attempt.quiz_id not in standings:
            standings[attempt.quiz_id] = learner_standing(attempt.quiz, user)
        exported.append(_attempt(attempt, standings[attempt.quiz_id]))
    return exported


def _attempt(attempt, standing):
    """The learner's answers and results, as far as the quiz's feedback policy shows them to the
    learner (`quizzes.feedback`); the answer key stays out, as everywhere else."""
    exported = {
        "quiz": attempt.quiz.title,
        "quiz_id": attempt.quiz_id,
        "number": attempt.number,
        "status": attempt.status,
        "started_at": _iso(attempt.started_at),
        "submitted_at": _iso(attempt.submitted_at),
        "score_percent": None,
        "passed": None,
        "answers": [],
    }
    if not attempt.is_submitted:
        return exported
    result = attempt_feedback(attempt, standing)
    exported.update(
        score_percent=str(result.score_percent) if result.score_percent is not None else None,
        passed=result.passed,
        answers=[
            {"position": question.position, "question_key": question.question_key, "selected": question.selected}
            | ({"correct": question.correct} if question.correct is not None else {})
            for question in result.questions
        ],
    )
    return exported
