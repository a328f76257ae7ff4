"""Paging: numbered pages with a capped size for lists; a keyset cursor for the completions feed."""

import base64
import binascii
import datetime

from django.db.models import Q
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class ListPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


def encode_cursor(updated_at, pk):
    raw = f"{updated_at.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, pk = base64.urlsafe_b64decode(padded.encode()).decode().split("|")
        return datetime.datetime.fromisoformat(stamp), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise exceptions.ValidationError({"cursor": ["This cursor is not one the feed handed out."]}) from None


def after_cursor(queryset, cursor):
    """Rows strictly after (updated_at, id) of the cursor: a keyset, so page N costs what page 1 does."""
    updated_at, pk = decode_cursor(cursor)
    # The first condition repeats what the OR implies, so the database starts an index range scan
    # at the cursor instead of filtering every row before it.
    return queryset.filter(
        Q(updated_at__gte=updated_at), Q(updated_at__gt=updated_at) | Q(updated_at=updated_at, pk__gt=pk)
    )
