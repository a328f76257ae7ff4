from rest_framework import serializers

from ...credentials.status import CredentialStatus


class ProgressSerializer(serializers.Serializer):
    earned = serializers.IntegerField()
    possible = serializers.IntegerField()
    ratio = serializers.FloatField()


class CourseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ClaimedCreditSerializer(serializers.Serializer):
    credit_type = serializers.CharField()
    amount = serializers.DecimalField(max_digits=5, decimal_places=2)


class ClaimedMocSerializer(serializers.Serializer):
    board = serializers.CharField(help_text="The board's code, e.g. ABIM.")
    moc_type = serializers.CharField(help_text="The MOC type as the board names it, e.g. Medical Knowledge.")
    points = serializers.DecimalField(max_digits=5, decimal_places=2)


class EnrollmentProgressSerializer(serializers.Serializer):
    course = CourseRefSerializer()
    status = serializers.ChoiceField(choices=["enrolled", "in_progress", "completed"])
    enrolled_at = serializers.DateTimeField()
    progress = ProgressSerializer()
    pre_test_best_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    post_test_best_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    credits_claimed = ClaimedCreditSerializer(many=True)
    moc_claimed = ClaimedMocSerializer(many=True, help_text="MOC points claimed, by board; none once revoked.")
    participation_minutes = serializers.IntegerField(
        allow_null=True,
        help_text="Minutes of participation attested by a learner who may not claim the activity's credit "
        "(a certificate of participation); null when none, or once revoked.",
    )
    certificate_code = serializers.CharField(allow_null=True)


class MemberProgressSerializer(serializers.Serializer):
    member_id = serializers.CharField()
    enrollments = EnrollmentProgressSerializer(many=True)


class TranscriptRowSerializer(serializers.Serializer):
    completion_date = serializers.DateField()
    activity = serializers.CharField()
    credit_type = serializers.CharField()
    amount = serializers.DecimalField(max_digits=5, decimal_places=2)
    certificate_code = serializers.CharField(allow_blank=True)


class TranscriptTotalSerializer(serializers.Serializer):
    credit_type = serializers.CharField()
    amount = serializers.DecimalField(max_digits=7, decimal_places=2)


class TranscriptSerializer(serializers.Serializer):
    member_id = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    rows = TranscriptRowSerializer(many=True)
    totals = TranscriptTotalSerializer(many=True)


class FeedClaimSerializer(serializers.Serializer):
    credit_type = serializers.CharField()
    amount = serializers.DecimalField(max_digits=5, decimal_places=2)
    claimed_at = serializers.DateTimeField()
    report_consent = serializers.BooleanField()


class FeedEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    member_id = serializers.CharField()
    course = CourseRefSerializer()
    completed_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    credit_claims = FeedClaimSerializer(many=True, help_text="The credit that counts; none once revoked.")
    certificate_code = serializers.CharField(allow_null=True)
    certificate_revoked = serializers.BooleanField(
        help_text="The certificate was revoked: the completion stays, its credit is withdrawn (credit_claims is empty)."
    )
    certificate_revoked_at = serializers.DateTimeField(allow_null=True)


class FeedPageSerializer(serializers.Serializer):
    results = FeedEntrySerializer(many=True)
    next_cursor = serializers.CharField(
        allow_null=True, help_text="Pass as ?cursor= for the next page; null at the end for now."
    )


class VerificationMocSerializer(serializers.Serializer):
    board_code = serializers.CharField()
    moc_type = serializers.CharField()
    points = serializers.DecimalField(max_digits=5, decimal_places=2)


class CredentialSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.ChoiceField(
        choices=CredentialStatus.choices,
        help_text="What the society's status list says of the badge now (docs/credentials.md).",
    )
    credential = serializers.JSONField(help_text="The OpenBadgeCredential (Open Badges 3.0), as signed.")
    vc_jwt = serializers.CharField(
        help_text="The credential signed as a VC-JWT (EdDSA); `kid` is the key's DID URL in the issuer's DID document."
    )


class VerificationSerializer(serializers.Serializer):
    code = serializers.CharField()
    valid = serializers.BooleanField(help_text="false once revoked.")
    revoked_at = serializers.DateTimeField(allow_null=True)
    certificate_kind = serializers.ChoiceField(choices=["credit", "participation"])
    version = serializers.IntegerField()
    superseded_at = serializers.DateTimeField(
        allow_null=True, help_text="Set when a later claim issued the next version; the earlier one stays verifiable."
    )
    superseded_by = serializers.CharField(allow_null=True, help_text="The code of the version that replaced it.")
    learner_name = serializers.CharField()
    activity_title = serializers.CharField()
    completion_date = serializers.DateField()
    credits = ClaimedCreditSerializer(many=True)
    moc = VerificationMocSerializer(many=True)
