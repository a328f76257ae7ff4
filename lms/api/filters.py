import datetime

from django_filters import rest_framework as filters


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    """Compares in UTC: PostgreSQL refuses offsets beyond ±16 hours that ISO 8601 allows."""

    def filter(self, queryset, value):
        if value is not None:
            value = value.astimezone(datetime.UTC)
        return super().filter(queryset, value)
