from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from lms.models import DeliveryStatus, XapiStatement
from lms.xapi import outbox
from lms.xapi.config import xapi_config


class Command(BaseCommand):
    help = (
        "How the xAPI statements to the learning record store stand (waiting, sent, given up), with the "
        "store's last answer; --resend-failed sends the given-up ones again, ids unchanged; "
        "--forget-delivered DAYS deletes those the store took more than DAYS ago (docs/xapi.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--resend-failed", action="store_true", help="Send again the statements the outbox gave up on."
        )
        parser.add_argument(
            "--forget-delivered",
            type=int,
            metavar="DAYS",
            help="Delete the statements the store took more than DAYS ago.",
        )

    def handle(self, *args, resend_failed: bool, forget_delivered: int | None, **options):
        try:
            config = xapi_config()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Learning record store: {config.statements_url}" if config else "xAPI is off.")
        if resend_failed:
            if config is None:
                raise CommandError('xAPI is off (LMS["XAPI"] is not set): nothing can be sent.')
            self.stdout.write(f"Sending {outbox.resend_failed()} given-up statements again.")
        if forget_delivered is not None:
            if forget_delivered < 0:
                raise CommandError(f"--forget-delivered takes a number of days, 0 or more, not {forget_delivered}.")
            self.stdout.write(f"Deleted {outbox.forget_delivered(forget_delivered)} statements the store took.")
        counts = dict(XapiStatement.objects.values_list("status").annotate(n=Count("pk")).order_by())
        for status, label in DeliveryStatus.choices:
            self.stdout.write(f"{label}: {counts.get(status, 0)}")
        unsent = XapiStatement.objects.exclude(status=DeliveryStatus.DELIVERED).exclude(last_error="")
        oldest = unsent.order_by("pk").first()
        if oldest is not None:
            self.stdout.write(f"Oldest not sent, {oldest.created_at:%Y-%m-%d %H:%M} UTC: {oldest.last_error}")
