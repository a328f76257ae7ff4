from rest_framework import serializers

from ...models import Member
from ...validators import validate_license_states, validate_npi


class MemberSerializer(serializers.ModelSerializer):
    """A member as portals send and read it; `member_id` comes from the URL on PUT."""

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
    npi = serializers.CharField(max_length=10, required=False, allow_blank=True, validators=[validate_npi])
    license_states = serializers.CharField(
        max_length=200, required=False, allow_blank=True, validators=[validate_license_states]
    )

    class Meta:
        model = Member
        fields = [
            "member_id",
            "email",
            "first_name",
            "last_name",
            "degree",
            "npi",
            "board_id",
            "birth_month",
            "birth_day",
            "specialty",
            "license_states",
            "membership_status",
            "membership_expires_on",
            "updated_at",
            "pending_email",
        ]
        read_only_fields = ["member_id", "updated_at"]
        extra_kwargs = {
            "board_id": {"required": False},
            "specialty": {"required": False},
            "birth_month": {"required": False},
            "birth_day": {"required": False},
            "membership_expires_on": {"required": False},
        }

    def validate(self, attrs):
        month, day = attrs.get("birth_month"), attrs.get("birth_day")
        if (month is None) != (day is None):
            raise serializers.ValidationError({"birth_day": "Give both the month and the day of birth, or neither."})
        return attrs
