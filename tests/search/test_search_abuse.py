"""One visitor's request must not switch the engine off for everyone (issue 10, item 2).

Each abusive request below used to make the real engine refuse the query (result window
too large, more than 1024 clauses) and the breaker then sent every visitor to the database
for 30 s. Now the request is bounded before it reaches the engine (the page shortens or
clamps with a notice, the API answers 400), and a request the engine refuses anyway counts
as that request's own cost, not as an outage. Against the real engine, with the production
timeout of 2 s."""

import http.server
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from search import engine
from search import params as search_params
from search.params import SearchParams
from search.service import run_search

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

ABUSE = {
    "page depth": {"q": "loverboys", "pagina": "501"},
    "repeated synonym": {"q": " ".join(["loverboy"] * 22)},
    "emoji": {"q": "school " + "\U0001F600" * 190},
}


@pytest.fixture
def on_engine(demo, demo_index, settings):
    from tests.search.conftest import ENGINE_URL

    settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX = ENGINE_URL, demo_index
    settings.SEARCH_TIMEOUT = 2.0  # production's
    engine.breaker.reset()
    yield ENGINE_URL
    engine.breaker.reset()


def normal_search_uses_the_engine(client):
    data = client.get("/api/search/", {"q": "arbeidsuitbuiting"}).json()
    return data["backend"] == "engine" and not data["degraded"] and data["total"] > 0


@pytest.mark.parametrize("case", ABUSE)
def test_abusive_page_request_is_bounded_and_leaves_the_engine_on(client, on_engine, case):
    response = client.get("/zoeken/", ABUSE[case])
    html = response.content.decode()
    assert response.status_code == 200
    assert "niet bereikbaar" not in html  # the engine answered this request too
    assert "search-notice" in html and ("ingekort" in html or "gezocht is op" in html or "doorgebladerd" in html)
    assert not engine.breaker.is_open()
    assert normal_search_uses_the_engine(client)


@pytest.mark.parametrize("case", ABUSE)
def test_abusive_api_request_is_refused_with_a_message(client, on_engine, case):
    response = client.get("/api/search/", ABUSE[case])
    assert response.status_code == 400
    details = response.json()["details"]
    assert set(details) == ({"pagina"} if case == "page depth" else {"q"})
    assert "maximaal" in next(iter(details.values()))
    assert normal_search_uses_the_engine(client)


def test_the_deepest_allowed_page_is_served_by_the_engine(client, on_engine):
    data = client.get("/api/search/", {"pagina": "500"}).json()
    assert data["backend"] == "engine" and not data["degraded"]
    assert client.get("/api/search/", {"pagina": "100", "per_pagina": "100"}).json()["backend"] == "engine"
    assert client.get("/api/search/", {"pagina": "101", "per_pagina": "100"}).status_code == 400


@pytest.mark.parametrize("word", ["loverboy", "arbeidsuitbuiting", "geldezel", "criminele uitbuiting",
                                  "school \U0001F600", "mensenhandel"])
def test_the_longest_allowed_queries_are_answered_by_the_engine(client, on_engine, word):
    """The bound is low enough: the worst query within it (its longest synonyms repeated)
    still gets an answer from the engine."""
    query = word
    while search_params.query_terms(f"{query} {word}") <= search_params.MAX_QUERY_TERMS and len(f"{query} {word}") <= 200:
        query = f"{query} {word}"
    assert search_params.query_terms(query) <= search_params.MAX_QUERY_TERMS
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == 200
    assert response.json()["backend"] == "engine", query


def test_a_query_the_engine_refuses_is_that_requests_own_cost(on_engine, caplog):
    """Past the bounds (as if they were missing): the engine refuses, this one request is
    answered from the database, and the breaker stays closed for everyone else."""
    # Page 501 is past the engine's result window: the engine refuses it with a 400.
    for params in (SearchParams(q="loverboys", page=501), SearchParams(page=600)):
        answer = run_search(params)
        assert answer.backend == "database"
        assert not engine.breaker.is_open()
    assert run_search(SearchParams(q="arbeidsuitbuiting")).backend == "engine"
    assert "engine still in use" in caplog.text


@pytest.fixture
def slow_search_proxy():
    """The live engine behind a proxy that holds every search for a second and passes
    everything else (the health check) at once: a healthy engine with slow queries.
    (A tiny client timeout is no substitute: on loopback most answers beat even 0.2 ms.)"""
    from tests.search.conftest import ENGINE_URL

    class Forward(http.server.BaseHTTPRequestHandler):
        def forward(self):
            if "_search" in self.path:
                time.sleep(1.0)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
            request = urllib.request.Request(ENGINE_URL + self.path, data=body, method=self.command,
                                             headers={"Content-Type": self.headers.get("Content-Type", "application/json")})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    status, payload, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "")
            except urllib.error.HTTPError as exc:
                status, payload, kind = exc.code, exc.read(), exc.headers.get("Content-Type", "")
            except OSError:
                return  # the client gave up and went away
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass

        do_GET = do_POST = do_HEAD = do_PUT = forward

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_slow_request_on_a_healthy_engine_does_not_count(on_engine, settings, slow_search_proxy):
    """Its own timeout: the engine answers the health check at once, so nothing counts."""
    settings.SEARCH_URL = slow_search_proxy
    settings.SEARCH_TIMEOUT = 0.3
    timed_out = 0
    for attempt in range(engine.breaker.threshold + 3):
        if run_search(SearchParams(q=f"voorlichting op school {attempt}")).backend == "database":
            timed_out += 1
        assert not engine.breaker.is_open() and engine.breaker.failures == []
    assert timed_out == engine.breaker.threshold + 3
    settings.SEARCH_TIMEOUT = 2.0
    settings.SEARCH_URL = on_engine
    assert run_search(SearchParams(q="voorlichting op school")).backend == "engine"


def test_an_outage_opens_the_breaker_only_after_repeated_failures(on_engine, settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    settings.SEARCH_URL = f"http://127.0.0.1:{closed}"
    for _ in range(engine.breaker.threshold - 1):
        assert run_search(SearchParams(q="school")).degraded
        assert not engine.breaker.is_open()
    run_search(SearchParams(q="school"))
    assert engine.breaker.is_open()
