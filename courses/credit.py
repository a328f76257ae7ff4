"""Credit amounts: AMA PRA Category 1 Credit is designated in quarter-hour steps."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

QUARTER = Decimal("0.25")


def is_quarter_step(amount):
    return (Decimal(amount) / QUARTER) % 1 == 0


def validate_quarter_step(amount):
    if amount is not None and not is_quarter_step(amount):
        raise ValidationError(
            "Credit is designated in steps of 0.25; %(amount)s is not one.",
            code="not_quarter_step",
            params={"amount": amount},
        )


def hours_for_minutes(minutes):
    """Minutes of learning as credit hours, rounded to the nearest quarter hour (AMA rule)."""
    quarters = (Decimal(minutes) / 15).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return quarters * QUARTER


def designation_problems(estimated_minutes, designations):
    """What is wrong with a course's credit designations, as messages for an editor.

    `designations` is a list of (credit_type, max_amount) pairs.
    """
    if not designations:
        return ["Designate at least one credit type and its maximum amount."]
    problems = []
    seen = set()
    for credit_type, amount in designations:
        if credit_type in seen:
            problems.append(f"{credit_type} is designated twice; keep one row per credit type.")
        seen.add(credit_type)
        if amount is None or not estimated_minutes or not credit_type.hour_based:
            continue
        available = hours_for_minutes(estimated_minutes)
        if amount > available:
            problems.append(
                f"{amount} {credit_type} needs about {int(amount * 60)} minutes of learning; "
                f"this activity is estimated at {estimated_minutes} minutes, worth at most {available}."
            )
    return problems
