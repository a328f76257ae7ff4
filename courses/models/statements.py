"""Site-wide accreditation and designation wording, overridable per activity."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DESIGNATION_PLACEHOLDERS = ("provider", "format", "amount", "credit_type")

DEFAULT_ACCREDITATION = (
    "The Sample Medical Society is accredited by the Accreditation Council for Continuing "
    "Medical Education (ACCME) to provide continuing medical education for physicians."
)
DEFAULT_DESIGNATION = (
    "{provider} designates this {format} for a maximum of {amount} {credit_type}. Physicians "
    "should claim only the credit commensurate with the extent of their participation in the activity."
)


def validate_designation_template(text):
    try:
        text.format(**{name: "" for name in DESIGNATION_PLACEHOLDERS})
    except (KeyError, IndexError, ValueError) as error:
        allowed = ", ".join("{%s}" % name for name in DESIGNATION_PLACEHOLDERS)
        raise ValidationError(
            f"The designation statement has an unknown or broken placeholder ({error}); use only {allowed}."
        ) from error
    missing = [name for name in ("format", "amount") if "{%s}" % name not in text]
    if missing:
        raise ValidationError(
            "The designation statement must name the activity's format and amount: add "
            + " and ".join("{%s}" % name for name in missing)
            + "."
        )


@register_setting(icon="pick")
class CMEStatementSettings(BaseSiteSetting):
    provider_name = models.CharField(max_length=200, default="The Sample Medical Society")
    accreditation_statement = models.TextField(default=DEFAULT_ACCREDITATION)
    designation_statement = models.TextField(
        default=DEFAULT_DESIGNATION, validators=[validate_designation_template]
    )

    panels = [
        FieldPanel("provider_name"),
        FieldPanel("accreditation_statement"),
        HelpPanel(
            content="Placeholders in the designation statement: {provider}, {format}, {amount}, {credit_type}."
        ),
        FieldPanel("designation_statement"),
    ]

    class Meta:
        verbose_name = "CME statements"
