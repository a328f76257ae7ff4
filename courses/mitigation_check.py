"""Standard 3: an activity is published only when every relevant financial relationship of each
person in control of its content has a mitigation recorded on the activity, and every such person
has a published disclosure."""

from .disclosures import unmitigated_relationships


def mitigation_problems(page):
    from .models import FinancialRelationship

    problems = [
        f"{faculty.person}'s disclosure has not been published; publish it before the activity."
        for faculty in page.faculty.all()
        if faculty.person_id and not faculty.person.live
    ]
    referenced = {m.relationship_id for m in page.mitigations.all() if m.relationship_id}
    existing = set(FinancialRelationship.objects.filter(pk__in=referenced).values_list("pk", flat=True))
    if referenced - existing:
        problems.append(
            "A mitigation refers to a financial relationship that was removed from a person's disclosure; "
            "delete that mitigation row."
        )
    problems.extend(
        f"{person}'s relationship with {company} has no recorded mitigation for this activity; record how it was "
        "mitigated under \u201cMitigation of relevant financial relationships\u201d."
        for person, company in unmitigated_relationships(page)
    )
    return problems
