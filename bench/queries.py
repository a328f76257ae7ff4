"""Queries per request, counted in-process on the same database (the second request: caches warm)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .server import HOST


def wsgi_headers(headers):
    translated = {}
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        translated[key if key in ("CONTENT_TYPE",) else f"HTTP_{key}"] = value
    return translated


def count_queries(path, headers):
    client = Client(HTTP_HOST=HOST)
    cookies = headers.get("Cookie", "")
    for pair in filter(None, (part.strip() for part in cookies.split(";"))):
        name, _, value = pair.partition("=")
        client.cookies[name] = value
    extra = wsgi_headers({name: value for name, value in headers.items() if name != "Cookie"})
    client.get(path, **extra)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return response.status_code, len(captured)
