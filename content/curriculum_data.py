"""Read and validate the bundled curriculum files (YAML under content/curriculum/).

This module knows the file format only; building pages from it is the job of the apps that
own the page and quiz models. Every error names the file, the course and the field.
"""

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .curriculum_estimate import STRUCT_BLOCKS, TEXT_BLOCKS, check_estimate
from .curriculum_records import CourseData, Curriculum, ModuleData, PersonData, QuestionData, QuizData, Source
from .sanitizer import sanitize_html, sanitize_text

CURRICULUM_DIR = Path(__file__).resolve().parent / "curriculum"
SHARED_FILES = ("sources.yaml", "people.yaml")
DEFAULT_NOTICE = "Educational sample content, not medical advice."
QUIZ_SECTIONS = ("pre_test", "post_test")
MIN_POST_TEST_ITEMS_PER_OBJECTIVE = 2

HTML = object()  # marks a field read as rich text: sanitized, markup kept


class CurriculumError(Exception):
    def __init__(self, path, message, course=None, field=None):
        self.path, self.course, self.field, self.message = path, course, field, message
        where = [str(path)]
        if course:
            where.append(f"course {course!r}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(": ".join(where) + ": " + message)


class FieldReader:
    """Typed access to one mapping, raising CurriculumError with the field path."""

    def __init__(self, path, data, course=None, prefix=""):
        self.path, self.data, self.course, self.prefix = path, data, course, prefix
        if not isinstance(data, dict):
            self.fail("", "expected a mapping of fields")

    def fail(self, name, message):
        raise CurriculumError(self.path, message, course=self.course, field=(self.prefix + name) or None)

    def get(self, name, kind, default=None, required=True):
        if name not in self.data or self.data[name] is None:
            if required and default is None:
                self.fail(name, "is required")
            return default
        value = self.data[name]
        if kind is bool and not isinstance(value, bool):
            self.fail(name, "must be true or false")
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            self.fail(name, "must be a whole number above zero")
        if kind in (str, HTML):
            if not isinstance(value, str) or not value.strip():
                self.fail(name, "must be non-empty text")
            value = sanitize_html(value) if kind is HTML else sanitize_text(value)
            if not value:
                self.fail(name, "has no text left once markup is removed")
        if kind is list and not isinstance(value, list):
            self.fail(name, "must be a list")
        if kind is dict and not isinstance(value, dict):
            self.fail(name, "must be a mapping of fields")
        if kind is datetime.date and not isinstance(value, datetime.date):
            try:
                value = datetime.date.fromisoformat(str(value))
            except ValueError:
                self.fail(name, f"{value!r} must be a date written YYYY-MM-DD")
        if kind is Decimal:
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                self.fail(name, f"{value!r} is not a number")
        return value

    def get_whole_number(self, name, default):
        """A whole number, zero allowed (pass marks, attempt limits)."""
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(name, "must be a whole number, 0 or more")
        return value

    def entries(self, name, required=True):
        """A reader for each mapping in the list field `name` (field paths like name[2].key)."""
        items = self.get(name, list, default=[], required=required)
        return [self.child(f"{name}[{index}]", item) for index, item in enumerate(items)]

    def child(self, name, data):
        return FieldReader(self.path, data, course=self.course, prefix=f"{self.prefix}{name}.")


def _load_yaml(path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        raise CurriculumError(path, f"is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise CurriculumError(path, "must hold a mapping at the top level")
    return data


def _read_sources(path):
    reader = FieldReader(path, _load_yaml(path))
    sources = {}
    for entry in reader.entries("sources"):
        source = Source(*(entry.get(name, str) for name in ("key", "title", "author", "publisher")))
        source.url = entry.get("url", str, default="", required=False)
        if source.url and not source.url.startswith("https://"):
            entry.fail("url", f"{source.url!r} must be an https:// address")
        sources[source.key] = source
    return sources


def _read_people(path):
    reader = FieldReader(path, _load_yaml(path))
    people = {}
    for entry in reader.entries("people"):
        relationships = []
        for rel_reader in entry.entries("relationships", required=False):
            relationships.append(
                {
                    "company": rel_reader.get("company", str),
                    "nature": rel_reader.get("nature", str),
                    "ineligible_company": rel_reader.get("ineligible_company", bool, default=True, required=False),
                    "started_on": rel_reader.get("started_on", datetime.date),
                    "ended_on": rel_reader.get("ended_on", datetime.date, required=False),
                }
            )
        none_declared = entry.get("no_relevant_relationships", bool, default=False, required=False)
        if none_declared == bool(relationships):
            entry.fail(
                "no_relevant_relationships",
                "declare either no relevant financial relationships or list at least one, not both or neither",
            )
        person = PersonData(
            key=entry.get("key", str),
            name=entry.get("name", str),
            credentials=entry.get("credentials", str, default="", required=False),
            affiliation=entry.get("affiliation", str, default="", required=False),
            bio=entry.get("bio", str, default="", required=False),
            disclosure_date=entry.get("disclosure_date", datetime.date),
            no_relevant_relationships=none_declared,
            relationships=relationships,
        )
        people[person.key] = person
    return people


def _read_body(blocks, sources):
    body = []
    for entry in blocks:
        kind = entry.get("type", str)
        if kind == "rich_text":
            value = entry.get("value", HTML)
        elif kind in TEXT_BLOCKS:
            value = entry.get("value", str)
        elif kind in STRUCT_BLOCKS:
            inner = entry.child("value", entry.get("value", dict))
            value = {name: inner.get(name, str) for name in STRUCT_BLOCKS[kind]}
        elif kind == "references":
            value = []
            for ref_reader in entry.entries("value"):
                key = ref_reader.get("source", str)
                if key not in sources:
                    ref_reader.fail("source", f"unknown source {key!r}; sources are listed in sources.yaml")
                source = sources[key]
                value.append(
                    {
                        "title": source.title,
                        "author": source.author,
                        "publisher": source.publisher,
                        "url": source.url,
                        "note": ref_reader.get("note", str, default="", required=False),
                    }
                )
        else:
            entry.fail(
                "type", f"unknown block type {kind!r}; use rich_text, heading, key_point, case_vignette or references"
            )
        body.append({"type": kind, "value": value})
    return body


def _read_course(path, sources, people):
    data = _load_yaml(path)
    reader = FieldReader(path, data, course=data.get("slug") if isinstance(data, dict) else None)
    objectives = [
        reader.child(f"learning_objectives[{i}]", {"text": text}).get("text", str)
        for i, text in enumerate(reader.get("learning_objectives", list))
    ]
    if not objectives:
        reader.fail("learning_objectives", "list at least one objective")

    designations = []
    for entry in reader.entries("credit_designations"):
        designations.append(
            {"credit_type": entry.get("credit_type", str), "max_amount": entry.get("max_amount", Decimal)}
        )

    moc_designations = [
        {
            "board": entry.get("board", str),
            "moc_type": entry.get("moc_type", str),
            "points": entry.get("points", Decimal),
            "statement": entry.get("statement", str),
        }
        for entry in reader.entries("moc_designations", required=False)
    ]

    acpe = None
    if reader.get("acpe", dict, required=False) is not None:
        entry = reader.child("acpe", reader.data["acpe"])
        acpe = {
            "pharmacist_uan": entry.get("pharmacist_uan", str, default="", required=False),
            "technician_uan": entry.get("technician_uan", str, default="", required=False),
            "activity_type": entry.get("activity_type", str, default="K", required=False),
        }

    faculty = []
    for entry in reader.entries("faculty"):
        key = entry.get("person", str)
        if key not in people:
            entry.fail("person", f"unknown person {key!r}; people are listed in people.yaml")
        faculty.append({"person": key, "role": entry.get("role", str)})

    mitigations = []
    for entry in reader.entries("mitigations", required=False):
        key = entry.get("person", str)
        if key not in {member["person"] for member in faculty}:
            entry.fail("person", f"{key!r} is not among the activity's faculty")
        company = entry.get("company", str)
        if company not in {relationship["company"] for relationship in people[key].relationships}:
            entry.fail("company", f"{company!r} is not among {key}'s disclosed relationships in people.yaml")
        mitigations.append(
            {
                "person": key,
                "company": company,
                "method": entry.get("method", str),
                "other_method": entry.get("other_method", str, default="", required=False),
                "mitigated_by": entry.get("mitigated_by", str),
                "mitigated_on": entry.get("mitigated_on", datetime.date),
            }
        )

    supporters = [
        {
            "supporter": entry.get("supporter", str),
            "kind": entry.get("kind", str),
            "description": entry.get("description", str, default="", required=False),
        }
        for entry in reader.entries("commercial_supporters", required=False)
    ]
    if "commercial_support" in data:
        reader.fail("commercial_support", "list each supporter under commercial_supporters (none: leave it out)")

    modules = []
    for entry in reader.entries("modules"):
        served = entry.get("objectives", list, default=[], required=False)
        for number in served:
            if not isinstance(number, int) or not 1 <= number <= len(objectives):
                entry.fail("objectives", f"{number!r} is not an objective number between 1 and {len(objectives)}")
        modules.append(
            ModuleData(
                slug=entry.get("slug", str),
                title=entry.get("title", str),
                estimated_minutes=entry.get("estimated_minutes", int),
                required=entry.get("required", bool, default=True, required=False),
                objectives=[objectives[number - 1] for number in served],
                body=_read_body(entry.entries("body"), sources),
            )
        )
    if not modules:
        reader.fail("modules", "list at least one module")
    if len({module.slug for module in modules}) != len(modules):
        reader.fail("modules", "module slugs must be unique within a course")

    quiz_bank = _read_quiz_bank(reader, len(objectives))
    quizzes = _read_quizzes(reader, quiz_bank, len(objectives))
    estimate = check_estimate(reader, modules, quizzes, designations)

    return CourseData(
        path=path,
        slug=reader.get("slug", str),
        title=reader.get("title", str),
        track=reader.get("track", str),
        summary=reader.get("summary", str),
        learning_objectives=objectives,
        target_audience=reader.get("target_audience", str),
        learning_format=reader.get("learning_format", str, default="enduring", required=False),
        estimated_minutes=reader.get("estimated_minutes", int),
        credit_designations=designations,
        moc_designations=moc_designations,
        acpe=acpe,
        commercial_supporters=supporters,
        technical_requirements=reader.get("technical_requirements", str, default="", required=False),
        release_date=reader.get("release_date", datetime.date),
        last_review_date=reader.get("last_review_date", datetime.date),
        expiration_date=reader.get("expiration_date", datetime.date),
        members_only=reader.get("members_only", bool, default=False, required=False),
        content_notice=reader.get("content_notice", str, default=DEFAULT_NOTICE, required=False),
        faculty=faculty,
        mitigations=mitigations,
        modules=modules,
        quiz_bank=quiz_bank,
        quizzes=quizzes,
        estimate=estimate,
        raw=data,
    )


def _read_quiz_bank(reader, objective_count):
    bank = {}
    for entry in reader.entries("quiz_bank", required=False):
        key = entry.get("key", str)
        if key in bank:
            entry.fail("key", f"question key {key!r} is used twice")
        tags = entry.get("objectives", list)
        if not tags:
            entry.fail("objectives", "tag the question with the objective number(s) it assesses")
        for number in tags:
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= objective_count:
                entry.fail("objectives", f"{number!r} is not an objective number between 1 and {objective_count}")
        bank[key] = QuestionData(key=key, objectives=sorted(set(tags)))
    return bank


def _read_quizzes(reader, bank, objective_count):
    quizzes = {}
    for name in QUIZ_SECTIONS:
        if reader.data.get(name) is None:
            continue
        section = reader.child(name, reader.get(name, dict))
        keys = section.get("questions", list)
        unknown = [key for key in keys if key not in bank]
        if unknown:
            section.fail("questions", f"not in quiz_bank: {', '.join(map(str, unknown))}")
        if len(set(keys)) != len(keys):
            section.fail("questions", "lists a question twice")
        quizzes[name] = QuizData(
            questions=keys, question_count=section.get("question_count", int, default=None, required=False)
        )
    if "pre_test" in quizzes and "post_test" in quizzes:
        shared = [key for key in quizzes["pre_test"].questions if key in set(quizzes["post_test"].questions)]
        if shared:
            reader.fail(
                "pre_test.questions",
                f"shares {', '.join(shared)} with the post-test; the two banks may not overlap, "
                "so that a pre-test never reveals a post-test item",
            )
    if "post_test" in quizzes:
        for number in range(1, objective_count + 1):
            assessing = [key for key in quizzes["post_test"].questions if number in bank[key].objectives]
            if len(assessing) < MIN_POST_TEST_ITEMS_PER_OBJECTIVE:
                reader.fail(
                    "post_test.questions",
                    f"objective {number} is assessed by {len(assessing)} post-test item(s)"
                    f"{' (' + ', '.join(assessing) + ')' if assessing else ''}; "
                    f"each objective needs at least {MIN_POST_TEST_ITEMS_PER_OBJECTIVE}",
                )
    return quizzes


def read_curriculum(directory=CURRICULUM_DIR):
    """Parse and validate every course file in `directory`; raise CurriculumError on the first problem."""
    directory = Path(directory)
    for name in SHARED_FILES:
        if not (directory / name).exists():
            raise CurriculumError(directory / name, "is missing")
    sources = _read_sources(directory / "sources.yaml")
    people = _read_people(directory / "people.yaml")
    courses = [
        _read_course(path, sources, people)
        for path in sorted(directory.glob("*.yaml"))
        if path.name not in SHARED_FILES
    ]
    slugs = [course.slug for course in courses]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    if duplicates:
        raise CurriculumError(directory, f"course slug(s) used twice: {', '.join(sorted(duplicates))}")
    return Curriculum(sources=sources, people=people, courses=courses)
