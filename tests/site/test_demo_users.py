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


LOCAL = [
    {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/cme/db.sqlite3"},
    {"ENGINE": "django.db.backends.postgresql", "HOST": ""},
    {"ENGINE": "django.db.backends.postgresql", "HOST": "/var/run/postgresql"},
    {"ENGINE": "django.db.backends.postgresql", "HOST": "localhost"},
    {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1"},
    {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.53"},
    {"ENGINE": "django.db.backends.postgresql", "HOST": "::1"},
]
REMOTE = [
    ({"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.org"}, "the PostgreSQL server at db.example.org"),
    ({"ENGINE": "django.db.backends.postgresql", "HOST": "10.0.0.5"}, "the PostgreSQL server at 10.0.0.5"),
    (
        {"ENGINE": "django.db.backends.postgresql", "HOST": "localhost", "OPTIONS": {"host": "db.example.org"}},
        "the PostgreSQL server at db.example.org",
    ),
    ({"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"service": "live"}}, "the PostgreSQL service 'live'"),
    ({"ENGINE": "django.db.backends.mysql", "HOST": "127.0.0.1"}, "a mysql database"),
]


@pytest.mark.parametrize("database", LOCAL)
def test_local_databases_are_recognised(database, monkeypatch):
    from cme_site.management.commands.create_demo_users import database_host

    monkeypatch.delenv("PGHOST", raising=False)
    assert database_host(database) is None


@pytest.mark.parametrize(("database", "where"), REMOTE)
def test_other_databases_are_named(database, where, monkeypatch):
    from cme_site.management.commands.create_demo_users import database_host

    monkeypatch.delenv("PGHOST", raising=False)
    assert database_host(database).startswith(where)


def test_pghost_counts_when_no_host_is_given(monkeypatch):
    from cme_site.management.commands.create_demo_users import database_host

    monkeypatch.setenv("PGHOST", "db.example.org")
    database = {"ENGINE": "django.db.backends.postgresql", "HOST": ""}
    assert database_host(database) == "the PostgreSQL server at db.example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(("database", "where"), REMOTE[:2] + REMOTE[-1:])
def test_demo_users_refused_against_a_database_elsewhere(settings, monkeypatch, database, where):
    from django.db import connection

    settings.DEBUG = True
    monkeypatch.delenv("PGHOST", raising=False)
    for name, value in database.items():
        monkeypatch.setitem(connection.settings_dict, name, value)
    with pytest.raises(CommandError, match=f"only in a local database, and DATABASE_URL points at {where}"):
        run()
    monkeypatch.undo()
    assert not get_user_model().objects.filter(username__in=["admin", "physician"]).exists()


@pytest.mark.django_db
def test_demo_users_allowed_in_the_local_database_with_debug(settings):
    from django.db import connection

    settings.DEBUG = True
    run()
    if connection.vendor == "postgresql":
        assert connection.settings_dict["HOST"] in ("", "localhost", "127.0.0.1", "::1")
    physician = get_user_model().objects.get(username="physician")
    assert physician.member.email == physician.email == "physician@example.org"


def test_manage_py_uses_the_development_settings_where_debug_is_on():
    import importlib
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "manage.py").read_text()
    assert 'setdefault("DJANGO_SETTINGS_MODULE", "cme_site.settings.dev")' in source
    assert importlib.import_module("cme_site.settings.dev").DEBUG is True
