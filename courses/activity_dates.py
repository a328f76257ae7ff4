"""An activity's release, review and expiry dates: the model's validation and the pre-publish
checklist read the same rules."""

REVIEW_VALIDITY_YEARS = 3
DATE_FIELDS = {
    "release_date": "release date",
    "last_review_date": "last review date",
    "expiration_date": "expiration date",
}


def years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def date_problems(page):
    """{field: message} of what is wrong with `page`'s dates."""
    problems = {
        field: f"Enter the {label}." for field, label in DATE_FIELDS.items() if getattr(page, field, None) is None
    }
    if page.release_date and page.expiration_date and page.expiration_date < page.release_date:
        problems["expiration_date"] = "The expiration date cannot be before the release date."
    if page.last_review_date and page.expiration_date:
        limit = years_after(page.last_review_date, REVIEW_VALIDITY_YEARS)
        if page.expiration_date > limit:
            problems.setdefault(
                "expiration_date",
                f"An activity may award credit for at most {REVIEW_VALIDITY_YEARS} years after its last "
                f"review: expire it on or before {limit:%d %B %Y}, or review it again.",
            )
    return problems
