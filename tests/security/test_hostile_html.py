"""Hostile input through every field a learner, an editor or an importer fills that reaches a page
or the API: no executable markup comes out, on the API (JSON strings parsed as HTML) or on the
server-rendered pages; and in a real browser no payload runs (no dialog, no window.__xss)."""

import copy
import json
import warnings
from collections import Counter
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from content.curriculum_data import ModuleData, read_curriculum
from content.curriculum_estimate import WORDS_PER_MINUTE, module_words
from content.sanitizer import sanitize_html, sanitize_text
from courses.models import CoursePage, ModulePage
from lms.models import Enrollment
from lms.services.evaluation import submit_evaluation
from quizzes.models import Question, QuizRole
from tests.factories import (
    MemberFactory,
    UserFactory,
    choices,
    make_catalog,
    make_course,
    make_home,
    make_module,
    make_quiz,
)
from tests.lms.conftest import evaluation_answers
from tests.lms.test_load_curriculum import COURSE, READING, load, with_post_test, write_curriculum

from .conftest import all_scopes_key
from .xss_payloads import PAYLOADS, X

DANGEROUS_ELEMENTS = {
    "script",
    "svg",
    "math",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "style",
    "base",
    "link",
    "meta",
    "template",
    "noscript",
    "form",
    "button",
    "input",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "srcdoc",
    "lowsrc",
    "dynsrc",
}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# The page layout's own markup (forms, the CSRF input, the skip link's script, ...) is not under test:
# only what lies inside the element that shows the hostile value.
SECRET = "test-only-secret-key"
# The `<?xml ...>` payload makes bs4 in the sanitizer warn that it looks like XML; expected here.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


def text_safe(value):
    """Payloads with NUL bytes cannot be stored in PostgreSQL text at all; keep them on SQLite."""
    return [p for p in value if "\x00" not in p] if connection.vendor == "postgresql" else list(value)


def executable_markup(html, where=""):
    """Everything in `html` (parsed as a browser would, html5lib) that could run script."""
    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)  # payloads that look like URLs
        soup = BeautifulSoup(html, "html5lib")
    for element in soup.find_all(True):
        name = element.name.lower()
        if name in DANGEROUS_ELEMENTS:
            problems.append(f"{where}<{name}> element")
        for attribute, value in element.attrs.items():
            attribute = attribute.lower()
            values = value if isinstance(value, list) else [value]
            if attribute.startswith("on"):
                problems.append(f"{where}<{name} {attribute}=...>")
            if attribute in URL_ATTRIBUTES or attribute.endswith(":href") or attribute == "style":
                for item in values:
                    squashed = "".join(str(item).split()).replace("\x00", "").lower()
                    if squashed.startswith(BAD_SCHEMES) or "javascript:" in squashed or "expression(" in squashed:
                        problems.append(f"{where}<{name} {attribute}={item!r}>")
    return problems


def json_strings(data, path="$"):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from json_strings(key, f"{path}.<key>")
            yield from json_strings(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from json_strings(value, f"{path}[{index}]")


def assert_json_clean(response, label):
    assert response.status_code < 500, (label, response.status_code)
    problems = []
    for path, value in json_strings(response.json()):
        problems += executable_markup(value, f"{label} {path}: ")
    assert not problems, "\n".join(problems[:40])


def fragment(response, selector):
    """The part of a page that shows the hostile values (the layout is trusted template markup)."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert SECRET not in html
    soup = BeautifulSoup(html, "html5lib")
    parts = soup.select(selector)
    assert parts, f"nothing matches {selector!r}"
    return "".join(str(part) for part in parts)


def assert_page_clean(response, label, selector="main", baseline=None):
    """No executable markup in the part of the page that shows the values. With `baseline` (the
    same page showing harmless values), only what the hostile values add counts: the layout's own
    forms, inputs and icons are template markup, not input."""
    found = Counter(executable_markup(fragment(response, selector)))
    if baseline is not None:
        found -= Counter(executable_markup(fragment(baseline, selector)))
    problems = [f"{label}: {problem}" for problem in found.elements()]
    assert not problems, "\n".join(problems[:40])


@pytest.fixture
def catalog(db):
    return make_catalog(make_home())


@pytest.fixture
def portal():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {all_scopes_key('XSS portal')}")
    return client


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="xss-admin", is_staff=True, is_superuser=True))
    return client


def test_the_corpus_is_large_and_distinct():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert sum(X in payload for payload in PAYLOADS) >= 3


# --- learner -------------------------------------------------------------------------------------


def test_evaluation_free_text_is_stored_and_reported_without_markup(catalog, admin_client):
    calm = make_course(catalog, slug="calm")
    member = MemberFactory(user__username="calm-evaluator")
    Enrollment.objects.create(member=member, course=calm)
    submit_evaluation(member, calm, evaluation_answers(calm, commitment_to_change="Refer earlier.", comments="Good."))
    baseline = admin_client.get(f"/admin/cme-reports/evaluations/?course={calm.pk}")
    course = make_course(catalog, slug="evaluated")
    for index, payload in enumerate(text_safe(PAYLOADS)):
        member = MemberFactory(user__username=f"evaluator-{index}")
        Enrollment.objects.create(member=member, course=course)
        evaluation = submit_evaluation(
            member,
            course,
            evaluation_answers(
                course,
                commitment_to_change=payload,
                free_of_commercial_bias=False,
                bias_comment=payload,
                comments=payload,
            ),
        )
        for field in ("commitment_to_change", "bias_comment", "comments"):
            stored = getattr(evaluation, field)
            assert not executable_markup(stored, field), (payload, stored)
    response = admin_client.get(f"/admin/cme-reports/evaluations/?course={course.pk}")
    assert_page_clean(response, "evaluation report", baseline=baseline)


def test_member_profile_fields_through_the_api(db, portal):
    accepted = 0
    for index, payload in enumerate(text_safe(PAYLOADS)):
        body = {
            "email": f"xss{index}@example.org",
            "first_name": payload[:100],
            "last_name": payload[:100],
            "degree": "MD",
            "specialty": payload[:120],
            "board_id": payload[:40],
            "membership_status": "active",
        }
        response = portal.put(f"/api/v1/members/XSS-{index}/", body, format="json")
        assert response.status_code in (200, 201, 400, 422), (payload, response.status_code, response.content[:300])
        assert_json_clean(response, f"PUT member {payload!r}")
        if response.status_code in (200, 201):
            accepted += 1
            assert_json_clean(portal.get(f"/api/v1/members/XSS-{index}/"), f"GET member {payload!r}")
    assert_json_clean(portal.get("/api/v1/members/", {"page_size": 100}), "member list")
    assert accepted  # the API took hostile names (and must have neutralized them)


# --- editor --------------------------------------------------------------------------------------


def test_course_text_fields_on_the_landing_page_and_the_catalog_api(catalog, portal):
    payloads = text_safe(PAYLOADS)
    course = make_course(
        catalog,
        slug="hostile-course",
        title="Hostile course",
        learning_objectives=[{"type": "objective", "value": f"Objective {n}"} for n in range(len(payloads))],
    )
    client = Client()
    baseline = client.get(course.url)
    course.learning_objectives = [{"type": "objective", "value": payload} for payload in payloads]
    for index, payload in enumerate(payloads):
        course.summary = payload
        course.target_audience = payloads[-1 - index]
        course.save()
        assert_json_clean(portal.get(f"/api/v1/catalog/{course.pk}/"), f"catalog detail {payload!r}")
        assert_page_clean(client.get(course.url), f"course page {payload!r}", baseline=baseline)
    assert_json_clean(portal.get("/api/v1/catalog/"), "catalog list")


def test_module_rich_text_on_the_module_page(catalog):
    course = make_course(catalog, slug="rich-course")
    module = make_module(
        course, slug="hostile", body=[{"type": "rich_text", "value": payload} for payload in text_safe(PAYLOADS)]
    )
    assert_page_clean(Client().get(module.url), "module page", selector=".rich-text")


@pytest.fixture
def hostile_quiz(catalog):
    course = make_course(catalog, slug="quiz-course")
    quiz = make_quiz(course, role=QuizRole.POST_TEST, questions=[], shuffle_questions=False, shuffle_choices=False)
    for order, payload in enumerate(text_safe(PAYLOADS)):
        Question.objects.create(
            quiz=quiz,
            key=f"x{order}",
            sort_order=order,
            kind="single",
            stem=payload,
            choices=choices(f"a{order}", f"+b{order}"),
            rationale=payload,
            reference="",
        )
    member = MemberFactory(user__username="quiz-taker")
    Enrollment.objects.create(member=member, course=course)
    return quiz, member


def test_quiz_stems_and_rationales_in_the_api_and_the_quiz_pages(hostile_quiz):
    quiz, member = hostile_quiz
    api = APIClient()
    api.force_login(member.user)
    started = api.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    assert started.status_code == 201, started.content[:300]
    assert_json_clean(started, "attempt")
    attempt_id = started.json()["id"]
    page = Client()
    page.force_login(member.user)
    assert_page_clean(page.get(f"/quizzes/attempts/{attempt_id}/"), "quiz page", selector=".stem")
    # The right answers: a passed post-test shows the key and every rationale, each a payload.
    answers = [{"position": q["position"], "choices": [q["choices"][1]["id"]]} for q in started.json()["questions"]]
    submitted = api.post(f"/api/v1/me/attempts/{attempt_id}/submit/", {"answers": answers}, format="json")
    assert submitted.status_code == 200, submitted.content[:300]
    assert submitted.json()["passed"] and all("rationale" in entry for entry in submitted.json()["feedback"])
    assert_json_clean(submitted, "submitted attempt (feedback with rationales)")
    assert_page_clean(
        page.get(f"/quizzes/attempts/{attempt_id}/result/"), "quiz result page", selector=".stem, .rationale"
    )


# --- importer ------------------------------------------------------------------------------------


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


def test_member_csv_import_stores_and_serves_names_without_markup(db, portal):
    import csv
    import io

    from bench.import_members import npi_for
    from lms.imports.apply import VALID_ROWS, apply_import
    from lms.imports.reading import COLUMNS
    from lms.models import Member

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    payloads = text_safe(PAYLOADS)
    for index, payload in enumerate(payloads):
        writer.writerow(
            [
                f"CSV-{index}",
                f"Ann {payload}"[:100],
                f"Lee {payload}"[:100],
                f"csv{index}@example.org",
                "MD",
                npi_for(index),
                f"B{payload}"[:40],
                "",
                "",
                "active",
                "",
            ]
        )
    result = apply_import(out.getvalue(), VALID_ROWS, UserFactory(username="importer"), "hostile.csv", "x")
    assert result.counts["create"] > len(payloads) // 2, result.counts
    for member in Member.objects.filter(member_id__startswith="CSV-"):
        for field in ("first_name", "last_name", "board_id"):
            assert not executable_markup(getattr(member, field), field), getattr(member, field)
    assert_json_clean(portal.get("/api/v1/members/", {"page_size": 100}), "imported members in the API")


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


# --- a real browser ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as tests/e2e: the root page survives flushes
def test_no_payload_runs_in_chromium(browser, live_server):
    catalog = make_catalog(make_home())
    payloads = text_safe(PAYLOADS)
    course = make_course(catalog, slug="browser-course", summary="\n".join(payloads), target_audience=payloads[0])
    module = make_module(course, slug="browser-module", body=[{"type": "rich_text", "value": p} for p in payloads])
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in (course.url, module.url):
        page.goto(live_server.url + url, wait_until="load")
        page.wait_for_timeout(500)  # let onerror/onload/ontoggle handlers fire if any survived
        assert page.evaluate("typeof window.__xss") == "undefined", url
    assert not dialogs, dialogs
