"""What counts as executable markup in a page or an API answer, for the hostile-input suites: HTML is
parsed as a browser would (html5lib) and every element or attribute that could run script is named."""

import warnings
from collections import Counter

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from django.db import connection

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
# The settings' secret key, which no page may ever show.
SECRET = "test-only-secret-key"


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
