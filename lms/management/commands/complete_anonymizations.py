"""Delete what was kept of anonymized members once the retention window has ended (run daily)."""

from django.core.management.base import BaseCommand, CommandError

from ...conf import lms_settings
from ...services.retention import complete_anonymizations, parse_day
from ...services.society_time import society_today


class Command(BaseCommand):
    help = (
        "Complete the anonymization of members anonymized inside the retention window: delete each retained "
        'record whose window (LMS["RETENTION_YEARS"] after the completion) ended before today. Run it daily.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The society's date to judge the windows by (YYYY-MM-DD); default today.")

    def handle(self, *args, today=None, **options):
        try:
            day = parse_day(today) if today else society_today()
        except ValueError as error:
            raise CommandError(f"Nothing deleted: --today {error}") from error
        removed = complete_anonymizations(day)
        self.stdout.write(
            self.style.SUCCESS(
                f"{removed} retained record(s) deleted: their {lms_settings.RETENTION_YEARS}-year window "
                f"ended before {day:%Y-%m-%d}."
            )
        )
