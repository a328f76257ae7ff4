import datetime
from decimal import Decimal

from content.publishing import publish_snippet
from courses.models import (
    CourseCatalogPage,
    CourseFaculty,
    CoursePage,
    CreditDesignation,
    CreditType,
    FinancialRelationship,
    MitigationMethod,
    ModulePage,
    Person,
    RelationshipMitigation,
    Track,
)


def make_catalog(parent, slug="courses"):
    catalog = CourseCatalogPage(title="CME courses", slug=slug)
    parent.add_child(instance=catalog)
    return catalog


# Relative to today: the disclosure and review rules measure these dates against the day a test runs.
DISCLOSED_ON = datetime.date.today() - datetime.timedelta(days=30)
RELATIONSHIP_STARTED_ON = DISCLOSED_ON - datetime.timedelta(days=365)
MITIGATED_ON = DISCLOSED_ON + datetime.timedelta(days=4)
RELEASED_ON = DISCLOSED_ON
EXPIRES_ON = RELEASED_ON + datetime.timedelta(days=2 * 365)


def make_person(name="Sam Example", relationships=(), publish=True, disclosure_date=DISCLOSED_ON):
    """A person with a disclosure, published (live) unless `publish` is false (a draft never approved).

    Each relationship is with an ineligible company and ongoing unless it says otherwise."""
    person = Person(
        name=name, credentials="MD", disclosure_date=disclosure_date, no_relevant_relationships=not relationships
    )
    person.relationships = [
        FinancialRelationship(**{"started_on": RELATIONSHIP_STARTED_ON, **relationship})
        for relationship in relationships
    ]
    if publish:
        publish_snippet(person)
    else:
        person.live = False
        person.save()
    return person


def make_course(
    catalog,
    slug="sample-course",
    track="ipm-fundamentals",
    credit="1.00",
    faculty=(),
    model=CoursePage,
    mitigate=True,
    **fields,
):
    """An activity, live; with `mitigate` every relationship its faculty disclosed is mitigated by peer review."""
    values = dict(
        title=f"Course {slug}",
        slug=slug,
        track=Track.objects.get(slug=track),
        summary="A sample activity.",
        learning_objectives=[{"type": "objective", "value": "Describe the sample objective."}],
        target_audience="Physicians",
        estimated_minutes=60,
        release_date=RELEASED_ON,
        last_review_date=RELEASED_ON,
        expiration_date=EXPIRES_ON,
    )
    values.update(fields)
    course = model(**values)
    course.credit_designations = [
        CreditDesignation(
            credit_type=CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1), max_amount=Decimal(credit)
        )
    ]
    course.faculty = [CourseFaculty(person=person, role=role) for person, role in faculty]
    if mitigate:
        course.mitigations = [
            RelationshipMitigation(
                relationship=relationship,
                method=MitigationMethod.PEER_REVIEW,
                mitigated_by="Peer Reviewer, MD",
                mitigated_on=MITIGATED_ON,
            )
            for person, _ in faculty
            for relationship in person.relationships.all()
        ]
    catalog.add_child(instance=course)
    return course


def make_module(course, slug="module-1", body=None, **fields):
    values = dict(
        title=f"Module {slug}",
        slug=slug,
        estimated_minutes=10,
        body=body or [{"type": "rich_text", "value": "<p>Lesson text.</p>"}],
    )
    values.update(fields)
    module = ModulePage(**values)
    course.add_child(instance=module)
    return module
