"""An engine that is down or too slow: visitors get the database's answer with a notice,
editors' actions still succeed, and nothing answers 500. Real sockets, no mocks."""

import logging
import socket
import threading

import pytest

from tests.factories.methods import MethodPageFactory

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


@pytest.fixture
def silent_server():
    """Accepts connections and never answers: an engine that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def methods():
    return [MethodPageFactory(title="Gastles over loverboys", summary="Voorlichting op school over loverboys."),
            MethodPageFactory(title="Keurmerk schoonmaak", summary="Tegen arbeidsuitbuiting.")]


@pytest.fixture(autouse=True)
def _fresh_breaker():
    from search import engine

    engine.breaker.reset()
    yield
    engine.breaker.reset()


def test_engine_down_the_page_answers_from_the_database_with_a_notice(client, settings, methods, caplog):
    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/zoeken/", {"q": "loverboys"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "De zoekmachine is op dit moment niet bereikbaar" in html
    assert "1 methode gevonden" in html and "Gastles over <mark>loverboys</mark>" in html
    assert any("Search engine failed to answer" in r.getMessage() for r in caplog.records)
    api = client.get("/api/search/", {"q": "loverboys"}).json()
    assert api["degraded"] is True and api["backend"] == "database" and api["total"] == 1


def test_engine_too_slow_the_page_still_answers_within_the_timeout(client, settings, methods, silent_server):
    import time

    settings.SEARCH_URL = silent_server
    settings.SEARCH_TIMEOUT = 0.5
    started = time.monotonic()
    response = client.get("/zoeken/", {"q": "arbeidsuitbuiting"})
    assert response.status_code == 200
    assert "Keurmerk schoonmaak" in response.content.decode()
    assert "niet bereikbaar" in response.content.decode()
    assert time.monotonic() - started < 5
    # A hanging engine is an outage (it does not answer a health check either): after a few
    # visitors, the breaker keeps the next ones from waiting for the same timeout.
    from search import engine

    for _ in range(engine.breaker.threshold - 1):
        assert not engine.breaker.is_open()
        client.get("/zoeken/", {"q": "arbeidsuitbuiting"})
    assert engine.breaker.is_open()
    started = time.monotonic()
    assert client.get("/zoeken/", {"q": "loverboys"}).status_code == 200
    assert time.monotonic() - started < 0.5


def test_autocomplete_and_similar_fall_back_too(client, settings, methods):
    from search.similar import similar_methods

    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    suggestions = client.get("/api/search/autocomplete/", {"q": "gastles"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["Gastles over loverboys"]
    assert similar_methods(title="Gastles loverboys", summary="") == [methods[0]]


def test_publishing_succeeds_while_the_engine_is_down(settings, caplog, django_capture_on_commit_callbacks):
    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        page = MethodPageFactory(title="Nieuwe methode", summary="Samenvatting.")
    page.refresh_from_db()
    assert page.live
    assert any("search_index sync" in r.getMessage() or "unavailable" in r.getMessage() for r in caplog.records)


def test_index_command_explains_an_unreachable_engine(settings):
    from django.core.management import CommandError, call_command

    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(CommandError, match="niet bereikbaar"):
        call_command("search_index", "status")
    settings.SEARCH_URL = ""
    with pytest.raises(CommandError, match="SEARCH_URL is leeg"):
        call_command("search_index", "rebuild")
