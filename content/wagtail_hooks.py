from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .scheduling import PUBLISH_CANCELLED, UNPUBLISH_CANCELLED


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
