"""Background tasks that keep the engine's index in step with the database.

Run immediately in development and tests, by `manage.py db_worker` in production
(TASKS in settings). When the engine does not answer, a task

* remembers its work as PendingIndexUpdate rows (durable whatever the backend),
* where the backend can defer (the database backend), enqueues a retry with a growing
  delay (1, 2, 4 ... 60 minutes, until the engine is back),
* and then raises, so the task result table records it as FAILED, not successful.

The editor's request never sees that exception: signals queue the task after the commit
and log a failure to queue, and the immediate backend stores the exception in the result.
The next update that reaches the engine (or `search_index sync`) drains the pending rows
first, so in development an update made while the engine was down is not lost.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import engine

logger = logging.getLogger(__name__)

MAX_DELAY_MINUTES = 60  # retry at least hourly while the engine stays away


class EngineUnavailable(Exception):
    """An index update could not reach the engine; it is pending and will be retried."""


def retry_delay(attempt):
    """1, 2, 4, 8, 16, 32, 60, 60 ... minutes."""
    return datetime.timedelta(minutes=min(2 ** (attempt - 1), MAX_DELAY_MINUTES))


def remember(action, page_ids, exc):
    """Record pending work (one row per page, one for a rebuild), counting attempts."""
    from .models import PendingIndexUpdate

    for page_id in page_ids or [None]:
        updated = PendingIndexUpdate.objects.filter(action=action, page_id=page_id).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:2000], updated_at=timezone.now())
        if not updated:
            try:
                with transaction.atomic():
                    PendingIndexUpdate.objects.create(action=action, page_id=page_id, last_error=str(exc)[:2000])
            except IntegrityError:
                pass  # recorded by a concurrent worker meanwhile


def drain_pending():
    """Apply the pending updates (oldest first); returns how many were applied.

    Stops at the first engine failure, leaving the rest pending."""
    from . import indexing
    from .models import PendingIndexUpdate

    done = 0
    pending = list(PendingIndexUpdate.objects.all())
    if any(p.action == PendingIndexUpdate.REBUILD for p in pending):
        indexing.rebuild(quiet=True)  # covers every page too
        done = len(pending)
        PendingIndexUpdate.objects.filter(pk__in=[p.pk for p in pending]).delete()
        return done
    if pending:
        # index_pages writes the live pages and removes the others, so it also applies a
        # pending removal, and in the right order whatever happened to the page since.
        indexing.index_pages(sorted({p.page_id for p in pending}))
        PendingIndexUpdate.objects.filter(pk__in=[p.pk for p in pending]).delete()
        done = len(pending)
    return done


def _attempt(work, task_obj, args, attempt, action, page_ids):
    if not engine.configured():
        return "no engine configured"
    try:
        if engine.breaker.is_open():
            raise ConnectionError("search engine marked unavailable")
        drained = drain_pending()
        work()
        engine.breaker.success()
    except engine.errors() as exc:
        engine.breaker.failure(exc)
        remember(action, page_ids, exc)
        _retry_later(task_obj, args, attempt, exc)
        raise EngineUnavailable(f"{task_obj.name}: search engine unavailable ({exc}); pending, will be retried") from exc
    # This work is done even if an earlier failed try of it is still pending.
    from .models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(action=action, page_id__in=page_ids or []).delete()
    if action == PendingIndexUpdate.REBUILD:
        PendingIndexUpdate.objects.all().delete()
    return f"ok ({drained} pending update(s) applied first)" if drained else "ok"


def _retry_later(task_obj, args, attempt, exc):
    backend = task_obj.get_backend()
    if backend.supports_defer:
        delay = retry_delay(attempt)
        task_obj.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
        logger.warning("Search index update %s failed (%s); retry %s in %s.", task_obj.name, exc, attempt + 1, delay)
    else:
        logger.error("Search index update %s failed (%s); kept as pending, applied by the next update "
                     "that reaches the engine or by `manage.py search_index sync`.", task_obj.name, exc)


@task()
def index_pages(page_ids, attempt=1):
    from .indexing import index_pages as write
    from .models import PendingIndexUpdate

    return _attempt(lambda: write(page_ids), index_pages, (page_ids,), attempt, PendingIndexUpdate.INDEX, page_ids)


@task()
def remove_pages(page_ids, attempt=1):
    from .indexing import remove_pages as delete
    from .models import PendingIndexUpdate

    return _attempt(lambda: delete(page_ids), remove_pages, (page_ids,), attempt, PendingIndexUpdate.REMOVE, page_ids)


@task()
def rebuild_index(attempt=1):
    from .indexing import rebuild
    from .models import PendingIndexUpdate

    return _attempt(lambda: rebuild(quiet=True), rebuild_index, (), attempt, PendingIndexUpdate.REBUILD, [])
