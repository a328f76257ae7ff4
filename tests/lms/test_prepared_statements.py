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
    # A filter no other test runs, so the connection the suite shares has not prepared it yet.
    query = Member.objects.filter(member_id=member.member_id, birth_month__isnull=True, npi__startswith="")

    def ours():
        return [sql for sql in prepared() if 'FROM "cme_lms_member"' in sql and '"birth_month" IS NULL' in sql]

    assert list(query.values_list("pk", flat=True)) == [member.pk]
    assert ours() == []
    found = [list(query.values_list("pk", flat=True)) for _ in range(5)]
    assert found == [[member.pk]] * 5
    assert len(ours()) == 1 and "$1" in ours()[0]
