from django.core.management.base import BaseCommand, CommandError

from methods.demo import DEMO_DATA, DemoDataError, load_demo


class Command(BaseCommand):
    help = ("Build the demo catalogue (page tree, taxonomies, every method in methods/demo_data). "
            "Creates what is missing; updates only demo methods nobody has touched since its last run.")

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DEMO_DATA), help="Folder with taxonomies.yaml and methods/")

    def handle(self, *args, **options):
        try:
            report, extra = load_demo(options["data"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Democatalogus: {report.summary()}.")
        # The unchanged slugs are the whole catalogue on most runs: only with -v 2.
        for line in report.lines(unchanged=options["verbosity"] > 1):
            self.stdout.write(f"  {line}")
        for app, created in extra.items():
            if created:
                what = ", ".join(created) if isinstance(created, list) else created
                self.stdout.write(f"  {app}: aangemaakt: {what}")
