"""The signed-in learner's own records: the same services and rules as the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from courses.models import CoursePage, CreditType, ModulePage
from quizzes.models import Attempt, Quiz
from quizzes.presentation import without_answer_key
from quizzes.services.attempts import AttemptRefused, feedback_visible, start_attempt, submit_attempt

from ...services.access import member_for
from ...services.certificates import verification_url
from ...services.credit import claim_credit
from ...services.enrollment import enrol
from ...services.errors import RecordRefused
from ...services.evaluation import submit_evaluation
from ...services.progress import complete_module
from ...services.progress_version import member_with_progress_version
from .. import examples
from ..conditional import IF_NONE_MATCH, NOT_MODIFIED, progress_response
from ..permissions import IsLearner
from ..serializers.learner import (
    AttemptSerializer,
    ClaimResultSerializer,
    CreditClaimRequestSerializer,
    EvaluationRequestSerializer,
    SubmitAttemptSerializer,
)
from ..serializers.records import MemberProgressSerializer
from .members import member_progress


class LearnerView(APIView):
    permission_classes = [IsLearner]

    @property
    def member(self):
        return member_for(self.request.user)


def live_course(course_id):
    return get_object_or_404(CoursePage.objects.live(), pk=course_id)


def attempt_body(attempt):
    questions = [{"position": n, **q} for n, q in enumerate(without_answer_key(attempt.presented), start=1)]
    feedback = None
    if attempt.is_submitted:
        show = feedback_visible(attempt)
        answers = {answer.position: answer for answer in attempt.answers.all()}
        feedback = []
        for position, question in enumerate(attempt.presented, start=1):
            answer = answers.get(position)
            feedback.append(
                {
                    "position": position,
                    "selected": answer.selected if answer else [],
                    "correct": bool(answer and answer.correct),
                    "credit": answer.credit if answer else 0,
                    "correct_choices": question["correct"] if show else None,
                    "rationale": question["rationale"] if show else None,
                }
            )
    return {
        "id": attempt.pk, "quiz_id": attempt.quiz_id, "number": attempt.number, "status": attempt.status,
        "passing_score": attempt.passing_score, "deadline": attempt.deadline, "questions": questions,
        "score_percent": attempt.score_percent, "passed": attempt.passed, "feedback": feedback,
    }


class MyProgressView(LearnerView):
    @extend_schema(
        summary="My progress in every activity I am enrolled in", tags=["me"],
        parameters=[IF_NONE_MATCH], responses={200: MemberProgressSerializer, 304: NOT_MODIFIED},
        examples=[examples.PROGRESS],
    )
    def get(self, request):
        return progress_response(
            request, ("user_id", request.user.pk), lambda: member_with_progress_version(user=request.user), member_progress
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
    @extend_schema(summary="Start (or resume) an attempt at a quiz", tags=["me"], request=None, responses={201: AttemptSerializer}, examples=[examples.ATTEMPT])
    def post(self, request, quiz_id):
        # The activity comes along: the enrollment rule reads it.
        quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=quiz_id)
        try:
            attempt = start_attempt(quiz, request.user)
        except AttemptRefused as refusal:
            raise RecordRefused(str(refusal)) from None
        return Response(AttemptSerializer(attempt_body(attempt)).data, status=status.HTTP_201_CREATED)


class AttemptView(LearnerView):
    @extend_schema(summary="One of my attempts: its questions, and the result once submitted", tags=["me"], responses=AttemptSerializer, examples=[examples.ATTEMPT])
    def get(self, request, attempt_id):
        attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)
        return Response(AttemptSerializer(attempt_body(attempt)).data)


class SubmitAttemptView(LearnerView):
    @extend_schema(
        summary="Submit my answers; graded once, a repeat returns the same result",
        tags=["me"], request=SubmitAttemptSerializer, responses=AttemptSerializer, examples=[examples.SUBMISSION],
    )
    def post(self, request, attempt_id):
        body = SubmitAttemptSerializer(data=request.data)
        if not body.is_valid():
            # Another learner's attempt is not found, whatever the body says.
            get_object_or_404(Attempt, pk=attempt_id, user=request.user)
            raise ValidationError(body.errors)
        selections = {answer["position"]: answer["choices"] for answer in body.validated_data["answers"]}
        try:
            graded = submit_attempt(attempt_id, request.user, selections)
        except Attempt.DoesNotExist:
            raise Http404 from None
        return Response(AttemptSerializer(attempt_body(graded)).data)


class EvaluationView(LearnerView):
    @extend_schema(
        summary="Submit my evaluation of an activity", tags=["me"], request=EvaluationRequestSerializer,
        responses={201: None}, examples=[examples.EVALUATION],
    )
    def post(self, request, course_id):
        course = live_course(course_id)
        body = EvaluationRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        submit_evaluation(self.member, course, body.validated_data)
        return Response(status=status.HTTP_201_CREATED)


class ClaimView(LearnerView):
    @extend_schema(
        summary="Claim credit with the attestation; returns the certificate",
        tags=["me"], request=CreditClaimRequestSerializer, responses={201: ClaimResultSerializer},
        examples=[examples.CLAIM, examples.CLAIM_RESULT],
    )
    def post(self, request, course_id):
        course = live_course(course_id)
        body = CreditClaimRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        amounts = {}
        for index, row in enumerate(body.validated_data["amounts"]):
            credit_type = CreditType.objects.filter(code=row["credit_type"]).first()
            if credit_type is None:
                raise RecordRefused(f"Unknown credit type {row['credit_type']!r}.", field=f"amounts[{index}].credit_type")
            amounts[credit_type] = row["amount"]
        certificate = claim_credit(
            self.member, course, body.validated_data["minutes"], amounts, body.validated_data["report_consent"]
        )
        return Response(
            ClaimResultSerializer({"certificate_code": certificate.code, "verification_url": verification_url(certificate.code)}).data,
            status=status.HTTP_201_CREATED,
        )
