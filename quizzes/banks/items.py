"""What an import file says about one question, before anything is saved, and what is wrong with it."""

import html
from dataclasses import dataclass, field

from content.sanitizer import sanitize_html, sanitize_text


@dataclass(frozen=True)
class ImportProblem:
    """Why the file cannot be imported: `line` is where the question or row starts (1-based)."""

    line: int
    message: str

    def __str__(self):
        return f"Line {self.line}: {self.message}"


@dataclass
class ImportedItem:
    line: int
    kind: str
    stem: str
    choices: list = field(default_factory=list)  # [(text, correct)]
    rationale: str = ""
    reference: str = ""
    objectives: list = field(default_factory=list)
    key: str = ""


def stem_html(text, is_html=True):
    """The stem as stored: markup through the one sanitizer, plain text escaped into a paragraph."""
    text = (text or "").strip()
    if is_html and "<" in text:
        return sanitize_html(text)
    return f"<p>{html.escape(' '.join(text.split()), quote=False)}</p>" if text else ""


def plain(text):
    return sanitize_text(text)


def split_list(text):
    """Objective ids and the like, written "a; b" or "a, b"."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]
