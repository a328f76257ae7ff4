"""Paging: numbered pages with a capped size for the catalog; a keyset cursor for members and the feed."""

import base64
import binascii
import datetime
import uuid

from django.db.models import Q
from rest_framework import exceptions, serializers
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response

MAX_PAGE_SIZE = 100
LARGEST_ID = 2**63 - 1  # a bigint: larger ids in a cursor were never handed out


class ListPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


def encode_cursor(updated_at, pk):
    raw = f"{updated_at.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor, pk_type=int):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, pk = base64.urlsafe_b64decode(padded.encode()).decode().split("|")
        stamp, pk = datetime.datetime.fromisoformat(stamp), pk_type(pk)
        if pk_type is int and not 0 <= pk <= LARGEST_ID:
            raise ValueError("no row has this id")
        return stamp, pk
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise exceptions.ValidationError({"cursor": ["This cursor is not one the feed handed out."]}) from None


def after_cursor(queryset, cursor, field="updated_at", pk_type=int):
    """Rows strictly after (field, id) of the cursor: a keyset, so page N costs what page 1 does."""
    return after_position(queryset, *decode_cursor(cursor, pk_type), field=field)


def after_position(queryset, stamp, pk, field="updated_at"):
    """Rows strictly after (stamp, pk) in (field, id) order."""
    # The first condition repeats what the OR implies, so the database starts an index range scan
    # at the cursor instead of filtering every row before it.
    return queryset.filter(
        Q(**{f"{field}__gte": stamp}), Q(**{f"{field}__gt": stamp}) | Q(**{field: stamp, "pk__gt": pk})
    )


class KeysetPagination(BasePagination):
    """Pages in change order, `(updated_at, id)`, after the `cursor` the previous page handed out.

    Like the completions feed: `next_cursor` is the last row's position, or the cursor sent when
    nothing is newer yet, so a portal that keeps it sees each later change once more.
    """

    default_page_size = 50
    field = "updated_at"
    pk_type = int

    def paginate_queryset(self, queryset, request, view=None):
        query = KeysetQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.cursor = query.validated_data.get("cursor")
        if self.cursor:
            queryset = after_cursor(queryset, self.cursor, self.field, self.pk_type)
        rows = list(queryset.order_by(self.field, "pk")[: query.validated_data["page_size"]])
        self.last = rows[-1] if rows else None
        return rows

    def get_paginated_response(self, data):
        next_cursor = encode_cursor(getattr(self.last, self.field), self.last.pk) if self.last else self.cursor
        return Response({"results": data, "next_cursor": next_cursor})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next_cursor"],
            "properties": {
                "results": schema,
                "next_cursor": {
                    "type": "string",
                    "nullable": True,
                    "description": "Pass as ?cursor= for the next page; the same cursor again when nothing is newer.",
                    "example": "MjAyNi0xMC0wMVQwOToxMjowMCswMDowMHw0Mg",
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "next_cursor of the previous page.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"1 to {MAX_PAGE_SIZE}, default {self.default_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


class KeysetQuerySerializer(serializers.Serializer):
    cursor = serializers.CharField(required=False)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=KeysetPagination.default_page_size
    )


class EventPagination(KeysetPagination):
    """Events in the order they were written, `(created_at, id)`."""

    field = "created_at"
    pk_type = uuid.UUID
