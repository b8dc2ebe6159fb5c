"""A failed index update is recorded as failed and caught up later (issue 10, item 8).

Before: the task swallowed the engine's error and returned "engine unavailable", so the
task table said SUCCESSFUL; with the immediate backend (development) the update was lost
until someone ran `search_index sync`. Real engine, real task backends, no mocks."""

import datetime
import io
import socket

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from search import tasks
from search.indexing import drift
from tests.factories.methods import MethodPageFactory
from tests.search.conftest import ENGINE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


def closed_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def status_output():
    out = io.StringIO()
    try:
        call_command("search_index", "status", stdout=out)
    except CommandError as exc:
        out.write(str(exc))
    return out.getvalue()


def test_immediate_backend_records_the_failure_and_the_next_update_catches_up(live_engine, settings):
    from search.models import PendingIndexUpdate

    call_command("search_index", "rebuild", stdout=io.StringIO())
    page = MethodPageFactory(title="Gemist tijdens storing", summary="Samenvatting.")
    settings.SEARCH_URL = closed_url()
    result = tasks.index_pages.enqueue([page.pk])
    assert result.status == "FAILED"
    assert "EngineUnavailable" in result.errors[0].exception_class_path
    assert list(PendingIndexUpdate.objects.values_list("action", "page_id")) == [("index", page.pk)]
    output = status_output()
    assert "Openstaande indexwijzigingen (zoekmachine was niet bereikbaar): 1" in output
    assert "niet bereikbaar" in output

    # The engine is back: the next update (of another page) applies the pending one first.
    settings.SEARCH_URL = ENGINE_URL
    live_engine.breaker.reset()
    other = MethodPageFactory(title="Na de storing", summary="Samenvatting.")
    assert tasks.index_pages.enqueue([other.pk]).status == "SUCCESSFUL"
    assert not PendingIndexUpdate.objects.exists()
    found = drift()
    assert page.pk not in found.missing and other.pk not in found.missing
    assert "Openstaande indexwijzigingen (zoekmachine was niet bereikbaar): 0" in status_output()


# db_worker closes the database connection between tasks, as in production: the test needs
# real transactions (PostgreSQL refuses the closed connection inside a test transaction),
# so the publish signal's on_commit hook queues the index task, as on the live site.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backend_marks_failed_and_retries_with_backoff_until_the_engine_is_back(live_engine, settings):
    from django_tasks_db.models import DBTaskResult

    from search.models import PendingIndexUpdate

    call_command("search_index", "rebuild", stdout=io.StringIO())
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SEARCH_URL = closed_url()
    # An editor publishes while the engine is down: one queued index task.
    page = MethodPageFactory(title="Wacht op de zoekmachine", summary="Samenvatting.")
    assert DBTaskResult.objects.filter(task_path="search.tasks.index_pages").count() == 1
    started = timezone.now()
    call_command("db_worker", "--batch", "--interval", "0", stdout=io.StringIO(), stderr=io.StringIO())
    first = DBTaskResult.objects.get(status="FAILED")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert started + datetime.timedelta(seconds=50) < retry.run_after < started + datetime.timedelta(seconds=130)
    assert "Mislukte indextaken in de takentabel: 1; wachtend op een (nieuwe) poging: 1" in status_output()

    # Still down when the retry is due: failed again, next retry twice as far off.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    live_engine.breaker.reset()
    call_command("db_worker", "--batch", "--interval", "0", stdout=io.StringIO(), stderr=io.StringIO())
    second_retry = DBTaskResult.objects.get(status="READY")
    assert second_retry.args_kwargs["kwargs"] == {"attempt": 3}
    assert second_retry.run_after > timezone.now() + datetime.timedelta(seconds=100)  # 2 min after 1
    assert list(PendingIndexUpdate.objects.values_list("action", "page_id", "attempts")) == [("index", page.pk, 2)]

    # The engine is back when the retry runs: the page reaches the index.
    settings.SEARCH_URL = ENGINE_URL
    live_engine.breaker.reset()
    DBTaskResult.objects.filter(pk=second_retry.pk).update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--interval", "0", stdout=io.StringIO(), stderr=io.StringIO())
    assert DBTaskResult.objects.get(pk=second_retry.pk).status == "SUCCESSFUL"
    assert first.pk != second_retry.pk and DBTaskResult.objects.filter(status="FAILED").count() == 2
    assert not PendingIndexUpdate.objects.exists()
    assert page.pk not in drift().missing
