"""Hostile input in the curriculum files the loader reads: sanitized when read, and no executable markup on
the pages and the catalog API built from them."""

import copy
import json
from decimal import Decimal

import pytest
from django.test import Client

from content.curriculum_data import read_curriculum
from content.curriculum_estimate import WORDS_PER_MINUTE, module_words
from content.curriculum_records import ModuleData
from content.sanitizer import sanitize_html, sanitize_text
from courses.models import CoursePage, ModulePage
from tests.lms.test_load_curriculum import COURSE, READING, load, with_post_test, write_curriculum

from .markup_scan import assert_json_clean, assert_page_clean, executable_markup, json_strings, text_safe
from .xss_payloads import PAYLOADS

# The `<?xml ...>` payload makes bs4 in the sanitizer warn that it looks like XML; expected here.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


def hostile_curriculum(tmp_path):
    payloads = text_safe(PAYLOADS)
    course = copy.deepcopy(COURSE)
    course["summary"] = "\n".join(payloads)
    course["target_audience"] = "\n".join(reversed(payloads))
    # The loader refuses a field with no text left once markup is removed (a payload alone is
    # often just that), so each payload travels with a little reader text.
    course["learning_objectives"] = [f"Objective {n}: {payload}" for n, payload in enumerate(payloads)]
    body = (
        [{"type": "rich_text", "value": f"<p>Lesson {n}</p>{payload}"} for n, payload in enumerate(payloads)]
        + [{"type": "heading", "value": f"Heading {n}: {payload}"} for n, payload in enumerate(payloads)]
        + [{"type": "rich_text", "value": READING}]
    )
    course["modules"][0]["body"] = body
    # The loader checks stated times against the text, and what is left of a payload once it is
    # sanitized varies (by database, too), so the times are stated from the text as it will be read.
    read = [
        {**block, "value": (sanitize_html if block["type"] == "rich_text" else sanitize_text)(block["value"])}
        for block in body
    ]
    minutes = Decimal(module_words(ModuleData("one", "Module one", 1, True, [], read))) / WORDS_PER_MINUTE
    course["modules"][0]["estimated_minutes"] = round(minutes)
    with_post_test(course, reading_minutes=round(minutes + course["modules"][1]["estimated_minutes"]))
    return write_curriculum(tmp_path, [course])


def test_curriculum_yaml_is_sanitized_when_read(tmp_path):
    curriculum = read_curriculum(hostile_curriculum(tmp_path))
    (course,) = curriculum.courses
    problems = []
    parsed = json.loads(json.dumps(course, default=lambda o: getattr(o, "__dict__", str(o))))
    parsed.pop("raw", None)  # the file as read, kept for its fingerprint: input, not output
    for path, value in json_strings(parsed):
        problems += executable_markup(value, f"curriculum {path}: ")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.django_db
def test_curriculum_yaml_reaches_pages_and_api_without_markup(tmp_path, portal):
    calm_dir = tmp_path / "calm"
    calm_dir.mkdir()
    calm_course = copy.deepcopy(COURSE)
    calm_course["slug"] = "calm-course"
    calm_course["learning_objectives"] = [f"Objective {n}" for n in range(len(text_safe(PAYLOADS)))]
    for module in calm_course["modules"]:
        module["objectives"] = [1]
    with_post_test(calm_course, reading_minutes=30)
    load(directory=write_curriculum(calm_dir, [calm_course]))
    calm = CoursePage.objects.get(slug="calm-course")
    hostile_dir = tmp_path / "hostile"
    hostile_dir.mkdir()
    load(directory=hostile_curriculum(hostile_dir))
    course = CoursePage.objects.get(slug="tiny-course")
    client = Client()
    assert_page_clean(client.get(course.url), "imported course page", baseline=client.get(calm.url))
    for module in ModulePage.objects.child_of(course).live():
        assert_page_clean(
            client.get(module.url), f"imported module {module.slug}", selector=".rich-text, main h2, main h3"
        )
    assert_json_clean(portal.get(f"/api/v1/catalog/{course.pk}/"), "imported catalog detail")
