"""The one way credit amounts are written for people: two decimals (0.75, 1.50, 12.00), on pages,
certificates, transcripts and every export, whatever the database handed back (SQLite sums
come back as 1.5)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENTS = Decimal("0.01")


def credit_amount(value):
    """`value` (Decimal, int, float or numeric text) with two decimals; "" for None or blank,
    and anything not a number unchanged."""
    if value is None or value == "":
        return ""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
        return str(amount.quantize(CENTS, rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return value
