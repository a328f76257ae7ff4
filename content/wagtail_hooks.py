from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .scheduling import PUBLISH_CANCELLED, UNPUBLISH_CANCELLED, GuardedPublication, refused_in_the_admin


def _cancelled(change):
    class Cancelled(LogFormatter):
        label = f"Scheduled {change} cancelled"

        def format_message(self, log_entry):
            return f"{self.label}: " + " ".join(log_entry.data.get("problems", []))

    return Cancelled


@hooks.register("register_log_actions")
def register_cancelled_schedules(actions):
    actions.register_action(PUBLISH_CANCELLED)(_cancelled("publication"))
    actions.register_action(UNPUBLISH_CANCELLED)(_cancelled("unpublication"))


@hooks.register("before_publish")
def keep_a_refused_draft(request, instance):
    """The Publish button: a version the rules refuse is kept as a draft, with the reasons."""
    if not isinstance(instance, GuardedPublication):
        return None
    problems = instance.publication_problems(instance.get_latest_revision_as_object())
    return refused_in_the_admin(request, instance, problems, "Not published, saved as a draft") if problems else None


@hooks.register("before_unpublish")
def keep_live_what_must_stay_live(request, instance):
    if not isinstance(instance, GuardedPublication):
        return None
    problems = instance.unpublication_problems()
    return refused_in_the_admin(request, instance, problems, "Not unpublished") if problems else None
