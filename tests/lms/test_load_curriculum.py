"""load_curriculum: idempotent, reports, leaves editors' changes alone, all-or-nothing on bad data."""

import copy
import datetime
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from content.curriculum_data import read_curriculum
from courses.models import CoursePage, ModulePage
from tests.factories.courses import DISCLOSED_ON, EXPIRES_ON, RELEASED_ON

SOURCES = {"sources": [{"key": "src", "title": "An article", "author": "A. Author, MD", "publisher": "A publisher"}]}
# 3,000 words: 15 minutes at 200 words a minute, so the two modules together support 0.50 credit.
READING = "<p>" + " ".join(["reading"] * 3000) + "</p>"
PEOPLE = {
    "people": [
        {
            "key": "pat",
            "name": "Pat Sample",
            "credentials": "MD",
            "disclosure_date": DISCLOSED_ON.isoformat(),
            "no_relevant_relationships": True,
        }
    ]
}
COURSE = {
    "slug": "tiny-course",
    "title": "Tiny course",
    "track": "ipm-fundamentals",
    "summary": "A tiny activity.",
    "learning_objectives": ["Describe the first thing.", "Describe the second thing."],
    "target_audience": "Physicians",
    "learning_format": "enduring",
    "estimated_minutes": 30,
    "credit_designations": [{"credit_type": "ama-pra-category-1", "max_amount": "0.50"}],
    "release_date": RELEASED_ON.isoformat(),
    "last_review_date": RELEASED_ON.isoformat(),
    "expiration_date": EXPIRES_ON.isoformat(),
    "faculty": [{"person": "pat", "role": "course-director"}],
    "modules": [
        {
            "slug": "one",
            "title": "Module one",
            "estimated_minutes": 15,
            "objectives": [1],
            "body": [
                {"type": "heading", "value": "Start here"},
                {"type": "rich_text", "value": "<p>Lesson <script>alert(1)</script>text.</p>"},
                {"type": "key_point", "value": {"title": "Key point", "text": "Remember this."}},
                {"type": "rich_text", "value": READING},
                {"type": "references", "value": [{"source": "src", "note": "background"}]},
            ],
        },
        {
            "slug": "two",
            "title": "Module two",
            "estimated_minutes": 15,
            "objectives": [2],
            "body": [{"type": "rich_text", "value": "<p>More.</p>"}, {"type": "rich_text", "value": READING}],
        },
    ],
}


def with_post_test(course, reading_minutes):
    """`course` with the post-test publishing its credit needs: two true/false items per objective, all
    drawn; its stated time is the reading plus a minute per item, as the loader computes it."""
    objectives = range(1, len(course["learning_objectives"]) + 1)
    course["quiz_bank"] = [
        {
            "key": f"post-{objective}-{copy}",
            "kind": "true_false",
            "objectives": [objective],
            "stem": f"Statement {objective}.{copy} is true.",
            "choices": [{"key": "t", "text": "True", "correct": True}, {"key": "f", "text": "False"}],
            "rationale": "It is.",
            "source": "src",
        }
        for objective in objectives
        for copy in (1, 2)
    ]
    course["post_test"] = {
        "title": f"Post-test: {course['title']}",
        "passing_score": 70,
        "questions": [item["key"] for item in course["quiz_bank"]],
    }
    course["estimated_minutes"] = reading_minutes + len(course["quiz_bank"])
    return course


# An activity that designates credit is published only with its post-test.
COURSE = with_post_test(COURSE, reading_minutes=30)


def write_curriculum(directory, courses=None):
    (directory / "sources.yaml").write_text(yaml.safe_dump(SOURCES))
    (directory / "people.yaml").write_text(yaml.safe_dump(PEOPLE))
    for course in courses if courses is not None else [COURSE]:
        (directory / f"{course['slug']}.yaml").write_text(yaml.safe_dump(course, allow_unicode=True))
    return directory


def load(*args, directory=None):
    out = StringIO()
    extra = ["--directory", str(directory)] if directory else []
    call_command("load_curriculum", *args, *extra, stdout=out)
    return out.getvalue()


def snapshot():
    return Page.objects.count(), Revision.objects.count()


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_bundled_curriculum_loads_three_courses_with_modules():
    load()
    courses = CoursePage.objects.live()
    assert courses.count() == 3
    for course in courses:
        assert ModulePage.objects.child_of(course).live().count() >= 4
        assert course.content_notice == "Educational sample content, not medical advice."
        assert course.credit_designations.count() >= 1
        assert course.faculty.count() >= 1


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_the_opioid_sparing_activity_carries_joint_accreditation_credit():
    load()
    course = CoursePage.objects.get(slug="opioid-sparing-pain-care")
    assert sorted(course.credit_designations.values_list("credit_type__code", flat=True)) == [
        "acpe-contact-hours",
        "ama-pra-category-1",
        "ancc-contact-hours",
    ]
    registration = course.acpe_details.get()
    assert (registration.pharmacist_uan, registration.technician_uan, registration.activity_type) == (
        "JA0000000-0000-26-001-H08-P",
        "JA0000000-0000-26-001-H08-T",
        "K",
    )
    assert course.carries_joint_accreditation()


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_loading_twice_gives_identical_page_counts_and_revisions():
    load()
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "0 created, 0 updated" in output
    assert "nothing changed" in output


@pytest.mark.django_db
def test_dry_run_reports_and_changes_nothing(tmp_path):
    write_curriculum(tmp_path)
    before = snapshot()
    output = load("--dry-run", directory=tmp_path)
    assert snapshot() == before
    assert "would be created: activity 'Tiny course'" in output
    assert "Dry run: nothing was changed." in output


@pytest.mark.django_db
def test_changed_data_updates_the_page_with_one_new_revision(tmp_path):
    write_curriculum(tmp_path)
    load(directory=tmp_path)
    course = CoursePage.objects.get(slug="tiny-course")
    revisions = course.revisions.count()
    changed = copy.deepcopy(COURSE)
    changed["summary"] = "A revised summary."
    write_curriculum(tmp_path, [changed])
    output = load(directory=tmp_path)
    course.refresh_from_db()
    assert course.summary == "A revised summary."
    assert course.revisions.count() == revisions + 1
    assert "updated: activity 'Tiny course'" in output


@pytest.mark.django_db
def test_page_changed_by_an_editor_is_left_alone_unless_forced(tmp_path):
    write_curriculum(tmp_path)
    load(directory=tmp_path)
    course = CoursePage.objects.get(slug="tiny-course")
    course.summary = "An editor's better summary."
    course.save_revision().publish()
    changed = copy.deepcopy(COURSE)
    changed["summary"] = "A revised summary."
    write_curriculum(tmp_path, [changed])

    output = load(directory=tmp_path)
    course.refresh_from_db()
    assert course.summary == "An editor's better summary."
    assert "left alone: activity 'Tiny course': changed by an editor" in output

    load("--force", directory=tmp_path)
    course.refresh_from_db()
    assert course.summary == "A revised summary."


@pytest.mark.django_db
def test_objectives_keep_their_ids_across_reloads(tmp_path):
    write_curriculum(tmp_path)
    load(directory=tmp_path)
    ids = [block.id for block in CoursePage.objects.get(slug="tiny-course").learning_objectives]
    changed = copy.deepcopy(COURSE)
    changed["learning_objectives"][0] = "Describe the first thing, reworded."
    write_curriculum(tmp_path, [changed])
    load(directory=tmp_path)
    assert [block.id for block in CoursePage.objects.get(slug="tiny-course").learning_objectives] == ids


@pytest.mark.django_db
def test_curriculum_html_is_sanitized_on_load(tmp_path):
    write_curriculum(tmp_path)
    load(directory=tmp_path)
    module = ModulePage.objects.get(slug="one")
    rich_text = next(block for block in module.body if block.block_type == "rich_text")
    assert "<script" not in rich_text.value.source
    assert "alert(1)" not in rich_text.value.source


def broken(**changes):
    course = copy.deepcopy(COURSE)
    for path, value in changes.items():
        target = course
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return course


@pytest.mark.parametrize(
    ("course", "field", "message"),
    [
        (broken(credit_designations__0__max_amount="0.30"), "credit_designations[0].max_amount", "steps of 0.25"),
        (
            broken(credit_designations__0__max_amount="0.75"),
            "credit_designations[0].max_amount",
            "0.75 is more than the 0.50 the estimate supports (6009 words of module text at 200 a minute",
        ),
        (broken(estimated_minutes=45), "estimated_minutes", "45 minutes disagrees with the estimate"),
        (
            broken(modules__1__estimated_minutes=30),
            "modules[1].estimated_minutes",
            "30 minutes disagrees with the 15 minutes its 3001 words take",
        ),
        (
            broken(expiration_date=str(RELEASED_ON + datetime.timedelta(days=4 * 365))),
            "expiration_date",
            "at most 3 years",
        ),
        (broken(faculty__0__person="nobody"), "faculty[0].person", "unknown person"),
        (broken(track="no-such-track"), "track", "unknown track"),
        (broken(estimated_minutes=0), "estimated_minutes", "whole number above zero"),
        (broken(modules__0__objectives=[9]), "modules[0].objectives", "not an objective number"),
        (broken(modules__0__body__0__type="banner"), "modules[0].body[0].type", "unknown block type"),
        (broken(release_date="soon"), "release_date", "YYYY-MM-DD"),
        (broken(learning_format="podcast"), "learning_format", "not a valid choice"),
        (
            {**COURSE, "acpe": {"pharmacist_uan": "JA0000000-0000-26-001-H01-T"}},
            "acpe.pharmacist_uan",
            "A UAN for pharmacists ends in -P.",
        ),
    ],
)
@pytest.mark.django_db
def test_bad_curriculum_names_file_course_and_field_and_loads_nothing(tmp_path, course, field, message):
    good = copy.deepcopy(COURSE)
    good["slug"] = "aaa-good-course"
    write_curriculum(tmp_path, [good, course])
    before = snapshot()
    with pytest.raises(CommandError) as error:
        load(directory=tmp_path)
    text = str(error.value)
    assert "tiny-course.yaml" in text
    assert "course 'tiny-course'" in text
    assert f"field '{field}'" in text
    assert message in text
    assert snapshot() == before
    assert not CoursePage.objects.filter(slug="aaa-good-course").exists()


@pytest.mark.django_db
def test_invalid_yaml_names_the_file(tmp_path):
    write_curriculum(tmp_path)
    (tmp_path / "tiny-course.yaml").write_text("slug: [unclosed\n")
    with pytest.raises(CommandError, match=r"tiny-course\.yaml: is not valid YAML"):
        load(directory=tmp_path)


def test_bundled_curriculum_files_validate():
    curriculum = read_curriculum()
    assert {course.track for course in curriculum.courses} == {
        "ipm-fundamentals",
        "cancer-rehabilitation",
        "opioid-sparing-pain-care",
    }
    for course in curriculum.courses:
        assert len(course.modules) >= 4
        assert sum(module.estimated_minutes for module in course.modules) <= course.estimated_minutes
        for module in course.modules:
            assert module.body[-1]["type"] == "references", (course.slug, module.slug)


@pytest.mark.django_db
def test_a_source_url_links_the_reference_on_the_module_page(client, tmp_path):
    write_curriculum(tmp_path)
    sources = copy.deepcopy(SOURCES)
    sources["sources"][0]["url"] = "https://example.org/the-article"
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(sources))
    load(directory=tmp_path)
    html = client.get(ModulePage.objects.get(slug="one").url).content.decode()
    assert '<a href="https://example.org/the-article">An article</a>' in html


def test_a_source_url_must_be_https(tmp_path):
    write_curriculum(tmp_path)
    sources = copy.deepcopy(SOURCES)
    sources["sources"][0]["url"] = "javascript:alert(1)"
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(sources))
    refusal = r"sources\.yaml: field 'sources\[0\]\.url': 'javascript:alert\(1\)' must be an https:// address"
    with pytest.raises(CommandError, match=refusal):
        load(directory=tmp_path)
