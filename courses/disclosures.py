"""The faculty and planners of an activity with their financial relationships, as the landing
page discloses them (ACCME Standard 3), read in one query."""

from dataclasses import dataclass, field


@dataclass
class Relationship:
    company: str
    nature: str
    mitigated: bool


@dataclass
class Disclosure:
    name: str
    credentials: str
    affiliation: str
    role: str
    no_relevant_relationships: bool
    relationships: list = field(default_factory=list)

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def disclosures(course):
    """One entry per faculty role, in the editor's order; a LEFT JOIN brings the relationships.

    Only people whose disclosure is published (live) appear: a person's row holds the approved
    version, and one never approved is left out. A preview or an old revision holds its faculty in
    memory (not yet in the database): those are read from the objects."""
    from modelcluster.queryset import FakeQuerySet

    from .models.pages import FacultyRole

    if isinstance(course.faculty.all(), FakeQuerySet):
        return [
            Disclosure(
                person.name,
                person.credentials,
                person.affiliation,
                FacultyRole(faculty.role).label,
                person.no_relevant_relationships,
                [Relationship(r.company, r.nature, r.mitigated) for r in person.relationships.all()],
            )
            for faculty in course.faculty.all()
            if (person := faculty.person) is not None and person.live
        ]
    live_faculty = course.faculty.filter(person__live=True)
    rows = live_faculty.order_by("sort_order", "pk", "person__relationships__sort_order").values_list(
        "pk",
        "role",
        "person__name",
        "person__credentials",
        "person__affiliation",
        "person__no_relevant_relationships",
        "person__relationships__company",
        "person__relationships__nature",
        "person__relationships__mitigated",
    )
    entries = {}
    for pk, role, name, credentials, affiliation, none_relevant, company, nature, mitigated in rows:
        entry = entries.setdefault(
            pk,
            Disclosure(
                name,
                credentials,
                affiliation,
                FacultyRole(role).label,
                none_relevant,
            ),
        )
        if company is not None:
            entry.relationships.append(Relationship(company, nature, mitigated))
    return list(entries.values())
