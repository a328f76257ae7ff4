import calendar

from rest_framework import serializers

from ...models import Member
from ...models.member import MembershipStatus
from ...services.member_batch import MAX_MEMBERS
from ...services.members import PROFILE_FIELDS
from ...validators import validate_license_states, validate_nabp_eprofile_id, validate_npi
from .strict import StrictFields

# Blank is allowed besides (allow_blank): the schema says so with a oneOf, so these never match "".
NPI_PATTERN = r"^[0-9]{10}$"
LICENSE_STATES_PATTERN = r"^\s*[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*\s*$"
NABP_EPROFILE_ID_PATTERN = r"^[0-9]{6,7}$"
# PUT replaces the whole member: an optional field left out of the body takes this value.
CLEARED = {
    "npi": "",
    "board_id": "",
    "specialty": "",
    "license_states": "",
    "license_number": "",
    "license_report_consent": False,
    "birth_month": None,
    "birth_day": None,
    "membership_status": MembershipStatus.NON_MEMBER.value,
    "membership_expires_on": None,
}


class MemberSerializer(StrictFields, serializers.ModelSerializer):
    """A member as portals send and read it; `member_id` comes from the URL on PUT.

    PUT is a full replace: an optional field left out is cleared (`CLEARED`), as if sent blank; one
    added since 1.2.0 (`nabp_eprofile_id`) is kept instead, as a portal written before it sends no value.
    """

    email = serializers.EmailField(
        source="user.email",
        help_text="Set freely when the member is created. Afterwards a new address for an account that signs in "
        "with a password is refused (422), or with verified e-mail changes on, waits for the member's confirmation "
        "(202, `pending_email`); an account with staff rights keeps its address. Unique per member, whatever its "
        "case (409).",
    )
    pending_email = serializers.EmailField(
        read_only=True,
        allow_null=True,
        help_text="A new e-mail waiting for the member to confirm it; `email` is the address in use until then.",
    )
    npi = serializers.RegexField(
        NPI_PATTERN,
        max_length=10,
        required=False,
        allow_blank=True,
        validators=[validate_npi],
        help_text="The National Provider Identifier: 10 digits whose last is a Luhn check digit over `80840` and "
        "the first nine (CMS's rule); blank for none. Unique: one member per NPI (409 `npi`).",
    )
    license_states = serializers.RegexField(
        LICENSE_STATES_PATTERN,
        max_length=200,
        required=False,
        allow_blank=True,
        validators=[validate_license_states],
        help_text="US state and territory codes (USPS, two letters) separated by commas, e.g. `NY, NJ`; blank for "
        "none. Read back as sent.",
    )
    nabp_eprofile_id = serializers.RegexField(
        NABP_EPROFILE_ID_PATTERN,
        max_length=7,
        required=False,
        allow_blank=True,
        validators=[validate_nabp_eprofile_id],
        help_text="A pharmacist's or pharmacy technician's NABP e-Profile ID: 6 or 7 digits; with `birth_month` and "
        "`birth_day`, what ACPE credit is reported to CPE Monitor under. Blank clears it; a PUT that leaves it out "
        "keeps it (the member may have entered it themselves), and so does a member of a batch. Unique: one member "
        "per ID (409 `nabp_eprofile_id`; in a batch, 422 `members[i].nabp_eprofile_id`).",
    )

    class Meta:
        model = Member
        fields = ["member_id", "email", *PROFILE_FIELDS, "updated_at", "pending_email"]
        read_only_fields = ["member_id", "updated_at"]
        extra_kwargs = {
            "board_id": {"required": False},
            "specialty": {"required": False},
            "birth_month": {"required": False},
            "birth_day": {"required": False},
            "membership_expires_on": {"required": False},
            "license_number": {"required": False},
            "license_report_consent": {"required": False},
        }

    def validate(self, attrs):
        attrs = {**CLEARED, **attrs}
        month, day = attrs["birth_month"], attrs["birth_day"]
        if (month is None) != (day is None):
            raise serializers.ValidationError({"birth_day": "Give both the month and the day of birth, or neither."})
        # 2000 is a leap year: 29 February is a birthday, 30 February is not.
        if month and day and day > calendar.monthrange(2000, month)[1]:
            raise serializers.ValidationError({"birth_day": f"{calendar.month_name[month]} has no day {day}."})
        return attrs


class PeriodQuerySerializer(serializers.Serializer):
    """A date range in query parameters: ISO 8601 dates only (`2026-02-01`), so no day is guessed."""

    start = serializers.DateField(required=False, input_formats=["iso-8601"])
    end = serializers.DateField(required=False, input_formats=["iso-8601"])

    def validate(self, attrs):
        if attrs.get("start") and attrs.get("end") and attrs["start"] > attrs["end"]:
            raise serializers.ValidationError({"end": "The end of the period is before its start."})
        return attrs


class BatchMemberSerializer(MemberSerializer):
    """One member of a batch: the body of PUT /members/{member_id}/, with its member id."""

    member_id = serializers.RegexField(r"^[^/]+$", max_length=64, help_text="The society's member number.")

    class Meta(MemberSerializer.Meta):
        fields = [name for name in MemberSerializer.Meta.fields if name not in ("updated_at", "pending_email")]
        read_only_fields = []


class MemberBatchSerializer(StrictFields, serializers.Serializer):
    members = BatchMemberSerializer(many=True, min_length=1, max_length=MAX_MEMBERS)


class BatchMemberResultSerializer(serializers.Serializer):
    member_id = serializers.CharField()
    action = serializers.ChoiceField(choices=["created", "updated", "unchanged"])
    email_pending = serializers.BooleanField(help_text="The new e-mail waits for the member's confirmation.")


class MemberBatchResultSerializer(serializers.Serializer):
    results = BatchMemberResultSerializer(many=True, help_text="One per member, in the order sent.")
