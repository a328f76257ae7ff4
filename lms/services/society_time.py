"""The society's calendar: every date printed or reported (certificate, transcript, PARS, reports) is
the day a stored moment fell on in the society's time zone (LMS["TIME_ZONE"]), the same everywhere,
whatever zone the request or the server runs in."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from ..conf import lms_settings


def society_zone():
    return zoneinfo.ZoneInfo(lms_settings.TIME_ZONE or settings.TIME_ZONE)


def society_date(moment):
    """The society's date of a stored (aware) datetime."""
    return moment.astimezone(society_zone()).date()


def society_today():
    return society_date(timezone.now())


def day_start(day):
    """The first moment of `day` in the society's zone: [day_start(a), day_start(b + 1 day)) is a..b."""
    return datetime.datetime.combine(day, datetime.time.min, society_zone())


def day_after(day):
    return day_start(day + datetime.timedelta(days=1))
