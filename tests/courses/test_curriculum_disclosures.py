"""The bundled curriculum carries the mitigations publishing requires; a curriculum whose relevant
relationship has no mitigation is refused by the loader, naming the person and the company, and
nothing is loaded."""

import copy
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page

from courses.models import CoursePage, PublishedDisclosures
from tests.factories.courses import DISCLOSED_ON, MITIGATED_ON, RELATIONSHIP_STARTED_ON
from tests.lms.test_load_curriculum import COURSE, PEOPLE, write_curriculum

CONSULTANT = {
    "key": "lee",
    "name": "Lee Consultant",
    "credentials": "MD",
    "disclosure_date": DISCLOSED_ON.isoformat(),
    "relationships": [
        {"company": "Example Devices Inc.", "nature": "Consultant", "started_on": RELATIONSHIP_STARTED_ON.isoformat()}
    ],
}


def load(directory=None):
    extra = ["--directory", str(directory)] if directory else []
    call_command("load_curriculum", *extra, stdout=StringIO())


def with_consultant(tmp_path, mitigations=None, **course_changes):
    course = copy.deepcopy(COURSE)
    course["faculty"] = [*course["faculty"], {"person": "lee", "role": "author"}]
    if mitigations is not None:
        course["mitigations"] = mitigations
    course.update(course_changes)
    write_curriculum(tmp_path, [course])
    people = copy.deepcopy(PEOPLE)
    people["people"].append(CONSULTANT)
    (tmp_path / "people.yaml").write_text(yaml.safe_dump(people))
    return tmp_path


@pytest.mark.django_db
@pytest.mark.usefixtures("bundled_curriculum_day")
def test_the_bundled_activities_publish_with_their_mitigations_and_disclosure_records():
    load()
    courses = CoursePage.objects.live()
    assert courses.count() == 3
    for course in courses:
        record = PublishedDisclosures.objects.get(revision_id=course.live_revision_id)
        relationships = [r for person in record.faculty for r in person["relationships"]]
        assert all(r["mitigation"] for r in relationships), course.slug
    ipm = courses.get(slug="ipm-fundamentals")
    assert ipm.mitigations.get().relationship.person.name == "Elena Sorensen"


@pytest.mark.django_db
def test_an_unmitigated_relationship_stops_the_load(tmp_path):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="Lee Consultant, MD's relationship with Example Devices Inc."):
        load(with_consultant(tmp_path))
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_a_mitigated_relationship_and_a_supporter_are_loaded(tmp_path):
    mitigation = {
        "person": "lee",
        "company": "Example Devices Inc.",
        "method": "recusal",
        "mitigated_by": "Planning committee",
        "mitigated_on": MITIGATED_ON.isoformat(),
    }
    supporters = [{"supporter": "Example Devices Inc.", "kind": "in-kind", "description": "ultrasound units"}]
    load(with_consultant(tmp_path, [mitigation], commercial_supporters=supporters))
    course = CoursePage.objects.get(slug=COURSE["slug"])
    assert course.live and course.mitigations.get().get_method_display() == "Recusal or divestment"
    assert course.get_commercial_support_statement() == (
        "This activity is supported by Example Devices Inc. (in-kind, ultrasound units)."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mitigation", "message"),
    [
        ({"method": "prayer"}, "unknown method 'prayer'"),
        ({"company": "Nobody Inc."}, "'Nobody Inc.' is not among lee's disclosed relationships"),
        ({"method": "other"}, "Describe the method used."),
    ],
)
def test_a_bad_mitigation_is_refused_with_its_field(tmp_path, mitigation, message):
    row = {
        "person": "lee",
        "company": "Example Devices Inc.",
        "method": "peer-review",
        "mitigated_by": "Planning committee",
        "mitigated_on": MITIGATED_ON.isoformat(),
        **mitigation,
    }
    with pytest.raises(CommandError, match=message):
        load(with_consultant(tmp_path, [row]))
