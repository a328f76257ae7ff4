"""The one HTML sanitizer: every HTML string from outside the template layer passes here.

An explicit allow-list, not a deny-list: anything not named below is removed. Elements
whose content is never reader text (script, style, svg, iframe, ...) go with their content;
other unknown tags are stripped down to their text.
"""

import functools
import html as html_lib

import bleach
from bs4 import BeautifulSoup
from django.utils.html import strip_tags

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "img": ["src", "alt", "width", "height"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

DROPPED_WITH_CONTENT = (
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "noscript",
    "title",
    "textarea",
    "select",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "base",
    "link",
    "meta",
)

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def _drop_elements_with_content(markup):
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(DROPPED_WITH_CONTENT):
        element.decompose()
    return str(soup)


def sanitize_html(markup):
    """Return `markup` reduced to the allow-list: safe to mark safe and render."""
    if not markup:
        return ""
    return _sanitized(str(markup))


# Pages and API answers show the same stored fields again and again; cleaning is a pure function
# of the text and costs milliseconds, so the results of recent texts are kept.
@functools.lru_cache(maxsize=1024)
def _sanitized(markup):
    return _cleaner.clean(_drop_elements_with_content(markup))


def sanitize_text(text):
    """Plain text from untrusted input, with no markup left even after entity decoding."""
    if not text:
        return ""
    text = str(text)
    if "<" not in text and "&" not in text:
        return text.strip()  # nothing here can form a tag or an entity
    previous = None
    # Encoded markup (&lt;script&gt;) decodes into markup; repeat until nothing changes.
    while text != previous:
        previous = text
        text = html_lib.unescape(strip_tags(sanitize_html(text)))
    return text.strip()
