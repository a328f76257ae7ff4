"""One member per e-mail address, whatever its case: held by the database, and by the migration that fills it."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from lms.models import Member
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

email_migration = importlib.import_module("lms.migrations.0008_member_email")


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


def test_the_migration_copies_each_accounts_address():
    ada = MemberFactory(user__email="Ada@Example.org")
    blank = MemberFactory(user__email="")
    Member.objects.update(email="")
    email_migration.copy_account_emails(apps, None)
    assert Member.objects.get(pk=ada.pk).email == "Ada@Example.org"
    assert Member.objects.get(pk=blank.pk).email == ""


def test_the_migration_stops_naming_the_members_that_share_an_address():
    MemberFactory(member_id="SHARE-1", user__email="shared@example.org")
    second = MemberFactory(member_id="SHARE-2", user__email="unique@example.org")
    MemberFactory(member_id="ALONE", user__email="alone@example.org")
    Member.objects.update(email="")
    UserFactory._meta.model.objects.filter(pk=second.user_id).update(email="SHARED@example.org")
    with pytest.raises(RuntimeError) as refusal:
        email_migration.copy_account_emails(apps, None)
    message = str(refusal.value)
    assert "SHARE-1, SHARE-2" in message and "ALONE" not in message
    assert "shared@example.org" not in message.lower(), "addresses are personal data; the message names member ids"
    assert set(Member.objects.values_list("email", flat=True)) == {""}
