"""Import method files (Markdown with front matter) from a folder or a .zip."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from methods import catalogue_format as fmt
from methods.importer import import_files


class Command(BaseCommand):
    help = ("Create or update methods by slug from a folder (or .zip) of .md files. Every file is "
            "validated first; a file with any error is not saved. A file changes only the fields it "
            "mentions. New content is a draft unless --publish or the file says live: true; see docs/editors.md.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="Folder with .md files, or a .zip of them")
        parser.add_argument("--publish", action="store_true", help=("Publish what was created, and what was updated on pages that were live with "
                                  "nothing pending; never an editor's draft or an unpublished page"))

    def handle(self, *args, path, publish, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{source} bestaat niet.")
        if not (source.is_dir() or source.suffix.lower() == ".zip"):
            raise CommandError(f"{source} is geen map en geen .zip-bestand.")
        try:
            report = import_files(fmt.iter_folder(source), publish=publish)
        except RuntimeError as exc:  # no method index yet
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(str(error))
        for label, slugs in (("nieuw", report.created), ("bijgewerkt", report.updated),
                             ("gepubliceerd", report.published), ("offline gehaald", report.unpublished)):
            for slug in slugs:
                self.stdout.write(f"{label}: {slug}")
        for note in report.notes:
            self.stdout.write(note)
        self.stdout.write(f"Klaar: {report.summary()}.")
        if report.rejected:
            # Non-zero exit so scripts notice; the counts above are already printed.
            raise CommandError(f"{len(report.rejected)} bestand(en) afgewezen; zie de fouten hierboven.")
