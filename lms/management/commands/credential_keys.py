"""The society's Open Badges signing keys: create the first, rotate, list them (docs/credentials.md).

Exit status 0 when done, 1 with the reason on standard error when refused.
"""

from django.core.management.base import BaseCommand, CommandError

from lms.credentials import keys
from lms.credentials.did import key_url


class Command(BaseCommand):
    help = "Create, rotate or list the Ed25519 keys that sign Open Badges credentials."

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["create", "rotate", "list"],
            help="create: the first key; rotate: retire the current key and make the next "
            "(the retired one stays published); list: every published key.",
        )

    def handle(self, *args, action, **options):
        if action == "list":
            self._list()
            return
        try:
            key = keys.create() if action == "create" else keys.rotate()
        except keys.KeyRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(f"New signing key {key_url(key)}")
        self._list()

    def _list(self):
        published = list(keys.all_keys())
        if not published:
            self.stdout.write("No signing key yet; `credential_keys create` makes one (the first badge would too).")
            return
        for key in published:
            state = f"retired {key.retired_at:%Y-%m-%d %H:%M}" if key.retired_at else "current"
            self.stdout.write(f"{key_url(key)}  created {key.created_at:%Y-%m-%d %H:%M}  {state}")
