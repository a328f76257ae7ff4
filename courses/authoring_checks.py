"""Publishing checks for what an author must still do to a copy or a template before learners see it."""

DATE_FIELDS = ("release_date", "last_review_date", "expiration_date")


def dates_set(page):
    """A copied activity starts without dates, so it never goes live with the dates of the one it came from."""
    missing = [page._meta.get_field(name).verbose_name for name in DATE_FIELDS if getattr(page, name) is None]
    if not missing:
        return []
    return [f"Set the {', '.join(missing)}: an activity is published with its own dates."]


def not_a_template(page):
    if not page.is_template:
        return []
    return ["A template is never published: start a new activity from it (New activity from template)."]
