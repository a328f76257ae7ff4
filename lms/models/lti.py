"""LTI 1.3: the platforms that may launch activities, the tool's keys, and what launches left behind."""

from django.core.exceptions import ValidationError
from django.db import models

from .member import Member
from .outbox import OutboundDelivery


def validate_deployment_ids(value):
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
        raise ValidationError("Give at least one deployment id.")


class MatchBy(models.TextChoices):
    MEMBER_ID = "member_id", "Society member id (a custom parameter)"
    EMAIL = "email", "E-mail"


class LtiPlatform(models.Model):
    """A learning platform (Moodle, Canvas, Open edX …) registered to launch activities here."""

    name = models.CharField(max_length=100)
    issuer = models.CharField(
        max_length=255, help_text="The platform's issuer (`iss`), e.g. https://moodle.example.org"
    )
    client_id = models.CharField(max_length=255, help_text="The client id the platform gave this tool.")
    deployment_ids = models.JSONField(
        default=list, validators=[validate_deployment_ids], help_text="The deployment ids the platform uses."
    )
    jwks_url = models.URLField("platform JWKS URL", max_length=500, help_text="Public keyset URL of the platform.")
    auth_login_url = models.URLField("authentication request URL", max_length=500)
    auth_token_url = models.URLField("access token URL", max_length=500)
    auth_audience = models.CharField(
        max_length=500, blank=True, help_text="Audience of the token request, if not the access token URL."
    )
    match_by = models.CharField(
        max_length=20,
        choices=MatchBy.choices,
        default=MatchBy.MEMBER_ID,
        help_text="How a launching user is matched to a member.",
    )
    member_id_parameter = models.CharField(
        max_length=100,
        default="member_id",
        help_text="The custom parameter that carries the society member id (with matching by member id).",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "LTI platform"
        constraints = [models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_issuer_client")]

    def __str__(self):
        return self.name


class LtiToolKey(models.Model):
    """One of the tool's signing keys. The private half is a PEM file in the private storage."""

    kid = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    private_key_file = models.CharField(max_length=255, help_text="Name of the PEM file in the cme_private storage.")
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="No longer published nor used; platforms have fetched the newer key."
    )

    class Meta:
        verbose_name = "LTI tool key"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.kid


class LtiResourceLink(models.Model):
    """A link placed in a platform's course that opens one activity here."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="resource_links")
    resource_link_id = models.CharField(max_length=255)
    course = models.ForeignKey("cme_courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    lineitem_url = models.URLField(max_length=500, blank=True, help_text="Where the platform takes this link's score.")
    ags_scopes = models.JSONField(default=list, help_text="The grade-service scopes the platform granted.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "LTI resource link"
        constraints = [
            models.UniqueConstraint(fields=["platform", "resource_link_id"], name="lti_resource_link_once_per_platform")
        ]

    def __str__(self):
        return f"{self.platform}: {self.resource_link_id}"


class LtiLaunch(models.Model):
    """A member launched through this link, as this platform user: where their grade goes back."""

    resource_link = models.ForeignKey(LtiResourceLink, on_delete=models.CASCADE, related_name="launches")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="lti_launches")
    platform_user_id = models.CharField(max_length=255, help_text="The platform's `sub` for the learner.")
    last_launched_at = models.DateTimeField()

    class Meta:
        verbose_name = "LTI launch"
        constraints = [
            models.UniqueConstraint(fields=["resource_link", "member"], name="lti_launch_once_per_member_and_link")
        ]

    def __str__(self):
        return f"{self.resource_link} by member {self.member_id}"


class LtiUsedNonce(models.Model):
    """A launch's nonce, kept until its token expires, so that the same launch is never accepted twice."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "nonce"], name="lti_nonce_used_once")]

    def __str__(self):
        return f"Nonce used by {self.platform_id}"


class LtiGradeDelivery(OutboundDelivery):
    """A score and completion for the platform's gradebook (Assignment and Grade Services), sent by the outbox."""

    launch = models.ForeignKey(LtiLaunch, on_delete=models.CASCADE, related_name="grade_deliveries")
    completion = models.ForeignKey("cme_lms.Completion", on_delete=models.CASCADE, related_name="+")
    score_given = models.DecimalField(max_digits=6, decimal_places=2)
    score_maximum = models.DecimalField(max_digits=6, decimal_places=2, default=100)
    scored_at = models.DateTimeField()

    class Meta:
        ordering = ["-pk"]
        verbose_name = "LTI grade delivery"
        verbose_name_plural = "LTI grade deliveries"
        constraints = [
            models.UniqueConstraint(fields=["launch", "completion"], name="lti_grade_once_per_launch_and_completion")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="lti_grade_delivery_due")]

    def __str__(self):
        return f"Grade of completion {self.completion_id} to {self.launch.resource_link}"
