"""The accreditation items of the pre-publish checklist that the activity itself answers for.

Each is a publishing check (courses/publishing_checks.py), registered in courses/wagtail_hooks.py with
the label the checklist shows and the edit view's panel where it is fixed; `quizzes` adds the
assessment (quizzes/assessment.py).
"""

from django.utils import timezone

from .activity_dates import date_problems
from .credit import designation_problems
from .disclosure_window import CURRENCY_MONTHS, is_current


def objective_problems(page):
    if any(str(block.value).strip() for block in page.learning_objectives):
        return []
    return ["State at least one learning objective."]


def disclosure_currency_problems(page, today=None):
    """Each person in control of content has disclosed within the last 12 months."""
    today = today or timezone.localdate()
    return [
        f"{faculty.person}'s disclosure is dated {faculty.person.disclosure_date:%d %B %Y}, more than "
        f"{CURRENCY_MONTHS} months ago; ask for a new disclosure and publish it."
        if faculty.person.disclosure_date
        else f"{faculty.person}'s disclosure has no date; ask for a new disclosure and publish it."
        for faculty in page.faculty.all()
        if faculty.person_id and not is_current(faculty.person.disclosure_date, today)
    ]


def credit_problems(page):
    """Each designated amount fits the estimated time; an activity without credit has nothing to match."""
    designations = [(designation.credit_type, designation.max_amount) for designation in page.credit_designations.all()]
    return designation_problems(page.estimated_minutes, designations) if designations else []


def dates_problems(page):
    return list(date_problems(page).values())


def statement_problems(page):
    from wagtail.models import Site

    from .models import CMEStatementSettings

    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    statements = CMEStatementSettings.for_site(site)
    missing = [
        name
        for name, text in (
            ("accreditation statement", page.get_accreditation_statement(statements)),
            ("designation statement", page.designation_statement or statements.designation_statement),
            ("hardware and software requirements", page.get_technical_requirements(statements)),
        )
        if not text.strip()
    ]
    return [f"Write the {name}, here or in the site-wide CME statements settings." for name in missing]
