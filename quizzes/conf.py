"""The QUIZZES = {...} settings dict: defaults below, overridden per site.

QUIZZES = {"ITEM_FLAG_MIN_RESPONSES": 50}
"""

from django.conf import settings

DEFAULTS = {
    # Item analysis flags an item (too easy, too hard, negative discrimination) only once it has at
    # least this many answers; below that a percentage says little and the report says so instead.
    "ITEM_FLAG_MIN_RESPONSES": 30,
}


def quizzes_setting(name):
    return getattr(settings, "QUIZZES", {}).get(name, DEFAULTS[name])
