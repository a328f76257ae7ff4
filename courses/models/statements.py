"""Site-wide accreditation and designation wording, overridable per activity."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DESIGNATION_PLACEHOLDERS = ("provider", "format", "amount", "credit_type")

DEFAULT_ACCREDITATION = (
    "The Sample Medical Society is accredited by the Accreditation Council for Continuing "
    "Medical Education (ACCME) to provide continuing medical education for physicians."
)
# Joint Accreditation's required statement, as its accreditors publish it (docs/cpe-monitor.md).
DEFAULT_JOINT_ACCREDITATION = (
    "In support of improving patient care, The Sample Medical Society is jointly accredited by the Accreditation "
    "Council for Continuing Medical Education (ACCME), the Accreditation Council for Pharmacy Education (ACPE), and "
    "the American Nurses Credentialing Center (ANCC), to provide continuing education for the healthcare team."
)
DEFAULT_DESIGNATION = "{provider} designates this {format} for a maximum of {amount} {credit_type}."
# The AMA's designation statement ends so; other credit types' statements do not (AMA PRA booklet).
COMMENSURATE = (
    "Physicians should claim only the credit commensurate with the extent of their participation in the activity."
)

DEFAULT_TECHNICAL_REQUIREMENTS = (
    "A current version of Chrome, Edge, Firefox or Safari on a computer, tablet or phone, with JavaScript "
    "and cookies enabled and an internet connection. Certificates are PDF files."
)


# Only these, written exactly as {name}, are filled in; anything else in braces stays as written.
PLACEHOLDER = re.compile(r"\{(\w+)\}")
BRACED = re.compile(r"\{([^{}]*)\}")
SHOWN = 40  # of an offending placeholder, in the error


def _shown(text):
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def designation_template_problems(text):
    """What keeps `text` from being a designation statement made of plain {name} placeholders."""
    problems = []
    for match in BRACED.finditer(text):
        name = match.group(1)
        if not PLACEHOLDER.fullmatch(match.group(0)):
            problems.append(
                f"{_shown(match.group(0))} is not a plain placeholder (no format specifications, conversions, "
                "attributes or indexes)"
            )
        elif name not in DESIGNATION_PLACEHOLDERS:
            problems.append(f"{{{name}}} is not one of the placeholders")
    outside = BRACED.sub("", text)
    if "{" in outside or "}" in outside:
        problems.append("a brace has no partner; braces are only for placeholders")
    return problems


def validate_designation_template(text):
    problems = designation_template_problems(text)
    if problems:
        allowed = ", ".join(f"{{{name}}}" for name in DESIGNATION_PLACEHOLDERS)
        raise ValidationError(
            f"The designation statement has an unknown or broken placeholder: {'; '.join(problems)}. "
            f"Use only {allowed}."
        )
    missing = [name for name in ("format", "amount") if f"{{{name}}}" not in text]
    if missing:
        raise ValidationError(
            "The designation statement must name the activity's format and amount: add "
            + " and ".join(f"{{{name}}}" for name in missing)
            + "."
        )


def designation_statement(template, values, commensurate):
    """The filled template, ending with the commensurate-participation sentence exactly when
    `commensurate` (AMA credit): a template written with the sentence prints it only then."""
    text = fill_designation_template(template.replace(COMMENSURATE, "").strip(), values)
    return f"{text} {COMMENSURATE}" if commensurate else text


def fill_designation_template(template, values):
    """The statement with each {name} placeholder replaced by its value, literally.

    Plain substitution, never str.format: a template saved before the placeholders were
    checked (a format specification such as {provider:>2000000000}, an attribute lookup) is
    printed as written instead of being expanded.
    """
    return PLACEHOLDER.sub(
        lambda match: str(values[match.group(1)]) if match.group(1) in values else match.group(0), template
    )


@register_setting(icon="pick")
class CMEStatementSettings(BaseSiteSetting):
    provider_name = models.CharField(max_length=200, default="The Sample Medical Society")
    accreditation_statement = models.TextField(default=DEFAULT_ACCREDITATION)
    joint_accreditation_statement = models.TextField(
        default=DEFAULT_JOINT_ACCREDITATION,
        blank=True,
        help_text="Shown in place of the accreditation statement on activities and certificates that carry credit "
        "awarded under Joint Accreditation (a credit type marked so). Blank: the society is not jointly accredited.",
    )
    designation_statement = models.TextField(default=DEFAULT_DESIGNATION, validators=[validate_designation_template])
    technical_requirements = models.TextField(
        default=DEFAULT_TECHNICAL_REQUIREMENTS,
        verbose_name="Hardware and software requirements",
        help_text="Shown before an activity starts, unless the activity states its own.",
    )
    contact_email = models.EmailField(
        default="cme@example.org", help_text="Where learners send questions about an activity or their credit."
    )
    privacy_policy_url = models.URLField(
        default="https://example.org/privacy/",
        verbose_name="Privacy policy address",
        help_text="Linked from every activity.",
    )

    panels = [
        FieldPanel("provider_name"),
        FieldPanel("accreditation_statement"),
        FieldPanel("joint_accreditation_statement"),
        HelpPanel(
            content="Placeholders in the designation statement: {provider}, {format}, {amount}, {credit_type}, "
            "written just so; no other braces."
        ),
        FieldPanel("designation_statement"),
        FieldPanel("technical_requirements"),
        FieldPanel("contact_email"),
        FieldPanel("privacy_policy_url"),
    ]

    class Meta:
        verbose_name = "CME statements"
