import ipaddress
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from content.refusals import Refused
from lms.models import Degree, Member, MembershipStatus
from lms.services import account_email
from lms.services.roles import SOCIETY_ADMINS, ensure_roles

DEMO_PASSWORD = "changeme"  # noqa: S105 - demo accounts exist only with DEBUG on, in a local database


def database_host(database):
    """Where a database lives, as a sentence for the refusal; None when it is on this machine.

    SQLite is a file here. PostgreSQL is local through a Unix socket (no host, or a path) or a
    loopback address; `manage.py` takes DATABASE_URL as it finds it, so a development shell
    pointed at a live server would otherwise create accounts with a published password there.
    """
    engine = database["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        return None
    if engine != "django.db.backends.postgresql":
        return f"a {engine.rsplit('.', 1)[-1]} database, not SQLite or PostgreSQL on this machine"
    options = database.get("OPTIONS") or {}
    if options.get("service"):
        return f"the PostgreSQL service {options['service']!r}, which may be anywhere"
    # Connection options reach the driver after HOST, so a host there wins; libpq falls back to PGHOST.
    host = options.get("host") or database.get("HOST") or os.environ.get("PGHOST", "")
    if not host or host.startswith("/") or host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return f"the PostgreSQL server at {host}"


class Command(BaseCommand):
    help = (
        "Create the demo accounts admin/changeme and physician/changeme "
        "(DEBUG only, and only in a local database: SQLite, or PostgreSQL on this machine)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users have a published password; they are created only when DEBUG is on.")
        remote = database_host(connections[DEFAULT_DB_ALIAS].settings_dict)
        if remote:
            raise CommandError(
                f"Demo users have a published password; they are created only in a local database, and "
                f"DATABASE_URL points at {remote}."
            )
        with transaction.atomic():
            ensure_roles()
            admin, admin_created = self._user("admin", "Alex", "Admin", is_staff=True, is_superuser=True)
            admin.groups.add(Group.objects.get(name=SOCIETY_ADMINS))
            physician, physician_created = self._user("physician", "Priya", "Patel")
            if not Member.objects.filter(user=physician).exists():
                self._physician_member(physician)
        for user, created, role in (
            (admin, admin_created, "society admin"),
            (physician, physician_created, "member physician"),
        ):
            password = DEMO_PASSWORD if created else "(unchanged: the account already existed)"
            self.stdout.write(f"{role:17} username: {user.username:10} password: {password}")

    def _physician_member(self, physician):
        try:
            account_email.check_available(physician.email)
        except Refused as refusal:
            raise CommandError(f"The demo physician's e-mail {physician.email}: {refusal.message}") from None
        member = Member(
            member_id="DEMO-0001",
            first_name="Priya",
            last_name="Patel",
            degree=Degree.MD,
            npi="1234567893",
            board_id="ABPMR-000001",
            birth_month=4,
            birth_day=17,
            specialty="Physical medicine and rehabilitation",
            license_states="NY",
            membership_status=MembershipStatus.ACTIVE,
        )
        account_email.attach_account(member, physician).save()

    def _user(self, username, first_name, last_name, **flags):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(first_name=first_name, last_name=last_name, email=f"{username}@example.org", **flags),
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user, created
