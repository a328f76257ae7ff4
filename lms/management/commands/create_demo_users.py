from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.models import Degree, Member, MembershipStatus
from lms.services.roles import SOCIETY_ADMINS, ensure_roles

DEMO_PASSWORD = "changeme"  # noqa: S105 - demo accounts exist only with DEBUG on


class Command(BaseCommand):
    help = "Create the demo accounts admin/changeme and physician/changeme (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users have a published password; they are created only when DEBUG is on.")
        with transaction.atomic():
            ensure_roles()
            admin, admin_created = self._user("admin", "Alex", "Admin", is_staff=True, is_superuser=True)
            admin.groups.add(Group.objects.get(name=SOCIETY_ADMINS))
            physician, physician_created = self._user("physician", "Priya", "Patel")
            Member.objects.get_or_create(
                user=physician,
                defaults=dict(
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
                ),
            )
        for user, created, role in ((admin, admin_created, "society admin"), (physician, physician_created, "member physician")):
            password = DEMO_PASSWORD if created else "(unchanged: the account already existed)"
            self.stdout.write(f"{role:17} username: {user.username:10} password: {password}")

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
