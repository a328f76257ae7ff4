"""What must be true of an activity before it is published, whatever publishes it.

Each check is a function registered with the `cme_activity_publish_checks` Wagtail hook; it takes the
activity as it would be published (a revision's object, its inline rows in memory) and returns
messages naming what is missing. Every way of publishing asks `publish_problems`: the editor's
Publish button (the before_publish_page hook, which keeps the draft and shows the messages), a
workflow approval, scheduled publishing and the curriculum loader (`CoursePage.publish`, which
raises `PublishRefused`).
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from . import hooks as cme_hooks

HOOK = cme_hooks.ACTIVITY_PUBLISH_CHECKS


class PublishRefused(PermissionDenied):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("This activity cannot be published: " + " ".join(self.problems))


def publish_problems(page):
    return [problem for check in hooks.get_hooks(HOOK) for problem in check(page)]


def refuse_unless_publishable(page):
    problems = publish_problems(page)
    if problems:
        raise PublishRefused(problems)
