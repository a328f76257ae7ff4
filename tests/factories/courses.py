"""Activities and the people behind them: factory_boy factories, and the `make_*` shorthands the tests
read with. A factory called with nothing builds the world it needs (home page, catalog, activity)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

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

from .site import make_home

# Relative to today: the disclosure and review rules measure these dates against the day a test runs.
DISCLOSED_ON = datetime.date.today() - datetime.timedelta(days=30)
RELATIONSHIP_STARTED_ON = DISCLOSED_ON - datetime.timedelta(days=365)
MITIGATED_ON = DISCLOSED_ON + datetime.timedelta(days=4)
RELEASED_ON = DISCLOSED_ON
EXPIRES_ON = RELEASED_ON + datetime.timedelta(days=2 * 365)


class CatalogFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseCatalogPage
        # Activities built without a catalog share the one under the home page.
        django_get_or_create = ("parent", "slug")

    parent = factory.LazyFunction(make_home)
    title = "CME courses"
    slug = "courses"


class PersonFactory(DjangoModelFactory):
    """A person with a disclosure, published (live) unless `publish=False` (a draft never approved).

    `disclosed` lists relationships (field dicts), each with an ineligible company and ongoing unless
    it says otherwise."""

    class Meta:
        model = Person

    class Params:
        disclosed = ()

    name = "Sam Example"
    credentials = "MD"
    disclosure_date = DISCLOSED_ON
    no_relevant_relationships = factory.LazyAttribute(lambda person: not person.disclosed)
    relationships = factory.LazyAttribute(
        lambda person: [
            FinancialRelationship(**{"started_on": RELATIONSHIP_STARTED_ON, **relationship})
            for relationship in person.disclosed
        ]
    )

    @classmethod
    def _create(cls, model_class, *args, publish=True, **kwargs):
        person = model_class(*args, **kwargs)
        if publish:
            publish_snippet(person)
        else:
            person.live = False
            person.save()
        return person


def ama_credit(amount):
    credit_type = CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)
    return [CreditDesignation(credit_type=credit_type, max_amount=Decimal(amount))]


def peer_reviews(faculty_roles):
    """Every relationship the faculty disclosed, mitigated by peer review."""
    return [
        RelationshipMitigation(
            relationship=relationship,
            method=MitigationMethod.PEER_REVIEW,
            mitigated_by="Peer Reviewer, MD",
            mitigated_on=MITIGATED_ON,
        )
        for person, _ in faculty_roles
        for relationship in person.relationships.all()
    ]


class CourseFactory(wagtail_factories.PageFactory):
    """A live activity with AMA credit; with `mitigate` every relationship its faculty
    (`faculty_roles`: [(person, role)]) disclosed is mitigated by peer review."""

    class Meta:
        model = CoursePage

    class Params:
        credit = "1.00"
        track_slug = "ipm-fundamentals"
        faculty_roles = ()
        mitigate = True

    parent = factory.SubFactory(CatalogFactory)
    slug = factory.Sequence(lambda n: f"course-{n + 1}")
    title = factory.LazyAttribute(lambda course: f"Course {course.slug}")
    track = factory.LazyAttribute(lambda course: Track.objects.get(slug=course.track_slug))
    summary = "A sample activity."
    learning_objectives = factory.LazyFunction(
        lambda: [{"type": "objective", "value": "Describe the sample objective."}]
    )
    target_audience = "Physicians"
    estimated_minutes = 60
    release_date = RELEASED_ON
    last_review_date = RELEASED_ON
    expiration_date = EXPIRES_ON
    credit_designations = factory.LazyAttribute(lambda course: ama_credit(course.credit))
    faculty = factory.LazyAttribute(
        lambda course: [CourseFaculty(person=person, role=role) for person, role in course.faculty_roles]
    )
    mitigations = factory.LazyAttribute(lambda course: peer_reviews(course.faculty_roles) if course.mitigate else [])


class ModuleFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    parent = factory.SubFactory(CourseFactory)
    slug = factory.Sequence(lambda n: f"module-{n + 1}")
    title = factory.LazyAttribute(lambda module: f"Module {module.slug}")
    estimated_minutes = 10
    body = factory.LazyFunction(lambda: [{"type": "rich_text", "value": "<p>Lesson text.</p>"}])


def make_catalog(parent, slug="courses"):
    return CatalogFactory(parent=parent, slug=slug)


def make_person(name="Sam Example", relationships=(), publish=True, disclosure_date=DISCLOSED_ON):
    return PersonFactory(name=name, disclosed=relationships, publish=publish, disclosure_date=disclosure_date)


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
    """An activity of `model` (a CoursePage or a subclass) in `catalog`; see CourseFactory."""
    course_factory = CourseFactory if model is CoursePage else factory.make_factory(model, FACTORY_CLASS=CourseFactory)
    return course_factory(
        parent=catalog, slug=slug, track_slug=track, credit=credit, faculty_roles=faculty, mitigate=mitigate, **fields
    )


def make_module(course, slug="module-1", body=None, **fields):
    return ModuleFactory(parent=course, slug=slug, **({"body": body} if body else {}), **fields)
