"""The package arrows drawn in docs/architecture.md, read off the source so that a new import
against them fails here rather than in a reviewer's head."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("content", "courses", "quizzes", "lms")
# Each app may import only the apps before it; none imports the demo site.
ALLOWED = {app: set(APPS[:index]) for index, app in enumerate(APPS)}
# lms's rules and records never reach up into the entry points that call them.
LMS_ENTRY_POINTS = {"views", "api", "admin", "reports", "urls", "templatetags", "management", "wagtail_hooks"}
LMS_CORE = ("models", "services")
PRIVATE_INTERNALS = re.compile(r"\b(_result_cache|_prefetched_objects_cache|_cached_parent_obj|from_db)\b")


def product_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path, source=None):
    """Every module `path` imports, as dotted parts, relative imports resolved."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path)[:-1]
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".") for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if node.module is None and node.level:
                yield from (target + [alias.name] for alias in node.names)
            else:
                yield target


def test_each_app_imports_only_the_apps_below_it():
    wrong = []
    for path in product_modules():
        app = module_name(path)[0]
        for target in imported(path):
            if target[0] in (*APPS, "cme_site") and target[0] != app and target[0] not in ALLOWED[app]:
                wrong.append(f"{path.relative_to(ROOT)} imports {'.'.join(target)}")
    assert wrong == []


def test_lms_records_and_rules_never_import_the_pages_api_or_admin_that_use_them():
    wrong = []
    for part in LMS_CORE:
        for path in sorted((ROOT / "lms" / part).rglob("*.py")):
            for target in imported(path):
                if target[:1] == ["lms"] and len(target) > 1 and target[1] in LMS_ENTRY_POINTS:
                    wrong.append(f"{path.relative_to(ROOT)} imports {'.'.join(target)}")
    assert wrong == []


def test_django_and_wagtail_private_internals_appear_only_in_the_caching_package():
    caching = ROOT / "content" / "caching"
    outside = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in product_modules()
        if caching not in path.parents
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE_INTERNALS.search(line)
    ]
    assert outside == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from lms.models import Member\n", "lms.models"),
        ("from ..services import progress\n", "courses.services"),
        ("from .pages import CoursePage\n", "courses.models.pages"),
    ],
)
def test_the_reader_resolves_absolute_and_relative_imports(source, expected):
    # A module one package down in `courses`, so that `..` is the app itself.
    path = ROOT / "courses" / "models" / "layering_probe.py"
    assert [".".join(target) for target in imported(path, source)] == [expected]
