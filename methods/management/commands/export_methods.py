"""Write every method back out in the Markdown format, one <slug>.md per method."""

import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from methods import catalogue_format as fmt
from methods.models import MethodPage
from methods.records import record_from_page


def exported_files():
    """(file name, text) per method, from its newest revision: what import compares with,
    so export followed by import reports everything unchanged."""
    for page in MethodPage.objects.order_by("path"):
        latest = page.get_latest_revision_as_object()
        yield f"{latest.slug}.md", fmt.dump(record_from_page(latest))


class Command(BaseCommand):
    help = "Export all methods to a folder (or a .zip when PATH ends in .zip) in the import format."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Target folder (created if needed) or .zip file")

    def handle(self, *args, path, **options):
        target = Path(path)
        count = 0
        if target.suffix.lower() == ".zip":
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, text in exported_files():
                    archive.writestr(name, text)
                    count += 1
        else:
            if target.exists() and not target.is_dir():
                raise CommandError(f"{target} bestaat al en is geen map.")
            target.mkdir(parents=True, exist_ok=True)
            for name, text in exported_files():
                (target / name).write_text(text, encoding="utf-8")
                count += 1
        self.stdout.write(f"{count} methoden geschreven naar {target}.")
