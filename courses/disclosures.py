"""The faculty and planners of an activity with their relevant financial relationships and how each
was mitigated, as the landing page discloses them (ACCME Standard 3).

`current_disclosures` reads them from the published people and the activity's mitigation rows;
`record_published_disclosures` keeps a copy per published revision, and `shown_disclosures` is what
learners see: the live revision's copy, so a later edit to a person's disclosure reaches learners
only when the activity is published again.
"""

from dataclasses import asdict, dataclass, field

from modelcluster.queryset import FakeQuerySet

from .disclosure_window import is_relevant


@dataclass
class Relationship:
    company: str
    nature: str
    mitigation: str = ""  # the method, as shown; empty while unmitigated
    mitigated_by: str = ""  # for the activity file, not shown to learners
    mitigated_on: str = ""


@dataclass
class Disclosure:
    name: str
    credentials: str
    affiliation: str
    role: str
    relationships: list = field(default_factory=list)

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @classmethod
    def from_record(cls, data):
        return cls(**{**data, "relationships": [Relationship(**r) for r in data["relationships"]]})


@dataclass
class _Row:
    """A relationship as read, before the relevance rule picks the ones disclosed."""

    pk: int
    company: str
    nature: str
    ineligible_company: bool
    started_on: object
    ended_on: object


def _in_memory(course):
    return isinstance(course.faculty.all(), FakeQuerySet) or isinstance(course.mitigations.all(), FakeQuerySet)


def _faculty_rows(course):
    """[(role label, person values, [_Row])] of faculty whose disclosure is published, in the editor's order.

    A preview or a revision holds its faculty in memory (not yet in the database): those are read
    from the objects; otherwise one LEFT JOIN brings the relationships."""
    from .models.faculty import FacultyRole

    if _in_memory(course):
        return [
            (
                FacultyRole(faculty.role).label,
                (person.name, person.credentials, person.affiliation, person.disclosure_date),
                [
                    _Row(r.pk, r.company, r.nature, r.ineligible_company, r.started_on, r.ended_on)
                    for r in person.relationships.all()
                ],
            )
            for faculty in course.faculty.all()
            if (person := faculty.person) is not None and person.live
        ]
    rows = (
        course.faculty.filter(person__live=True)
        .order_by("sort_order", "pk", "person__relationships__sort_order")
        .values_list(
            "pk",
            "role",
            "person__name",
            "person__credentials",
            "person__affiliation",
            "person__disclosure_date",
            "person__relationships__pk",
            "person__relationships__company",
            "person__relationships__nature",
            "person__relationships__ineligible_company",
            "person__relationships__started_on",
            "person__relationships__ended_on",
        )
    )
    entries = {}
    for pk, role, name, credentials, affiliation, disclosed_on, rel_pk, *relationship in rows:
        entry = entries.setdefault(pk, (FacultyRole(role).label, (name, credentials, affiliation, disclosed_on), []))
        if rel_pk is not None:
            entry[2].append(_Row(rel_pk, *relationship))
    return list(entries.values())


def _mitigations(course):
    """{relationship id: (method as shown, by whom, ISO date)} of the activity's mitigation rows."""
    if _in_memory(course):
        return {
            m.relationship_id: (m.method_description, m.mitigated_by, str(m.mitigated_on or ""))
            for m in course.mitigations.all()
            if m.relationship_id
        }
    from .models import MitigationMethod

    return {
        relationship_id: (
            other if method == MitigationMethod.OTHER else MitigationMethod(method).label,
            by,
            str(on),
        )
        for relationship_id, method, other, by, on in course.mitigations.values_list(
            "relationship_id", "method", "other_method", "mitigated_by", "mitigated_on"
        )
    }


def current_disclosures(course):
    """One entry per faculty role with the person's relevant relationships, each with its mitigation."""
    mitigations = _mitigations(course)
    return [
        Disclosure(
            name,
            credentials,
            affiliation,
            role,
            [
                Relationship(row.company, row.nature, *mitigations.get(row.pk, ()))
                for row in relationships
                if is_relevant(row, disclosed_on)
            ],
        )
        for role, (name, credentials, affiliation, disclosed_on), relationships in _faculty_rows(course)
    ]


def unmitigated_relationships(course):
    """[(person, company)] of relevant relationships of people in control of content with no mitigation."""
    return [
        (str(disclosure), relationship.company)
        for disclosure in current_disclosures(course)
        for relationship in disclosure.relationships
        if not relationship.mitigation
    ]


def record_published_disclosures(page, revision, published_at):
    """Keep what learners are shown from now on, under the revision just published."""
    from .models import PublishedDisclosures

    PublishedDisclosures.objects.update_or_create(
        revision=revision,
        defaults={
            "page": page,
            "published_at": published_at,
            "faculty": [asdict(disclosure) for disclosure in current_disclosures(page)],
        },
    )


def shown_disclosures(course, preview=False):
    """What the landing page discloses: the live revision's record; a preview shows the draft, and an
    activity published before records were kept shows the current disclosures."""
    from .models import PublishedDisclosures

    if not preview and course.live_revision_id:
        record = PublishedDisclosures.objects.filter(revision_id=course.live_revision_id).only("faculty").first()
        if record is not None:
            return [Disclosure.from_record(data) for data in record.faculty]
    return current_disclosures(course)


def _record_on_publish(sender, instance, revision, **kwargs):
    from .models import CoursePage

    if isinstance(instance, CoursePage) and instance.live_revision_id == revision.pk:
        record_published_disclosures(instance, revision, instance.last_published_at)


def connect_receivers():
    from wagtail.signals import page_published

    page_published.connect(_record_on_publish, dispatch_uid="courses.record_published_disclosures")
