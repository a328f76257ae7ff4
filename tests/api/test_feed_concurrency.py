"""The completions feed under concurrent inserts: a paging portal misses none and sees none twice."""

import time

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from lms.services.feed import stamp_new_completion
from tests.api.conftest import ALL_SCOPES, portal_key
from tests.factories import MemberFactory, make_catalog, make_course, make_home
from tests.support.threads import Threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_paging_while_completions_arrive_misses_none_and_repeats_none():
    course = make_course(make_catalog(make_home()))
    members = [MemberFactory(user__username=f"w{n}", member_id=f"W{n:03d}") for n in range(120)]
    key = portal_key("Feed reader", ALL_SCOPES)

    def writer(batch):
        for member in batch:
            with transaction.atomic():
                stamp_new_completion(member=member, course=course, completed_at="2026-11-01T00:00:00Z")
                time.sleep(0.002)  # hold the transaction open a moment, as real work does

    writers = Threads([lambda batch=members[i::4]: writer(batch) for i in range(4)]).start()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    seen, cursor = [], None

    def read_page():
        params = {"page_size": 7, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/completions/feed/", params).json()
        return page["results"], page["next_cursor"]

    while writers.alive():
        results, cursor = read_page()
        seen += [entry["member_id"] for entry in results]
    assert writers.join().errors == []
    while True:
        results, cursor = read_page()
        if not results:
            break
        seen += [entry["member_id"] for entry in results]
    assert len(seen) == len(set(seen)), "an entry was served twice"
    assert sorted(seen) == sorted(member.member_id for member in members)
