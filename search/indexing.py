"""Writing the engine's index: full rebuilds behind an alias, single-page updates, drift.

Searches always go through the alias. A rebuild fills a new timestamped index, then moves
the alias in one update_aliases call, so searches keep working throughout, and finally
removes the old indices. Editors' changes update single documents through the alias.
"""

import logging
import sys
import time
from dataclasses import dataclass, field

from django.utils import timezone

from . import engine
from .documents import document, index_alias, index_body, live_pages
from .models import synonym_groups

logger = logging.getLogger(__name__)

BULK_TIMEOUT = 120.0
CHUNK_SIZE = 500


def _index_pattern():
    return f"{index_alias()}-*"


def _existing_indices(conn):
    try:
        return sorted(conn.indices.get(index=_index_pattern()).keys())
    except engine.dsl().NotFoundError:
        return []


def alias_exists(conn=None):
    conn = conn or engine.client()
    return bool(conn.indices.exists_alias(name=index_alias()))


def rebuild(*, quiet=False, out=None, progress_every=5000):
    """Build a fresh index from the database and point the alias at it. Returns the doc count."""
    out = out or sys.stdout
    conn = engine.client(timeout=BULK_TIMEOUT)
    alias = index_alias()
    name = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    started = time.monotonic()
    engine.create_index(conn, name, index_body(synonym_groups()))
    try:
        total = live_pages().count()
        done = 0
        actions = ({"_index": name, "_id": page.pk, "_source": document(page)}
                   for page in live_pages().iterator(chunk_size=CHUNK_SIZE))
        for ok, item in engine.dsl().streaming_bulk(conn, actions, chunk_size=CHUNK_SIZE, raise_on_error=True):
            done += 1
            if not quiet and (done % progress_every == 0 or done == total):
                rate = done / max(time.monotonic() - started, 1e-6)
                out.write(f"  {done}/{total} documenten ({rate:.0f}/s)\n")
                out.flush()
        conn.indices.refresh(index=name)
        _swap_alias(conn, alias, name)
    except BaseException:
        conn.indices.delete(index=name, ignore_unavailable=True)
        raise
    # Changes published while we were copying went to the old index; bring them over.
    repaired = _repair_drift()
    if not quiet:
        out.write(f"Index {name} bevat {done} documenten; alias {alias} verplaatst "
                  f"({time.monotonic() - started:.1f} s{', ' + str(repaired) + ' bijgewerkt' if repaired else ''}).\n")
    return done


def _swap_alias(conn, alias, new_index):
    old = [index for index in _existing_indices(conn) if index != new_index]
    actions = [{"remove": {"index": index, "alias": alias}} for index in old
               if conn.indices.exists_alias(name=alias, index=index)]
    if conn.indices.exists(index=alias) and not conn.indices.exists_alias(name=alias):
        # A concrete index squatting on the alias name (auto-created by a stray write).
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": new_index, "alias": alias}})
    engine.update_aliases(conn, actions)
    for index in old:
        conn.indices.delete(index=index, ignore_unavailable=True)


def index_pages(page_ids):
    """(Re)write the documents of these pages; pages no longer live or public are removed."""
    conn = engine.client()
    if not alias_exists(conn):
        # First write ever (or the index was deleted): build everything.
        rebuild(quiet=True)
        return
    pages = {page.pk: page for page in live_pages().filter(pk__in=page_ids)}
    for page_id in page_ids:
        page = pages.get(page_id)
        if page is None:
            remove_pages([page_id])
        else:
            engine.index_document(conn, index_alias(), page.pk, document(page))


def remove_pages(page_ids):
    conn = engine.client()
    for page_id in page_ids:
        try:
            conn.delete(index=index_alias(), id=page_id, refresh=True)
        except engine.dsl().NotFoundError:
            pass


@dataclass
class Drift:
    in_database: int
    in_index: int
    missing: list = field(default_factory=list)  # live in the database, absent from the index
    extra: list = field(default_factory=list)  # in the index, not live (any more)
    stale: list = field(default_factory=list)  # published again since they were indexed

    @property
    def ok(self):
        return not (self.missing or self.extra or self.stale)


def _indexed_versions(conn):
    """{page_id: last_published_at} of every document, by scrolling the alias."""
    search = (engine.dsl().Search(using=conn, index=index_alias())
              .source(["last_published_at"]).params(size=2000))
    return {int(hit.meta.id): getattr(hit, "last_published_at", None) for hit in search.scan()}


def drift():
    conn = engine.client(timeout=BULK_TIMEOUT)
    indexed = _indexed_versions(conn) if alias_exists(conn) else {}
    live = {pk: (published.isoformat() if published else None)
            for pk, published in live_pages().order_by().values_list("pk", "last_published_at")}
    return Drift(
        in_database=len(live),
        in_index=len(indexed),
        missing=sorted(set(live) - set(indexed)),
        extra=sorted(set(indexed) - set(live)),
        stale=sorted(pk for pk in set(live) & set(indexed) if live[pk] != indexed[pk]),
    )


def sync():
    """Repair drift without a rebuild (unless a failed rebuild is pending, e.g. after a
    synonym edit). Returns the number of documents written or removed. Afterwards no
    index update is pending any more: drift covers every failed page update."""
    from .models import PendingIndexUpdate

    pending = PendingIndexUpdate.objects.filter(action=PendingIndexUpdate.REBUILD).exists()
    if pending or not alias_exists():
        rebuild(quiet=True)
        PendingIndexUpdate.objects.all().delete()
        return 0
    changed = _repair_drift()
    PendingIndexUpdate.objects.all().delete()
    return changed


def _repair_drift():
    found = drift()
    if found.extra:
        remove_pages(found.extra)
    if found.missing or found.stale:
        index_pages(found.missing + found.stale)
    return len(found.extra) + len(found.missing) + len(found.stale)


def delete_all_indices():
    """Remove every index under this prefix (tests clean up with this)."""
    conn = engine.client(timeout=BULK_TIMEOUT)
    for index in _existing_indices(conn):
        conn.indices.delete(index=index, ignore_unavailable=True)
    if conn.indices.exists(index=index_alias()):
        conn.indices.delete(index=index_alias(), ignore_unavailable=True)

