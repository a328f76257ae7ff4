"""Build and publish CME activity pages from validated curriculum data, through Wagtail's page API."""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from wagtail.models import Site

from content.curriculum_data import CurriculumError
from content.publishing import publish_snippet

from .credit import designation_problems
from .disclosure_window import relationship_problems
from .models import (
    AcpeActivity,
    Board,
    CommercialSupport,
    CourseCatalogPage,
    CourseFaculty,
    CoursePage,
    CreditDesignation,
    CreditType,
    FacultyRole,
    FinancialRelationship,
    LoadedCurriculumPage,
    MitigationMethod,
    MocDesignation,
    ModulePage,
    Person,
    RelationshipMitigation,
    SupportKind,
    Track,
)
from .objectives import objectives_by_text
from .publishing_checks import PublishRefused

# The certifying boards an activity may designate MOC for; the American Board of Pediatrics accepts
# no partial credit. Created when missing, never changed once an editor holds them.
BOARDS = [
    ("ABIM", "American Board of Internal Medicine", False),
    ("ABA", "American Board of Anesthesiology", False),
    ("ABPMR", "American Board of Physical Medicine and Rehabilitation", False),
    ("ABP", "American Board of Pediatrics", True),
    ("ABS", "American Board of Surgery", False),
]

OBJECTIVE_NAMESPACE = uuid.UUID("5b7a8c52-6f0e-4c1e-9a51-3f0d1f6a2c11")


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def lines(self):
        for label, entries in (("created", self.created), ("updated", self.updated), ("left alone", self.skipped)):
            for entry in entries:
                yield f"{label}: {entry}"
        yield (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} left alone"
        )


def objective_block_id(course_slug, index):
    """Objectives keep their id across reloads, so evaluations can refer to them."""
    return str(uuid.uuid5(OBJECTIVE_NAMESPACE, f"{course_slug}:{index}"))


def site_root_page():
    """The default site's root page (the host's home page), under which the catalog is built."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise CurriculumError("the curriculum is built under the default site's root page, and no site is the default.")
    return site.root_page.specific


def ensure_catalog(parent, report, slug="courses", title="CME courses"):
    catalog = CourseCatalogPage.objects.child_of(parent).filter(slug=slug).first()
    if catalog is None:
        catalog = CourseCatalogPage(
            title=title,
            slug=slug,
            live=False,
            intro="Accredited continuing medical education activities, free to read and self-paced.",
        )
        parent.add_child(instance=catalog)
        catalog.save_revision(log_action=True).publish()
        report.created.append(f"catalog page /{slug}/")
    return catalog


def ensure_boards(report):
    for code, name, all_or_nothing in BOARDS:
        _, created = Board.objects.get_or_create(code=code, defaults={"name": name, "all_or_nothing": all_or_nothing})
        if created:
            report.created.append(f"board {code}")


class CourseLoader:
    """Builds activities and their modules; an activity's revision is published by `publish`, once the
    tests it is checked against (its post-test) are loaded too."""

    def __init__(self, curriculum, catalog, report, force=False):
        self.curriculum, self.catalog, self.report, self.force = curriculum, catalog, report, force
        self.to_publish = []

    def load(self):
        ensure_boards(self.report)
        people = {key: self._person(data) for key, data in self.curriculum.people.items()}
        for course in self.curriculum.courses:
            page = self._sync(
                key=f"course:{course.slug}",
                parent=self.catalog,
                model=CoursePage,
                slug=course.slug,
                fingerprint=course.fingerprint(),
                apply=lambda page, course=course: self._apply_course(page, course, people),
                label=f"activity {course.title!r}",
                course=course,
                publish_now=False,
            )
            if page is None:
                continue
            for module in course.modules:
                self._sync(
                    key=f"module:{course.slug}/{module.slug}",
                    parent=page,
                    model=ModulePage,
                    slug=module.slug,
                    fingerprint=module.fingerprint(),
                    apply=lambda page, module=module, course=course: self._apply_module(page, module, course),
                    label=f"module {module.title!r} of {course.slug}",
                    course=course,
                    field_prefix=f"modules[{module.slug}].",
                )
        return self.report

    def _person(self, data):
        person = Person.objects.filter(name=data.name, credentials=data.credentials).first()
        if person is None:
            person = Person(
                name=data.name,
                credentials=data.credentials,
                affiliation=data.affiliation,
                bio=data.bio,
                disclosure_date=data.disclosure_date,
                no_relevant_relationships=data.no_relevant_relationships,
            )
            person.relationships = [FinancialRelationship(**relationship) for relationship in data.relationships]
            for index, relationship in enumerate(person.relationships.all()):
                for name, message in relationship_problems(relationship, data.disclosure_date).items():
                    raise CurriculumError(
                        "people.yaml", f"{data.key}: {message}", field=f"relationships[{index}].{name}"
                    )
            publish_snippet(person)
            self.report.created.append(f"person {person}")
        return person

    def publish(self):
        """Publish the activities built or changed by `load`; every publishing check applies."""
        for revision, course in self.to_publish:
            try:
                revision.publish()
            except PublishRefused as refusal:
                raise CurriculumError(course.path, " ".join(refusal.problems), course=course.slug) from refusal
        self.to_publish = []
        return self.report

    def _sync(self, key, parent, model, slug, fingerprint, apply, label, course, field_prefix="", publish_now=True):
        """Create, update or leave alone one page; return it, or None when it is not ours to fill."""
        record = LoadedCurriculumPage.objects.filter(key=key).first()
        if record is not None:
            page = record.page.specific
            edited = page.latest_revision_id != record.revision_id
            if edited and not self.force:
                self.report.skipped.append(f"{label}: changed by an editor since it was loaded (--force overwrites)")
                return page
            if not edited and record.data_fingerprint == fingerprint:
                self.report.unchanged.append(label)
                return page
        else:
            page = model.objects.child_of(parent).filter(slug=slug).first()
            if page is not None and not self.force:
                self.report.skipped.append(
                    f"{label}: a page with slug {slug!r} exists that was not loaded (--force adopts it)"
                )
                return None
        is_new = page is None
        page = page or model(slug=slug, live=False)
        apply(page)
        try:
            if is_new:
                parent.add_child(instance=page)
            revision = page.save_revision(log_action=True)
        except ValidationError as error:
            raise _as_curriculum_error(error, course, prefix=field_prefix) from error
        if publish_now:
            revision.publish()
        else:
            self.to_publish.append((revision, course))
        LoadedCurriculumPage.objects.update_or_create(
            key=key, defaults={"page": page, "data_fingerprint": fingerprint, "revision": revision}
        )
        (self.report.created if is_new else self.report.updated).append(label)
        return page

    def _apply_course(self, page, course, people):
        track = Track.objects.filter(slug=course.track).first()
        if track is None:
            raise CurriculumError(course.path, f"unknown track {course.track!r}", course=course.slug, field="track")
        designations = []
        for index, row in enumerate(course.credit_designations):
            credit_type = CreditType.objects.filter(code=row["credit_type"]).first()
            if credit_type is None:
                raise CurriculumError(
                    course.path,
                    f"unknown credit type {row['credit_type']!r}",
                    course=course.slug,
                    field=f"credit_designations[{index}].credit_type",
                )
            designations.append(CreditDesignation(credit_type=credit_type, max_amount=row["max_amount"]))
            try:
                designations[-1].clean_fields(exclude=["page"])
            except ValidationError as error:
                raise _as_curriculum_error(error, course, prefix=f"credit_designations[{index}].") from error
        for problem in designation_problems(
            course.estimated_minutes, [(d.credit_type, d.max_amount) for d in designations]
        ):
            raise CurriculumError(course.path, problem, course=course.slug, field="credit_designations")
        moc_designations = self._moc_designations(course)
        acpe_details = self._acpe_details(course)
        faculty = []
        for index, entry in enumerate(course.faculty):
            if entry["role"] not in FacultyRole.values:
                raise CurriculumError(
                    course.path,
                    f"unknown role {entry['role']!r}; use one of {', '.join(FacultyRole.values)}",
                    course=course.slug,
                    field=f"faculty[{index}].role",
                )
            faculty.append(CourseFaculty(person=people[entry["person"]], role=entry["role"]))

        page.title = course.title
        page.track = track
        page.summary = course.summary
        page.learning_objectives = [
            {"type": "objective", "value": text, "id": objective_block_id(course.slug, index)}
            for index, text in enumerate(course.learning_objectives)
        ]
        page.target_audience = course.target_audience
        page.learning_format = course.learning_format
        page.estimated_minutes = course.estimated_minutes
        page.technical_requirements = course.technical_requirements
        page.release_date = course.release_date
        page.last_review_date = course.last_review_date
        page.expiration_date = course.expiration_date
        page.members_only = course.members_only
        page.content_notice = course.content_notice
        page.credit_designations = designations
        page.moc_designations = moc_designations
        page.acpe_details = acpe_details
        page.faculty = faculty
        page.mitigations = self._mitigations(course, people)
        page.commercial_supporters = self._supporters(course)

    def _moc_designations(self, course):
        designations = []
        for index, row in enumerate(course.moc_designations):
            board = Board.objects.filter(code=row["board"]).first()
            if board is None:
                raise CurriculumError(
                    course.path,
                    f"unknown board {row['board']!r}; use one of {', '.join(code for code, _, _ in BOARDS)}",
                    course=course.slug,
                    field=f"moc_designations[{index}].board",
                )
            designation = MocDesignation(board=board, **{k: v for k, v in row.items() if k != "board"})
            try:
                designation.clean_fields(exclude=["page"])
            except ValidationError as error:
                raise _as_curriculum_error(error, course, prefix=f"moc_designations[{index}].") from error
            designations.append(designation)
        return designations

    def _acpe_details(self, course):
        if course.acpe is None:
            return []
        registration = AcpeActivity(**course.acpe)
        try:
            registration.clean_fields(exclude=["page"])
            registration.clean()
        except ValidationError as error:
            raise _as_curriculum_error(error, course, prefix="acpe.") from error
        return [registration]

    def _mitigations(self, course, people):
        mitigations = []
        for index, entry in enumerate(course.mitigations):
            where = dict(course=course.slug, field=f"mitigations[{index}]")
            if entry["method"] not in MitigationMethod.values:
                raise CurriculumError(
                    course.path,
                    f"unknown method {entry['method']!r}; use one of {', '.join(MitigationMethod.values)}",
                    **{**where, "field": where["field"] + ".method"},
                )
            relationship = people[entry["person"]].relationships.filter(company=entry["company"]).first()
            if relationship is None:
                raise CurriculumError(
                    course.path, f"{entry['person']} has no published relationship with {entry['company']!r}", **where
                )
            mitigation = RelationshipMitigation(
                relationship=relationship, **{k: v for k, v in entry.items() if k not in ("person", "company")}
            )
            try:
                mitigation.clean()
            except ValidationError as error:
                raise _as_curriculum_error(error, course, prefix=where["field"] + ".") from error
            mitigations.append(mitigation)
        return mitigations

    def _supporters(self, course):
        for index, entry in enumerate(course.commercial_supporters):
            if entry["kind"] not in SupportKind.values:
                raise CurriculumError(
                    course.path,
                    f"unknown kind {entry['kind']!r}; use one of {', '.join(SupportKind.values)}",
                    course=course.slug,
                    field=f"commercial_supporters[{index}].kind",
                )
        return [CommercialSupport(**entry) for entry in course.commercial_supporters]

    def _apply_module(self, page, module, course):
        page.title = module.title
        page.estimated_minutes = module.estimated_minutes
        page.required = module.required
        # The data names the activity's objectives by their text; the page keeps their ids.
        page.objectives = objectives_by_text(
            [(objective_block_id(course.slug, index), text) for index, text in enumerate(course.learning_objectives)],
            module.objectives,
        )
        page.body = module.body


def _as_curriculum_error(error, course, prefix=""):
    if hasattr(error, "message_dict"):
        name, messages = next(iter(error.message_dict.items()))
        return CurriculumError(course.path, " ".join(messages), course=course.slug, field=prefix + name)
    return CurriculumError(course.path, " ".join(error.messages), course=course.slug)
