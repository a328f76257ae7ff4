import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from lms.outbox.sweep import requeue_due_deliveries


class Command(BaseCommand):
    help = (
        "Queue outbound deliveries (webhooks and every other channel) whose task was lost (a crash, a "
        "killed worker) once, or every --interval seconds with --loop. Tasks are run by `manage.py db_worker`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until interrupted.")
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between sweeps with --loop (default 60)."
        )

    def handle(self, *args, loop, interval, verbosity, **options):
        if interval <= 0:
            raise CommandError(f"--interval must be a positive number of seconds, not {interval}.")
        try:
            while True:
                queued = requeue_due_deliveries()
                if queued or verbosity > 1:
                    self.stdout.write(f"Queued {queued} outbound deliveries again.")
                if not loop:
                    return
                time.sleep(interval)
                # A loop outside the request cycle must itself drop connections that the database
                # closed or that outlived CONN_MAX_AGE, as db_worker does.
                close_old_connections()
        except KeyboardInterrupt:
            self.stdout.write("Stopped sweeping outbound deliveries.")
