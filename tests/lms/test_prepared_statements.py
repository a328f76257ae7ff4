"""On PostgreSQL a connection prepares the statements it runs often: the server plans them once."""

import pytest
from django.db import connection

from lms.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.postgres


def prepared():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_run_five_times_is_prepared_and_answers_as_before(db):
    member = MemberFactory()
    assert not [sql for sql in prepared() if "lms_member" in sql]
    found = [Member.objects.filter(member_id=member.member_id).values_list("pk", flat=True).get() for _ in range(6)]
    assert found == [member.pk] * 6
    statements = [sql for sql in prepared() if 'FROM "lms_member"' in sql]
    assert len(statements) == 1 and "$1" in statements[0]
