"""Fixtures for the search tests.

`backend` runs a test twice: on the database and on the live engine (SEARCH_TEST_URL,
started by `make test`). Without an engine the engine half skips, except under CI=true,
where it fails: no search test may silently skip in CI. Each session uses index names of
its own and removes them afterwards.
"""

import os
import uuid

import pytest
from django.test import override_settings

ENGINE_URL = os.environ.get("SEARCH_TEST_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"
SESSION_PREFIX = f"test-preventiecatalogus-{uuid.uuid4().hex[:8]}"


def _unavailable(reason):
    """Skip on a laptop without the engine; fail in CI, where every search test must run."""
    if IN_CI:
        pytest.fail(f"search engine required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def engine_settings(prefix):
    return override_settings(SEARCH_URL=ENGINE_URL, SEARCH_INDEX_PREFIX=prefix, SEARCH_TIMEOUT=30.0)


@pytest.fixture(scope="session")
def engine_session():
    """The live engine is reachable; its test indices are removed at the end of the session.
    The engine settings apply only while checking and cleaning up: held for the session,
    they would send every later test (of any app) to the engine."""
    if not ENGINE_URL:
        _unavailable("SEARCH_TEST_URL is not set (run `make test`, which starts the engine)")
    from search import engine

    with engine_settings(SESSION_PREFIX):
        try:
            engine.client().info()
        except engine.errors() as exc:
            _unavailable(f"no search engine at {ENGINE_URL}: {exc}")
    yield ENGINE_URL
    with engine_settings(SESSION_PREFIX):
        conn = engine.client()
        for name in conn.indices.get(index=f"{SESSION_PREFIX}*").keys():
            conn.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture
def engine_prefix():
    """Index prefix for the engine half of a test; modules with shared data override it."""
    return SESSION_PREFIX


class Backend:
    """Which search answers ('database' or 'engine'), and how to bring it up to date."""

    def __init__(self, name):
        self.name = name

    def sync(self):
        """After changing pages in a test: make the engine's index match the database."""
        if self.name == "engine":
            from search.indexing import rebuild

            rebuild(quiet=True)


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.search_engine)])
def backend(request, settings):
    from search import engine

    if request.param == "engine":
        request.getfixturevalue("engine_session")
        settings.SEARCH_URL = ENGINE_URL
        settings.SEARCH_INDEX_PREFIX = request.getfixturevalue("engine_prefix")
        settings.SEARCH_TIMEOUT = 30.0
    else:
        settings.SEARCH_URL = ""
    engine.breaker.reset()
    yield Backend(request.param)
    engine.breaker.reset()


@pytest.fixture
def live_engine(request, settings, engine_session):
    """Engine-only tests (index maintenance): the engine configured, its index empty."""
    from search import engine
    from search.indexing import delete_all_indices

    settings.SEARCH_URL = ENGINE_URL
    settings.SEARCH_INDEX_PREFIX = f"{SESSION_PREFIX}-{uuid.uuid4().hex[:6]}"
    settings.SEARCH_TIMEOUT = 30.0
    engine.breaker.reset()
    yield engine
    delete_all_indices()
    engine.breaker.reset()


@pytest.fixture(scope="module")
def demo_index(request, demo_module, django_db_blocker):
    """The demo catalogue in the engine under an index of this module's own."""
    request.getfixturevalue("engine_session")
    prefix = f"{SESSION_PREFIX}-{request.module.__name__.rsplit('.', 1)[-1].replace('_', '-')}"
    from search.indexing import delete_all_indices, rebuild

    # The settings apply only around the engine calls: tests change settings in between
    # (the `settings` fixture), and an override held across them would be undone by theirs.
    with engine_settings(prefix), django_db_blocker.unblock():
        rebuild(quiet=True)
    yield prefix
    with engine_settings(prefix):
        delete_all_indices()


@pytest.fixture
def demo(demo_module, db):
    """The demo catalogue for one test. A module using it with `backend` overrides
    `engine_prefix` to return `demo_index`, so the engine half searches that index."""
