"""Bodies of the learner's own operations under /api/v1/me/."""

from decimal import Decimal

from rest_framework import serializers

from ...models import Evaluation


class ChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()


class PresentedQuestionSerializer(serializers.Serializer):
    """A question as shown before submission: never the answer key."""

    position = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["single", "multiple", "true_false"])
    stem = serializers.CharField(help_text="Sanitized HTML.")
    choices = ChoiceSerializer(many=True)


class FeedbackSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    selected = serializers.ListField(child=serializers.CharField())
    correct = serializers.BooleanField()
    credit = serializers.DecimalField(max_digits=4, decimal_places=3)
    correct_choices = serializers.ListField(child=serializers.CharField(), allow_null=True)
    rationale = serializers.CharField(allow_null=True)


class AttemptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quiz = serializers.IntegerField(source="quiz_id")
    number = serializers.IntegerField()
    status = serializers.CharField()
    passing_score = serializers.IntegerField()
    deadline = serializers.DateTimeField(allow_null=True)
    questions = PresentedQuestionSerializer(many=True)
    score_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    feedback = FeedbackSerializer(many=True, allow_null=True, help_text="After submission, as the quiz's feedback policy allows.")


class AnswerSerializer(serializers.Serializer):
    position = serializers.IntegerField(min_value=1)
    choices = serializers.ListField(child=serializers.CharField(max_length=64), max_length=20)


class SubmitAttemptSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True, max_length=200)


class EvaluationRequestSerializer(serializers.Serializer):
    objective_ratings = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5), help_text="{objective id: 1-5} for every objective."
    )
    relevance = serializers.IntegerField(min_value=1, max_value=5)
    practice_change = serializers.ChoiceField(choices=Evaluation.Intention.choices)
    commitment_to_change = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    free_of_commercial_bias = serializers.BooleanField()
    bias_comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    overall_quality = serializers.IntegerField(min_value=1, max_value=5)
    comments = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")

    def validate(self, attrs):
        if not attrs["free_of_commercial_bias"] and not attrs.get("bias_comment", "").strip():
            raise serializers.ValidationError({"bias_comment": "Tell us where you noticed bias."})
        return attrs


class ClaimAmountSerializer(serializers.Serializer):
    credit_type = serializers.CharField(help_text="Credit type code, e.g. ama-pra-category-1.")
    amount = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=Decimal("0"))


class CreditClaimRequestSerializer(serializers.Serializer):
    minutes = serializers.IntegerField(min_value=1, max_value=1440, help_text="Minutes actually spent.")
    attest = serializers.BooleanField(
        help_text="true: I claim only the credit commensurate with the extent of my participation in the activity."
    )
    report_consent = serializers.BooleanField(help_text="May the completion be reported to ACCME's PARS and boards?")
    amounts = ClaimAmountSerializer(many=True, min_length=1)

    def validate_attest(self, value):
        if not value:
            raise serializers.ValidationError("Attest to claim credit.")
        return value


class ClaimResultSerializer(serializers.Serializer):
    certificate_code = serializers.CharField()
    verification_url = serializers.URLField()
