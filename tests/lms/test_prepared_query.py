"""A prepared query answers exactly what the same queryset answers, for any ids and times it is given."""

import datetime
import zoneinfo

import pytest

from lms.models import Enrollment
from lms.services.prepared import PLACEHOLDER, PLACEHOLDER_TIME, PreparedQuery, placeholder_ids
from lms.services.progress import annotated_enrollments, complete_module
from tests.factories import MemberFactory

COLUMNS = ("course_id", "enrolled_at", "modules_possible", "modules_earned", "evaluated", "completed_at")


def build(member_id):
    return annotated_enrollments().filter(member_id=member_id).values(*COLUMNS)


def test_rows_match_the_querysets_for_each_member(member, activity_with_optional_module):
    complete_module(member, activity_with_optional_module.get_modules()[0], activity_with_optional_module)
    other = MemberFactory(user__username="other")
    prepared = PreparedQuery(build)
    for someone in (member, other):
        assert prepared.rows(someone.pk) == list(build(someone.pk))
    assert prepared.rows(member.pk)[0]["modules_earned"] == 1
    assert prepared.rows(other.pk) == []
    Enrollment.objects.create(member=other, course=activity_with_optional_module)
    assert prepared.rows(other.pk) == list(build(other.pk)) and len(prepared.rows(other.pk)) == 1


def test_a_queryset_without_the_placeholder_is_refused(db):
    prepared = PreparedQuery(lambda member_id: annotated_enrollments().values(*COLUMNS))
    with pytest.raises(ValueError, match="placeholder"):
        prepared.rows(1)


def test_times_and_lists_of_ids_are_passed_as_the_orm_passes_them(member, activity_with_optional_module):
    others = [MemberFactory(user__username=f"other-{n}") for n in range(3)]
    for other in others:
        Enrollment.objects.create(member=other, course=activity_with_optional_module)
    Enrollment.objects.filter(member=others[0]).update(enrolled_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))

    def build(since, *member_ids):
        return Enrollment.objects.filter(enrolled_at__gte=since, member_id__in=member_ids).order_by("pk").values("pk")

    prepared = PreparedQuery(build, placeholders=(PLACEHOLDER_TIME, *placeholder_ids(2)))
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    for since in (datetime.datetime(2025, 12, 31, 18, tzinfo=chicago), datetime.datetime(2026, 2, 1, tzinfo=chicago)):
        for pair in ((others[0].pk, others[1].pk), (member.pk, others[2].pk)):
            assert prepared.rows(since, *pair) == list(build(since, *pair))
    assert len(prepared.rows(datetime.datetime(2025, 12, 31, 18, tzinfo=chicago), others[0].pk, others[1].pk)) == 2
    assert len(prepared.rows(datetime.datetime(2026, 1, 1, 0, 0, 1, tzinfo=datetime.UTC), others[0].pk, 0)) == 0


def test_a_query_without_one_of_its_placeholders_is_refused(db):
    prepared = PreparedQuery(
        lambda since, member_id: Enrollment.objects.filter(member_id=member_id).values("pk"),
        placeholders=(PLACEHOLDER_TIME, PLACEHOLDER),
    )
    with pytest.raises(ValueError, match="placeholder"):
        prepared.rows(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), 1)
