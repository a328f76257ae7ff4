"""Keeping the uploaded file between the preview and the apply, in the admin's own session.

The apply form carries the file's SHA-256, so the rows applied are the rows previewed even if
another tab uploaded a different file meanwhile.
"""

import hashlib
import hmac
from dataclasses import dataclass

SESSION_KEY = "lms_member_import"


@dataclass
class KeptFile:
    name: str
    sha256: str
    text: str


def keep(request, name, text):
    kept = KeptFile(name=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
    request.session[SESSION_KEY] = {"name": kept.name, "sha256": kept.sha256, "text": kept.text}
    return kept


def kept_file(request, sha256=None):
    """The kept file, or None if there is none or it is not the one with this hash."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    if sha256 is not None and not hmac.compare_digest(data["sha256"], sha256):
        return None
    return KeptFile(**data)


def forget(request):
    request.session.pop(SESSION_KEY, None)
