"""Keeping the completions feed ordered by commit.

A portal pages the feed by (updated_at, id). A transaction that stamped an earlier time but
commits after a later one would slip behind a portal's cursor. On PostgreSQL every stamp is
therefore taken under one transaction-scoped advisory lock, held until commit, with the
database clock read after the lock is granted: stamps are in commit order.
"""

from django.db import connection
from django.db.models.functions import Now

from ..models import Completion

FEED_LOCK = 0x434D45  # an arbitrary constant naming the completions-feed lock


def _serialize_feed_writers():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK])


def stamp_new_completion(**fields):
    _serialize_feed_writers()
    completion = Completion.objects.create(**fields)
    Completion.objects.filter(pk=completion.pk).update(updated_at=Now())
    completion.refresh_from_db(fields=["updated_at"])
    return completion


def touch(completion):
    """Move a completion to the end of the feed (a claim or a revocation changed it)."""
    _serialize_feed_writers()
    Completion.objects.filter(pk=completion.pk).update(updated_at=Now())
