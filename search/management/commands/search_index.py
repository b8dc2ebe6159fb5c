"""`manage.py search_index rebuild|status|sync`: maintain the search engine's index."""

from django.core.management.base import BaseCommand, CommandError

from search import engine, indexing


def pending_count():
    from search.models import PendingIndexUpdate

    return PendingIndexUpdate.objects.count()


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
        # The queue first: it is readable while the engine is down, which is when it matters.
        self.pending_and_failed()
        found = indexing.drift()
        self.stdout.write(f"Live methoden in de database: {found.in_database}")
        self.stdout.write(f"Documenten in de index ({indexing.index_alias()}): {found.in_index}")
        for label, ids in (("ontbreken in de index", found.missing), ("staan ten onrechte in de index", found.extra),
                           ("zijn verouderd in de index", found.stale)):
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
                self.stdout.write(f"{len(ids)} pagina's {label}: {shown}")
        if not found.ok or pending_count():
            raise CommandError("De index wijkt af van de database; draai `search_index sync` of `search_index rebuild`.")
        self.stdout.write(self.style.SUCCESS("Index en database komen overeen."))

    def pending_and_failed(self):
        from django_tasks_db.models import DBTaskResult
        from django_tasks.base import TaskResultStatus

        from search.models import PendingIndexUpdate

        pending = list(PendingIndexUpdate.objects.all())
        self.stdout.write(f"Openstaande indexwijzigingen (zoekmachine was niet bereikbaar): {len(pending)}")
        for row in pending[:20]:
            self.stdout.write(f"  {row.get_action_display()} {row.page_id or ''} · {row.attempts} poging(en) sinds "
                              f"{row.created_at:%Y-%m-%d %H:%M}, laatste fout: {row.last_error[:120]}")
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, task_path__startswith="search.tasks.")
        retrying = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__startswith="search.tasks.")
        self.stdout.write(f"Mislukte indextaken in de takentabel: {failed.count()}; "
                          f"wachtend op een (nieuwe) poging: {retrying.count()}")
        for result in failed.order_by("-finished_at")[:5]:
            self.stdout.write(f"  {result.finished_at:%Y-%m-%d %H:%M} {result.task_path.rsplit('.', 1)[-1]} "
                              f"{result.args_kwargs.get('args', '')}")

    def sync(self):
        changed = indexing.sync()
        self.stdout.write(self.style.SUCCESS(f"{changed} documenten bijgewerkt of verwijderd."))
