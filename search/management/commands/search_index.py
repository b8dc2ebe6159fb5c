"""`manage.py search_index rebuild|status|sync`: maintain the search engine's index."""

from django.core.management.base import BaseCommand, CommandError

from search import engine, indexing


class Command(BaseCommand):
    help = "Beheer de zoekindex: rebuild (nieuwe index, alias atomair verplaatst), status (afwijkingen), sync (herstel)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "sync"])

    def handle(self, *args, action, **options):
        if not engine.configured():
            raise CommandError("SEARCH_URL is leeg: de site zoekt in de database en er is geen index te beheren.")
        try:
            getattr(self, action)()
        except engine.errors() as exc:
            raise CommandError(f"Zoekmachine op {engine.redacted_url()} niet bereikbaar: {exc}") from exc

    def rebuild(self):
        self.stdout.write(f"Nieuwe index opbouwen voor {indexing.index_alias()} ...")
        indexing.rebuild(out=self.stdout)

    def status(self):
        found = indexing.drift()
        self.stdout.write(f"Live methoden in de database: {found.in_database}")
        self.stdout.write(f"Documenten in de index ({indexing.index_alias()}): {found.in_index}")
        for label, ids in (("ontbreken in de index", found.missing), ("staan ten onrechte in de index", found.extra),
                           ("zijn verouderd in de index", found.stale)):
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
                self.stdout.write(f"{len(ids)} pagina's {label}: {shown}")
        if not found.ok:
            raise CommandError("De index wijkt af van de database; draai `search_index sync` of `search_index rebuild`.")
        self.stdout.write(self.style.SUCCESS("Index en database komen overeen."))

    def sync(self):
        changed = indexing.sync()
        self.stdout.write(self.style.SUCCESS(f"{changed} documenten bijgewerkt of verwijderd."))
