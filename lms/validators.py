"""Validators for identifiers on a physician's member record."""

import re

from django.core.exceptions import ValidationError

NPI_PREFIX = "80840"  # ISO card-issuer prefix the NPI check digit is computed with
US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "PR",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "VI",
        "WA",
        "WV",
        "WI",
        "WY",
        "GU",
        "AS",
        "MP",
    ]
)


def luhn_is_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_npi(value):
    if not re.fullmatch(r"\d{10}", value or ""):
        raise ValidationError("An NPI is exactly 10 digits.", code="npi_format")
    if not luhn_is_valid(NPI_PREFIX + value):
        raise ValidationError(
            "%(value)s is not a valid NPI: its check digit does not match.",
            code="npi_check_digit",
            params={"value": value},
        )


def parse_license_states(value):
    return [code.strip().upper() for code in (value or "").split(",") if code.strip()]


def validate_license_states(value):
    unknown = [code for code in parse_license_states(value) if code not in US_STATES]
    if unknown:
        raise ValidationError(
            "Unknown state code(s): %(codes)s. Use two-letter codes separated by commas, e.g. NY, NJ.",
            code="license_state",
            params={"codes": ", ".join(unknown)},
        )


NABP_EPROFILE_ID = re.compile(r"^[0-9]{6,7}$")


def validate_nabp_eprofile_id(value):
    """NABP issues e-Profile IDs as numbers of six or seven digits."""
    if value and not NABP_EPROFILE_ID.fullmatch(value):
        raise ValidationError("An NABP e-Profile ID is 6 or 7 digits, as NABP shows it in the e-Profile.")
