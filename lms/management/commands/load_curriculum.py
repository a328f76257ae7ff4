from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.curriculum_data import CURRICULUM_DIR, CurriculumError, read_curriculum
from courses.curriculum import CourseLoader, LoadReport, ensure_catalog, site_root_page
from quizzes.curriculum import QuizLoader


class DryRunRollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Build and publish the bundled CME curriculum as Wagtail pages. Idempotent: unchanged pages are "
        "left as they are, pages an editor changed are left alone unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; change nothing.")
        parser.add_argument("--force", action="store_true", help="Overwrite pages an editor changed since loading.")
        parser.add_argument("--directory", default=str(CURRICULUM_DIR), help="Folder of curriculum YAML files.")

    def handle(self, *args, dry_run=False, force=False, directory=None, **options):
        try:
            curriculum = read_curriculum(directory)
        except CurriculumError as error:
            raise CommandError(f"Curriculum not loaded: {error}") from error
        report = LoadReport()
        try:
            with transaction.atomic():
                catalog = ensure_catalog(site_root_page(), report)
                courses = CourseLoader(curriculum, catalog, report, force=force)
                courses.load()
                QuizLoader(curriculum, report, force=force).load()
                # Last: an activity is checked against its post-test before it is published.
                courses.publish()
                if dry_run:
                    raise DryRunRollback
        except CurriculumError as error:
            raise CommandError(f"Curriculum not loaded, nothing was changed: {error}") from error
        except DryRunRollback:
            pass
        prefix = "would be " if dry_run else ""
        for line in report.lines():
            self.stdout.write(prefix + line if ":" in line else line)
        if not report.changed and not report.skipped:
            self.stdout.write(self.style.SUCCESS("Curriculum is up to date; nothing changed."))
        elif dry_run:
            self.stdout.write("Dry run: nothing was changed.")
