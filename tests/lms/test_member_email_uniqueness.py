"""One member per e-mail address, whatever its case: held by the database."""

import pytest
from django.db import IntegrityError, transaction

from lms.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_two_members_whose_addresses_differ_only_by_case():
    MemberFactory(user__email="ada@example.org")
    other = MemberFactory(user__email="someone@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=other.pk).update(email="ADA@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(user__email="Ada@EXAMPLE.org")


def test_members_without_an_address_are_many():
    MemberFactory(user__email="")
    MemberFactory(user__email="")
    assert Member.objects.filter(email="").count() == 2
