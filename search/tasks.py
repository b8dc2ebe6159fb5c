"""Background tasks that keep the engine's index in step with the database.

Run immediately in development and tests, by `manage.py db_worker` in production
(TASKS in settings). A task never raises into the editor's request: when the engine is
down it is retried later with a growing delay where the backend can defer tasks, and
otherwise the drift stays until `search_index sync` or `rebuild` (which `status` reports).
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from . import engine

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # 1, 2, 4, 8, 16 minutes apart: about half an hour in all


def _attempt(work, task_obj, args, attempt):
    if not engine.configured():
        return "no engine configured"
    try:
        if engine.breaker.is_open():
            raise ConnectionError("search engine marked unavailable")
        work()
        return "ok"
    except engine.errors() as exc:
        engine.breaker.failure(exc)
        _retry_later(task_obj, args, attempt, exc)
        return f"engine unavailable: {exc}"


def _retry_later(task_obj, args, attempt, exc):
    backend = task_obj.get_backend()
    if attempt < MAX_ATTEMPTS and backend.supports_defer:
        delay = datetime.timedelta(minutes=2 ** (attempt - 1))
        task_obj.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
        logger.warning("Search index update %s failed (%s); retry %s in %s.", task_obj.name, exc, attempt + 1, delay)
    else:
        logger.error("Search index update %s failed (%s); the index is behind until "
                     "`manage.py search_index sync` runs.", task_obj.name, exc)


@task()
def index_pages(page_ids, attempt=1):
    from .indexing import index_pages as write

    return _attempt(lambda: write(page_ids), index_pages, (page_ids,), attempt)


@task()
def remove_pages(page_ids, attempt=1):
    from .indexing import remove_pages as delete

    return _attempt(lambda: delete(page_ids), remove_pages, (page_ids,), attempt)


@task()
def rebuild_index(attempt=1):
    from .indexing import rebuild

    return _attempt(lambda: rebuild(quiet=True), rebuild_index, (), attempt)
