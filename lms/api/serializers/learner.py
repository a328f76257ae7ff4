"""Bodies of the learner's own operations under /api/v1/me/."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from quizzes.models import FeedbackPolicy, QuestionKind

from ...models import Evaluation
from .strict import StrictFields


class ChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()


class PresentedQuestionSerializer(serializers.Serializer):
    """A question as shown before submission: never the answer key."""

    position = serializers.IntegerField()
    # The values only: the schema lists the kinds without their admin labels.
    kind = serializers.ChoiceField(choices=QuestionKind.values)
    stem = serializers.CharField(help_text="Sanitized HTML.")
    choices = ChoiceSerializer(many=True)


class FeedbackSerializer(serializers.Serializer):
    """One question of a submitted attempt, as the quiz's feedback policy lets the learner see it now.

    `position` and `selected` are always present; each other field is present only when the
    policy shows it (docs/quizzes.md, feedback policies)."""

    position = serializers.IntegerField()
    selected = serializers.ListField(child=serializers.CharField(), help_text="The choice ids the learner selected.")
    correct = serializers.BooleanField(
        required=False,
        help_text="Whether the answer earned the full point; present when the policy shows which answers were wrong.",
    )
    credit = serializers.DecimalField(
        max_digits=4,
        decimal_places=3,
        required=False,
        help_text="0 to 1: the share of the point earned; present with `correct`.",
    )
    correct_choices = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="The answer key of this question; present when the policy shows the key.",
    )
    rationale = serializers.CharField(
        required=False,
        help_text=(
            "Why the right answer is right; present with the key, or for a question answered right "
            "when the policy explains those."
        ),
    )
    reference = serializers.CharField(
        required=False, allow_blank=True, help_text="The source of the rationale; present with it."
    )


class AttemptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quiz = serializers.IntegerField(source="quiz_id")
    number = serializers.IntegerField()
    status = serializers.CharField()
    passing_score = serializers.IntegerField()
    deadline = serializers.DateTimeField(allow_null=True)
    questions = PresentedQuestionSerializer(many=True)
    feedback_policy = serializers.ChoiceField(
        choices=FeedbackPolicy.choices, help_text="What a result of this quiz shows."
    )
    score_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        allow_null=True,
        help_text="null before submission, and when the feedback policy shows only pass or fail.",
    )
    passed = serializers.BooleanField(allow_null=True, help_text="null before submission; always shown after it.")
    feedback = FeedbackSerializer(
        many=True,
        allow_null=True,
        help_text="null before submission; then one entry per question, as the feedback policy allows.",
    )
    feedback_pending = serializers.CharField(
        allow_null=True,
        help_text="What the feedback policy will show later, and when; null when nothing more will be shown.",
    )
    attempts_left = serializers.IntegerField(
        allow_null=True,
        help_text="Attempts the learner may still start at this quiz (this one counted); null: unlimited.",
    )


class AnswerSerializer(StrictFields, serializers.Serializer):
    position = serializers.IntegerField(min_value=1)
    choices = serializers.ListField(child=serializers.CharField(max_length=64), max_length=20)


class SubmitAttemptSerializer(StrictFields, serializers.Serializer):
    answers = AnswerSerializer(many=True, max_length=200)


class EvaluationSerializer(StrictFields, serializers.Serializer):
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


QUARTER = Decimal("0.25")


@extend_schema_field(
    {
        "type": "string",
        "format": "decimal",
        "pattern": r"^[0-9]{1,3}(\.(0|00|25|5|50|75))?$",
        "description": "A positive multiple of 0.25, as a decimal string (a JSON number is accepted too).",
        "example": "0.75",
    }
)
class QuarterAmountField(serializers.DecimalField):
    def __init__(self, **kwargs):
        super().__init__(max_digits=5, decimal_places=2, min_value=QUARTER, **kwargs)

    def to_internal_value(self, data):
        amount = super().to_internal_value(data)
        if amount % QUARTER:
            raise serializers.ValidationError(f"Claim credit in steps of 0.25; {amount} is not one.")
        return amount


class ClaimAmountSerializer(StrictFields, serializers.Serializer):
    credit_type = serializers.CharField(help_text="Credit type code, e.g. ama-pra-category-1.")
    amount = QuarterAmountField()


class MocAmountSerializer(StrictFields, serializers.Serializer):
    board = serializers.CharField(help_text="Board code, e.g. ABIM.")
    points = QuarterAmountField()


class CreditClaimSerializer(StrictFields, serializers.Serializer):
    minutes = serializers.IntegerField(min_value=1, max_value=1440, help_text="Minutes actually spent.")
    attest = serializers.BooleanField(
        help_text="true: I claim only the credit commensurate with the extent of my participation in the activity "
        "(for participation: the minutes are the time I spent)."
    )
    report_consent = serializers.BooleanField(help_text="May the completion be reported to ACCME's PARS and boards?")
    amounts = ClaimAmountSerializer(
        many=True, required=False, default=list, help_text="Credit types claimed now; others stay claimable later."
    )
    moc = MocAmountSerializer(
        many=True,
        required=False,
        default=list,
        help_text="MOC points per board; needs the board's diplomate id and consent on the member's profile.",
    )
    participation = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Record participation in a credit type the learner's degree may not claim (a certificate of "
        "participation, no credit).",
    )

    def validate_attest(self, value):
        if not value:
            raise serializers.ValidationError("Attest to claim credit.")
        return value


class ClaimResultSerializer(serializers.Serializer):
    certificate_code = serializers.CharField()
    certificate_kind = serializers.ChoiceField(choices=["credit", "participation"])
    certificate_version = serializers.IntegerField(help_text="1, then one more with each later claim.")
    verification_url = serializers.URLField()
