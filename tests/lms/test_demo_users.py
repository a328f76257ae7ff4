from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from lms.models import Member


def run():
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_users_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only when DEBUG is on"):
        run()
    assert not get_user_model().objects.filter(username__in=["admin", "physician"]).exists()


@pytest.mark.django_db
def test_demo_users_are_created_once_and_printed(settings):
    settings.DEBUG = True
    output = run()
    assert "admin" in output and "physician" in output and "changeme" in output
    admin = authenticate(username="admin", password="changeme")
    physician = authenticate(username="physician", password="changeme")
    assert admin.is_superuser and admin.groups.filter(name="Society admins").exists()
    member = physician.member
    assert member.is_active_member
    member.full_clean()
    assert all([member.npi, member.board_id, member.birth_month, member.birth_day, member.license_states])

    second = run()
    assert get_user_model().objects.filter(username__in=["admin", "physician"]).count() == 2
    assert Member.objects.count() == 1
    assert "already existed" in second
