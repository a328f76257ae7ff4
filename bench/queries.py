"""Requests made in-process on the same database: queries per request, and the profile.

One Django test client per request kind, kept: building a client loads the middleware stack
(WhiteNoise scans the static files), which is start-up work a server does once, not per request.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .server import HOST


class InProcess:
    def __init__(self, headers):
        self.client = Client(HTTP_HOST=HOST)
        cookies = headers.get("Cookie", "")
        for pair in filter(None, (part.strip() for part in cookies.split(";"))):
            name, _, value = pair.partition("=")
            self.client.cookies[name] = value
        self.extra = {
            f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items() if name != "Cookie"
        }

    def get(self, path):
        return self.client.get(path, **self.extra)


def count_queries(path, headers):
    """(status, queries) of the second request: the first fills the per-process caches."""
    requester = InProcess(headers)
    requester.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = requester.get(path)
    return response.status_code, len(captured)
