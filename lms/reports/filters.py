"""Filters the reports share: the activity, a date range, a member."""

import django_filters
from django.db.models import Q
from wagtail.admin.filters import DateRangePickerWidget

from courses.models import CoursePage

from ..services.society_time import day_after, day_start


def activity_filter(field_name="course", empty_label="All activities"):
    return django_filters.ModelChoiceFilter(
        label="Activity", field_name=field_name, queryset=CoursePage.objects.order_by("title"), empty_label=empty_label
    )


class SocietyDateRangeFilter(django_filters.DateFromToRangeFilter):
    """Dates are whole days of the society's calendar: the range runs from the first day's start to
    the last day's end in the society's time zone (services/society_time.py)."""

    def filter(self, qs, value):
        if not value:
            return qs
        # The form field hands over the days as datetimes in the request's zone; their dates are the days typed.
        if value.start is not None:
            qs = qs.filter(**{f"{self.field_name}__gte": day_start(value.start.date())})
        if value.stop is not None:
            qs = qs.filter(**{f"{self.field_name}__lt": day_after(value.stop.date())})
        return qs


def date_range_filter(field_name, label):
    return SocietyDateRangeFilter(field_name=field_name, label=label, widget=DateRangePickerWidget)


class MemberFilter(django_filters.CharFilter):
    """A member id, or words of the learner's names; every word must match."""

    def __init__(self, field_name="member", **kwargs):
        kwargs.setdefault("label", "Member id or name")
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        prefix = self.field_name
        for word in (value or "").split():
            qs = qs.filter(
                Q(**{f"{prefix}__member_id__iexact": word})
                | Q(**{f"{prefix}__first_name__icontains": word})
                | Q(**{f"{prefix}__last_name__icontains": word})
            )
        return qs
