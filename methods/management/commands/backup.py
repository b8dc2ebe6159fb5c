"""`manage.py backup PATH`: the whole site (database and uploads) in one .tar.gz."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from methods.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Maak een back-up van de hele site: pagina's met hun versies, praktijkresultaten, synoniemen, "
            "gebruikers, instellingen en geüploade bestanden, in één .tar.gz. Terugzetten: `manage.py restore PATH`.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="Nieuw archiefbestand, of een map (dan krijgt het bestand datum en tijd als naam)")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.is_dir():
            target = target / f"preventiecatalogus-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup(target)
        except BackupError as exc:
            raise CommandError(f"Geen back-up gemaakt: {exc}") from exc
        counts = manifest["counts"]
        pages = counts.get("wagtailcore.page", 0)
        revisions = counts.get("wagtailcore.revision", 0)
        self.stdout.write(self.style.SUCCESS(
            f"Back-up geschreven naar {target}: {pages} pagina's, {revisions} paginaversies, "
            f"{counts.get('auth.user', 0)} gebruikers, {len(manifest['media'])} bestanden."))
