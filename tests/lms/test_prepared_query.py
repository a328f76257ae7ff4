"""A prepared query answers exactly what the same queryset answers, for any id it is given."""

import pytest

from lms.models import Enrollment
from lms.services.prepared import PreparedQuery
from lms.services.progress import annotated_enrollments, complete_module
from tests.factories import MemberFactory

COLUMNS = ("course_id", "enrolled_at", "modules_possible", "modules_earned", "evaluated", "completed_at")


def build(member_id):
    return annotated_enrollments().filter(member_id=member_id).values(*COLUMNS)


def test_rows_match_the_querysets_for_each_member(member, course):
    complete_module(member, course.get_modules()[0], course)
    other = MemberFactory(user__username="other")
    prepared = PreparedQuery(build)
    for someone in (member, other):
        assert prepared.rows(someone.pk) == list(build(someone.pk))
    assert prepared.rows(member.pk)[0]["modules_earned"] == 1
    assert prepared.rows(other.pk) == []
    Enrollment.objects.create(member=other, course=course)
    assert prepared.rows(other.pk) == list(build(other.pk)) and len(prepared.rows(other.pk)) == 1


def test_a_queryset_without_the_placeholder_is_refused(db):
    prepared = PreparedQuery(lambda member_id: annotated_enrollments().values(*COLUMNS))
    with pytest.raises(ValueError, match="placeholder"):
        prepared.rows(1)
