"""The signed-in learner's own records: the same services and rules as the pages."""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from content.refusals import Refused
from courses.models import Board, CreditType, ModulePage
from quizzes.feedback import attempt_feedback
from quizzes.models import Attempt, Quiz
from quizzes.presentation import without_answer_key
from quizzes.services.attempts import (
    SubmissionRefused,
    learner_standing,
    start_attempt,
    submit_attempt,
)

from ...services.access import live_course, member_for
from ...services.credit import amount_field, claim_credit, moc_field
from ...services.enrollment import enrol
from ...services.evaluation import submit_evaluation
from ...services.member_progress import member_progress
from ...services.progress import complete_module
from ...services.progress_version import member_with_progress_version
from .. import examples
from ..conditional import IF_NONE_MATCH, NOT_MODIFIED, progress_response
from ..conventions import APIConventions, extend_schema
from ..idempotency import IdempotentPosts
from ..permissions import IsLearner
from ..serializers.learner import (
    AttemptSerializer,
    ClaimResultSerializer,
    CreditClaimSerializer,
    EvaluationSerializer,
    SubmitAttemptSerializer,
)
from ..serializers.records import MemberProgressSerializer


class LearnerView(APIConventions, IdempotentPosts, APIView):
    permission_classes = [IsLearner]

    @property
    def member(self):
        return member_for(self.request.user)


SHOWN_WHEN_ALLOWED = ("correct", "credit", "correct_choices", "rationale", "reference")


def attempt_body(attempt, user, standing=None):
    """The attempt as the learner may see it: questions without the key, and after submission only
    what the quiz's feedback policy allows (`quizzes.feedback`), hidden parts left out. `standing` is
    where the learner stands at the quiz (`learner_standing`), read here when not given."""
    questions = [{"position": n, **q} for n, q in enumerate(without_answer_key(attempt.presented), start=1)]
    standing = standing or learner_standing(attempt.quiz, user)
    body = {
        "id": attempt.pk,
        "quiz_id": attempt.quiz_id,
        "number": attempt.number,
        "status": attempt.status,
        "passing_score": attempt.passing_score,
        "deadline": attempt.deadline,
        "questions": questions,
        "feedback_policy": attempt.quiz.feedback_policy,
        "score_percent": None,
        "passed": None,
        "feedback": None,
        "feedback_pending": None,
        "attempts_left": standing.attempts_left,
    }
    if attempt.is_submitted:
        result = attempt_feedback(attempt, standing)
        body.update(
            score_percent=result.score_percent,
            passed=result.passed,
            feedback_pending=result.pending or None,
            feedback=[
                {"position": question.position, "selected": question.selected}
                | {name: value for name in SHOWN_WHEN_ALLOWED if (value := getattr(question, name)) is not None}
                for question in result.questions
            ],
        )
    return body


class MyProgressView(LearnerView):
    @extend_schema(
        summary="My progress in every activity I am enrolled in",
        tags=["me"],
        parameters=[IF_NONE_MATCH],
        responses={200: MemberProgressSerializer, 304: NOT_MODIFIED},
        examples=[examples.PROGRESS],
    )
    def get(self, request):
        return progress_response(
            request,
            ("user_id", request.user.pk),
            lambda: member_with_progress_version(user=request.user),
            member_progress,
        )


class EnrolView(LearnerView):
    @extend_schema(summary="Enrol in an activity", tags=["me"], request=None, responses={201: None})
    def post(self, request, course_id):
        enrol(self.member, live_course(course_id))
        return Response(status=status.HTTP_201_CREATED)


class CompleteModuleView(LearnerView):
    @extend_schema(summary="Mark a module complete", tags=["me"], request=None, responses={204: None})
    def post(self, request, module_id):
        module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
        course = module.get_course()
        complete_module(self.member, module, course)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StartAttemptView(LearnerView):
    @extend_schema(
        summary="Start an attempt at a quiz, or resume the open one",
        description="201 with a new attempt; 200 with the attempt already open (one open attempt per quiz). "
        "422 when the attempts allowed are used up or the learner may not take the quiz yet.",
        tags=["me"],
        request=None,
        responses={201: AttemptSerializer, 200: AttemptSerializer},
        examples=[examples.ATTEMPT],
    )
    def post(self, request, quiz_id):
        # The activity comes along: the enrollment rule reads it.
        quiz = get_object_or_404(Quiz.objects.live().select_related("course"), pk=quiz_id)
        before = learner_standing(quiz, request.user)
        attempt = start_attempt(quiz, request.user)
        # Under the learner's lock there is one open attempt at most: one open before is the one resumed.
        resumed = before.attempt_open
        left = before.attempts_left if resumed or before.attempts_left is None else max(0, before.attempts_left - 1)
        standing = replace(before, attempt_open=True, attempts_left=left)
        answer = status.HTTP_200_OK if resumed else status.HTTP_201_CREATED
        return Response(AttemptSerializer(attempt_body(attempt, request.user, standing)).data, status=answer)


class AttemptView(LearnerView):
    @extend_schema(
        summary="One of my attempts: its questions, and the result once submitted",
        tags=["me"],
        responses=AttemptSerializer,
        examples=[examples.ATTEMPT, examples.GRADED_ATTEMPT],
    )
    def get(self, request, attempt_id):
        attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)
        return Response(AttemptSerializer(attempt_body(attempt, request.user)).data)


class SubmitAttemptView(LearnerView):
    @extend_schema(
        summary="Submit my answers; graded once, a repeat returns the same result",
        description=(
            "A question left out scores 0. A submission that answers a question not drawn for the attempt, "
            "answers one twice, sends a choice the question does not offer, or more than one choice to a "
            "one-answer question is refused with 400 and the path of each answer at fault "
            "(`answers[3].choices`); nothing is graded and the attempt stays open."
        ),
        tags=["me"],
        request=SubmitAttemptSerializer,
        responses=AttemptSerializer,
        examples=[examples.SUBMISSION, examples.GRADED_ATTEMPT],
    )
    def post(self, request, attempt_id):
        body = SubmitAttemptSerializer(data=request.data)
        if not body.is_valid():
            # Another learner's attempt is not found, whatever the body says.
            get_object_or_404(Attempt, pk=attempt_id, user=request.user)
            raise ValidationError(body.errors)
        answers = [(answer["position"], answer["choices"]) for answer in body.validated_data["answers"]]
        try:
            graded = submit_attempt(attempt_id, request.user, answers)
        except Attempt.DoesNotExist:
            raise Http404 from None
        except SubmissionRefused as refusal:
            # Tampering is refused whole, with the path of each answer at fault; the attempt stays open.
            errors = {}
            for problem in refusal.problems:
                errors.setdefault(problem.index, {}).setdefault(problem.field, []).append(problem.message)
            raise ValidationError({"answers": errors}) from None
        return Response(AttemptSerializer(attempt_body(graded, request.user)).data)


class EvaluationView(LearnerView):
    @extend_schema(
        summary="Submit my evaluation of an activity",
        tags=["me"],
        request=EvaluationSerializer,
        responses={201: None},
        examples=[examples.EVALUATION],
    )
    def post(self, request, course_id):
        course = live_course(course_id)
        body = EvaluationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        submit_evaluation(self.member, course, body.validated_data)
        return Response(status=status.HTTP_201_CREATED)


class ClaimView(LearnerView):
    @extend_schema(
        summary="Claim credit, MOC or participation with the attestation; returns the certificate",
        description="Each credit type is optional: claim what you claim now, more later while the activity awards "
        "credit; each later claim issues the next certificate version. A credit type the learner's degree may not "
        "claim (AMA PRA Category 1 Credit for a non-physician) is refused with 422 at `amounts[i].credit_type`; "
        "send `participation: true` for a certificate of participation instead. MOC needs the board's diplomate "
        "id and consent (422 at `moc[i].points` otherwise); an all-or-nothing board takes its full points only.",
        tags=["me"],
        request=CreditClaimSerializer,
        responses={201: ClaimResultSerializer},
        examples=[examples.CLAIM, examples.CLAIM_MOC_LATER, examples.PARTICIPATION, examples.CLAIM_RESULT],
    )
    def post(self, request, course_id):
        course = live_course(course_id)
        body = CreditClaimSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        amounts, positions = {}, {}
        for index, row in enumerate(body.validated_data["amounts"]):
            credit_type = CreditType.objects.filter(code=row["credit_type"]).first()
            if credit_type is None:
                raise Refused(f"Unknown credit type {row['credit_type']!r}.", field=f"amounts[{index}].credit_type")
            if credit_type in amounts:
                raise ValidationError({"amounts": {index: {"credit_type": ["Claim each credit type once."]}}})
            amounts[credit_type] = row["amount"]
            # The service names an amount as the page's form does; the API names it as the request spelled it.
            positions[amount_field(credit_type)] = f"amounts[{index}].amount"
        moc = {}
        for index, row in enumerate(body.validated_data["moc"]):
            board = Board.objects.filter(code__iexact=row["board"]).first()
            if board is None:
                raise Refused(f"Unknown board {row['board']!r}.", field=f"moc[{index}].board")
            if board in moc:
                raise ValidationError({"moc": {index: {"board": ["Claim each board's MOC once."]}}})
            moc[board] = row["points"]
            positions[moc_field(board)] = f"moc[{index}].points"
        try:
            certificate = claim_credit(
                self.member,
                course,
                body.validated_data["minutes"],
                amounts,
                body.validated_data["report_consent"],
                moc=moc,
                participation=body.validated_data["participation"],
            )
        except Refused as refusal:
            refusal.field = positions.get(refusal.field, refusal.field)
            raise
        return Response(
            ClaimResultSerializer(
                {
                    "certificate_code": certificate.code,
                    "certificate_kind": certificate.kind,
                    "certificate_version": certificate.version,
                    # On the host the request reached, like every absolute URL the API answers.
                    "verification_url": request.build_absolute_uri(reverse("lms:verify", args=[certificate.code])),
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )
