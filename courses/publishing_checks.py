"""What must be true of an activity before it is published, whatever publishes it.

Each check is a function registered with the `cme_activity_publish_checks` Wagtail hook; it takes the
activity as it would be published (a revision's object, its inline rows in memory) and returns
messages naming what is missing. The registered checks are the pre-publish accreditation checklist:
the author sees them item by item on the activity's edit view (`checklist`, courses/panels.py), and
every way of publishing asks `publish_problems` over the same list: the editor's Publish button (the
before_publish_page hook, which keeps the draft and shows the messages), a workflow approval,
scheduled publishing and the curriculum loader (`CoursePage.publish`, which raises `PublishRefused`,
except that a refused scheduled publication is cancelled: content/scheduling.py).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from . import hooks as cme_hooks

HOOK = cme_hooks.ACTIVITY_PUBLISH_CHECKS


class PublishRefused(PermissionDenied):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("This activity cannot be published: " + " ".join(self.problems))


def checklist_item(label, panel=""):
    """Name a check as the checklist shows it, with the edit view's panel where it is fixed (the
    panel's id without the "-section" ending, e.g. "panel-child-content-dates")."""

    def name(check):
        check.checklist_label = label
        check.checklist_panel = panel
        return check

    return name


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    panel: str
    problems: list

    @property
    def passed(self):
        return not self.problems

    @property
    def anchor(self):
        return f"#{self.panel}-section" if self.panel else ""


def checklist(page):
    """Every registered check, in order, with what it found."""
    return [
        ChecklistItem(
            getattr(check, "checklist_label", check.__name__.replace("_", " ").capitalize()),
            getattr(check, "checklist_panel", ""),
            list(check(page)),
        )
        for check in hooks.get_hooks(HOOK)
    ]


def publish_problems(page):
    return [problem for item in checklist(page) for problem in item.problems]
