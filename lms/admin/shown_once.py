"""A credential the admin must copy (a new API key, a generated webhook secret), kept in the session
from the request that made it to the page after the redirect, and dropped when that page shows it:
a refresh neither issues another nor shows this one again, and it never travels in a URL."""

from django.utils.cache import add_never_cache_headers

SESSION_KEY = "lms_shown_once"


def keep(request, label, value):
    request.session[SESSION_KEY] = {"label": label, "value": value}


def take(request):
    """The credential waiting to be shown, removed from the session; None when there is none."""
    return request.session.pop(SESSION_KEY, None)


def never_cached(response):
    # The page carries the credential: no browser or proxy may keep a copy of it.
    add_never_cache_headers(response)
    return response
