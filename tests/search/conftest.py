"""Fixtures for the search tests: the engine (real node or skip) and the backend parameter."""

import os
import uuid

import pytest
from django.test import override_settings

ENGINE_URL = os.environ.get("SEARCH_TEST_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason):
    """Skip on a laptop without the engine; fail in CI, where every search test must run."""
    if IN_CI:
        pytest.fail(f"search engine required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def engine_session():
    """Settings for a live engine with a prefix of its own; its indices are removed afterwards."""
    if not ENGINE_URL:
        _unavailable("SEARCH_TEST_URL is not set (run `make test`, which starts the engine)")
    prefix = f"test-preventiecatalogus-{uuid.uuid4().hex[:8]}"
    with override_settings(SEARCH_URL=ENGINE_URL, SEARCH_INDEX_PREFIX=prefix, SEARCH_TIMEOUT=30.0):
        from search import engine

        try:
            engine.client().info()
        except engine.errors() as exc:
            _unavailable(f"no search engine at {ENGINE_URL}: {exc}")
        yield prefix
        from search.indexing import delete_all_indices

        delete_all_indices()


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
    if request.param == "engine":
        prefix = request.getfixturevalue("engine_session")
        settings.SEARCH_URL = ENGINE_URL
        settings.SEARCH_INDEX_PREFIX = prefix
        settings.SEARCH_TIMEOUT = 30.0
    else:
        settings.SEARCH_URL = ""
    from search import engine

    engine.breaker.reset()
    yield Backend(request.param)
    engine.breaker.reset()
