"""`manage.py restore PATH`: put a `manage.py backup` archive back, database and uploads."""

from django.core.management.base import BaseCommand, CommandError

from methods.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Zet een back-up van `manage.py backup` terug in een verse installatie (na `manage.py migrate`). "
            "Een database die al in gebruik is wordt alleen vervangen met --replace.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archief van `manage.py backup`")
        parser.add_argument("--replace", action="store_true",
                            help="Vervang ook een database die al pagina's, versies, gebruikers of bestanden bevat")

    def handle(self, *args, path, replace, **options):
        try:
            manifest = restore(path, replace=replace, stdout=self.stdout)
        except BackupError as exc:
            raise CommandError(f"Niet hersteld, er is niets veranderd: {exc}") from exc
        counts = manifest["counts"]
        self.stdout.write(self.style.SUCCESS(
            f"Hersteld uit {path} (back-up van {manifest['created_at']}): "
            f"{counts.get('wagtailcore.page', 0)} pagina's, {counts.get('wagtailcore.revision', 0)} paginaversies, "
            f"{counts.get('auth.user', 0)} gebruikers, {len(manifest['media'])} bestanden. "
            "Gebruikers moeten opnieuw inloggen."))
