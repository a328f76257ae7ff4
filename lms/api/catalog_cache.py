"""The catalog's answers, kept until the catalog changes.

Portals read the catalog far more often than editors change it. An answer is stored under a
key made of the request's query and the catalog's version: the live pages' count and latest
publication (one small aggregate, exact across server processes: publishing, unpublishing
and deleting change it) and the published content's token (courses/content_version.py), which
saving a page directly (live content changed without a publication) or a snippet the catalog
shows (tracks, credit types, faculty, disclosures) replaces. With a shared cache (Redis in
production) the token is exact too; with a per-process cache an edited snippet shows in the
other processes within TTL seconds.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from wagtail.models import Page

from courses import content_version

TTL = 60


def catalog_version():
    pages = Page.objects.filter(live=True).aggregate(count=Count("pk"), latest=Max("last_published_at"))
    return f"{pages['count']}:{pages['latest']}:{content_version.token()}"


def cache_key(request):
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    # The host too: an activity's url is on the host the request reached.
    place = f"{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(f"{place}|{catalog_version()}".encode()).hexdigest()
    return f"cme:catalog:{digest}"


def cached_answer(request, compute):
    """The stored answer for this request and catalog version, or compute(), stored."""
    key = cache_key(request)
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, TTL)
    return data
