from django.core.management.base import BaseCommand, CommandError

from methods.demo import DEMO_DATA, DemoDataError, load_demo


class Command(BaseCommand):
    help = "Build the demo catalogue (page tree, taxonomies, every method in methods/demo_data). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DEMO_DATA), help="Folder with taxonomies.yaml and methods/")

    def handle(self, *args, **options):
        try:
            report, _extra = load_demo(options["data"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Democatalogus: {report.summary()}.")
