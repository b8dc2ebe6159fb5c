"""/healthz for the load balancer: JSON with the database and engine status, 200 or 503."""

import os

import pytest

pytestmark = pytest.mark.django_db

ENGINE_URL = os.environ.get("SEARCH_TEST_URL", "")


def test_healthy_without_an_engine_the_database_searches(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "search": "database"}


@pytest.mark.skipif(not ENGINE_URL and os.environ.get("CI", "").lower() != "true",
                    reason="SEARCH_TEST_URL is not set")
def test_healthy_with_the_engine_up(client, settings):
    settings.SEARCH_URL = ENGINE_URL
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "database": "ok", "search": "ok"}


@pytest.mark.parametrize("url", ["http://127.0.0.1:9", "http://health-check-no-such-host.invalid:9200"])
def test_an_engine_that_does_not_answer_gives_503_not_500(client, settings, url):
    settings.SEARCH_URL = url
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "ok" and body["search"].startswith("error")


def test_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for _ in range(2):
        response = client.get("/healthz")
        assert "X-Page-Cache" not in response
        assert "no-cache" in response["Cache-Control"]
