"""The LTI tool's signing keys: show them, create the first, rotate, retire an old one (docs/lti.md)."""

from django.core.management.base import BaseCommand, CommandError

from lms.lti import keys
from lms.models import LtiToolKey


class Command(BaseCommand):
    help = "Show, create, rotate or retire the LTI tool's signing keys."

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group()
        actions.add_argument("--rotate", action="store_true", help="Add a new signing key; older keys stay published.")
        actions.add_argument(
            "--retire",
            metavar="KID",
            # A key ID is a base64url thumbprint and may begin with "-", which argparse takes for an
            # option unless it is joined to the flag.
            help="Stop publishing an older key. Write it as --retire=KID: a key ID may begin with '-'.",
        )

    def handle(self, *args, rotate=False, retire=None, **options):
        if rotate:
            key = keys.rotate()
            self.stdout.write(f"New signing key {key.kid}. Retire the previous one once platforms have fetched it.")
        elif retire:
            try:
                keys.retire(retire)
            except LtiToolKey.DoesNotExist:
                raise CommandError(f"No published key {retire}.") from None
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Key {retire} retired.")
        else:
            keys.current_key()
        for key in keys.published_keys():
            self.stdout.write(f"{key.kid}  created {key.created_at:%Y-%m-%d %H:%M}")
