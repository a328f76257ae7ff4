"""Which disclosed financial relationships are relevant (ACCME Standard 3): those with an
ineligible company held at any time in the 24 months before the disclosure date.

Without a disclosure date (people disclosed before the date was asked for) every relationship with
an ineligible company counts: the provider cannot tell it ended long enough ago.

A disclosure is current for 12 months after its date; an activity is published only while each
person in control of its content has a current one (the pre-publish checklist).
"""

LOOKBACK_MONTHS = 24


def months_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=last_day)
        except ValueError:
            continue
    raise ValueError(day)


def window_start(disclosure_date):
    """The first day of the lookback window of a disclosure made on `disclosure_date`."""
    return months_before(disclosure_date, LOOKBACK_MONTHS)


def is_relevant(relationship, disclosure_date):
    """`relationship` is anything with ineligible_company, started_on and ended_on."""
    if not relationship.ineligible_company:
        return False
    if disclosure_date is None or relationship.ended_on is None:
        return True
    return relationship.ended_on >= window_start(disclosure_date)


def relationship_problems(relationship, disclosure_date):
    """{field: message} of what keeps one relationship row from being a sound disclosure."""
    problems = {}
    started, ended = relationship.started_on, relationship.ended_on
    if started and ended and ended < started:
        problems["ended_on"] = "The relationship cannot end before it started."
    if disclosure_date and started and started > disclosure_date:
        problems["started_on"] = "A relationship disclosed cannot start after the disclosure date."
    if disclosure_date and ended and ended < window_start(disclosure_date):
        problems["ended_on"] = (
            f"This relationship ended before {window_start(disclosure_date):%d %B %Y}, more than "
            f"{LOOKBACK_MONTHS} months before the disclosure date, so it is not relevant: remove it."
        )
    return problems


CURRENCY_MONTHS = 12


def is_current(disclosure_date, day):
    """A disclosure made on `disclosure_date` still speaks for the person on `day`: made within the
    12 months before it."""
    return disclosure_date is not None and disclosure_date >= months_before(day, CURRENCY_MONTHS)
