"""An activity publishes as one unit: its modules and its tests go live with it.

The parts of an activity come from the `cme_activity_parts` hook (`courses` gives its modules,
`quizzes` its pre-test, post-test and knowledge checks). A part with a version waiting (its latest
revision, when it is a draft or has unpublished changes) is published by `CoursePage.publish`
in the activity's transaction, whatever publishes the activity (a workflow approval, the
Publish button, scheduled publishing, the curriculum loader), so one review covers every part and
a failure publishes none. A required part that could not go live with it holds the activity back
(`part_problems`, one of the publishing checks). Unpublishing the activity takes its live parts
offline with it (`unpublish_parts`, courses/unpublication.py).
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks
from wagtail.actions.unpublish import UnpublishAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, WorkflowState

from . import hooks as cme_hooks


@dataclass(frozen=True)
class Part:
    """One module or test of an activity: `required` when the activity may not be live without it."""

    obj: object
    kind: str
    required: bool

    @property
    def pending_revision(self):
        """The version that goes live with the activity, or None when nothing waits."""
        revision = self.obj.latest_revision
        if revision is None or (self.obj.live and not self.obj.has_unpublished_changes):
            return None
        return revision

    @property
    def sent_back(self):
        state = self.obj.current_workflow_state
        return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @property
    def state(self):
        if self.sent_back:
            return "sent back for changes"
        if self.pending_revision is None:
            return "live" if self.obj.live else "draft, nothing to publish"
        return "live, changes to publish" if self.obj.live else "draft, to publish"

    @property
    def goes_live(self):
        return not self.sent_back and (self.obj.live or self.pending_revision is not None)

    def compare_url(self):
        """The reviewer's diff of the waiting version against the live one, or None."""
        revision = self.pending_revision
        if revision is None or not self.obj.live:
            return None
        if isinstance(self.obj, Page):
            return reverse("wagtailadmin_pages:revisions_compare", args=(self.obj.pk, "live", revision.pk))
        url_name = self.obj.snippet_viewset.get_url_name("revisions_compare")
        return reverse(url_name, args=(self.obj.pk, "live", revision.pk))

    def edit_url(self):
        if isinstance(self.obj, Page):
            return reverse("wagtailadmin_pages:edit", args=(self.obj.pk,))
        return reverse(self.obj.snippet_viewset.get_url_name("edit"), args=(self.obj.pk,))

    def __str__(self):
        return f"{self.kind} \u201c{self.obj}\u201d"


def activity_parts(activity):
    if activity.pk is None:
        return []
    return [part for parts_of in hooks.get_hooks(cme_hooks.ACTIVITY_PARTS) for part in parts_of(activity)]


def part_problems(activity):
    """Which required part keeps the activity from going live: a draft with no version to publish,
    or a version its reviewer sent back."""
    problems = []
    for part in activity_parts(activity):
        if not part.required or part.goes_live:
            continue
        if part.sent_back:
            problems.append(f"Its {part} was sent back for changes; resubmit it with the activity.")
        else:
            problems.append(f"Its {part} is a draft with no version to publish; save it, then publish the activity.")
    return problems


def waiting_parts(activity):
    """The parts whose waiting version goes live when the activity is published."""
    return [part for part in activity_parts(activity) if part.pending_revision is not None and not part.sent_back]


def publish_parts(activity, user=None):
    """Publish every part's waiting version; the caller holds the activity's transaction."""
    for part in waiting_parts(activity):
        part.pending_revision.publish(user=user, skip_permission_checks=True)


def unpublish_parts(activity):
    """Take every live part offline; the caller holds the activity's transaction. Whoever unpublished
    the activity may not hold the parts' permissions: the activity's permission covers its parts."""
    for part in activity_parts(activity):
        if part.obj.live:
            action = UnpublishPageAction if isinstance(part.obj, Page) else UnpublishAction
            action(part.obj).execute(skip_permission_checks=True)
