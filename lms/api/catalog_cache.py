"""The catalog's answers, kept until the catalog changes.

Portals read the catalog far more often than editors change it. An answer is stored under a
key made of the request's query and the catalog's version: the live pages' count and latest
publication (one small aggregate, exact across server processes: publishing, unpublishing
and deleting change it) and a generation counter that saving an activity page (a direct save
changes live content without a publication) or a snippet the catalog shows (tracks, credit
types, faculty, disclosures) advances. With a shared cache (Redis in
production) the counter is exact too; with a per-process cache an edited snippet shows in the
other processes within TTL seconds.
"""

import hashlib
import time

from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from courses.models import CourseFaculty, CoursePage, CreditDesignation, CreditType, FinancialRelationship, Person, Track

TTL = 60
GENERATION_KEY = "cme:catalog:generation"
WATCHED = (CoursePage, Track, CreditType, Person, FinancialRelationship, CourseFaculty, CreditDesignation)


def catalog_version():
    pages = Page.objects.filter(live=True).aggregate(count=Count("pk"), latest=Max("last_published_at"))
    return f"{pages['count']}:{pages['latest']}:{cache.get(GENERATION_KEY, 0)}"


def cache_key(request):
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    digest = hashlib.sha256(f"{request.path}?{query}|{catalog_version()}".encode()).hexdigest()
    return f"cme:catalog:{digest}"


def cached_answer(request, compute):
    """The stored answer for this request and catalog version, or compute(), stored."""
    key = cache_key(request)
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, TTL)
    return data


def advance_generation(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: a value never used before
        cache.set(GENERATION_KEY, time.time_ns(), None)


for model in WATCHED:
    receiver(post_save, sender=model, dispatch_uid=f"catalog-cache-save-{model.__name__}")(advance_generation)
    receiver(post_delete, sender=model, dispatch_uid=f"catalog-cache-delete-{model.__name__}")(advance_generation)
