"""The page cache: anonymous visitors get pages without database work, and every change an
editor makes is on the site at once; editors, forms and previews never go through it.

On the tests' memory cache, or on a real server with CACHE_TEST_URL=redis://... (or
memcached://...): the clearing relies on the server's increment."""

import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.cache_url import parse
from methods.models import MethodIndexPage
from sitepages.demo import ensure_site_pages
from sitepages.models import ContactPage
from tests.factories.methods import ExploitationFormFactory, MethodPageFactory, method_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    if os.environ.get("CACHE_TEST_URL"):
        settings.CACHES = {"default": parse(os.environ["CACHE_TEST_URL"])}
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def method():
    form = ExploitationFormFactory(name="criminele uitbuiting", slug="criminele-uitbuiting")
    return MethodPageFactory(title="Girls' Talk", slug="girls-talk", forms_of_exploitation=[form])


def _get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_second_anonymous_view_comes_from_the_cache_without_database_queries(client, method):
    first, first_queries = _get(client, method.url)
    second, second_queries = _get(client, method.url)

    assert first.status_code == second.status_code == 200
    assert first_queries > 0 and first["X-Page-Cache"] == "miss"
    assert second_queries == 0 and second["X-Page-Cache"] == "hit"
    assert second.content == first.content and b"Girls&#x27; Talk" in second.content
    # Headers of this request, not a stored copy: the strict CSP, Permissions-Policy, language.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert "camera=()" in second["Permissions-Policy"]
    assert second["Content-Language"] == "nl" and "Cookie" in second["Vary"]
    assert "Set-Cookie" not in second and not second.cookies


def test_english_and_dutch_visitors_each_get_their_own_language(client, method, settings):
    dutch = client.get(method.url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(method.url)
    english_again = client.get(method.url)

    assert english["Content-Language"] == "en" and english["X-Page-Cache"] == "miss"
    assert english_again["X-Page-Cache"] == "hit" and english_again.content == english.content
    assert english.content != dutch.content


def test_a_publish_shows_at_once(client, method):
    client.get(method.url)
    client.get(method_index().url)
    method.title = "Girls' Talk vernieuwd"
    method.save_revision().publish()

    for url in (method.url, method_index().url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Girls&#x27; Talk vernieuwd" in response.content.decode(), url


def test_an_unpublished_page_is_gone_at_once(client, method):
    url = method.url
    assert client.get(url).status_code == 200
    method.unpublish()
    assert client.get(url).status_code == 404
    assert "girls-talk" not in client.get(method_index().url).content.decode()


def test_a_moved_page_leaves_its_old_address_at_once(client, method):
    old_url = method.url
    assert client.get(old_url).status_code == 200
    other = MethodIndexPage(title="Archief", slug="archief")
    method_index().get_parent().add_child(instance=other)
    method.move(other, pos="last-child")
    method.refresh_from_db()

    # Wagtail's automatic redirect, not the cached page from before the move.
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == method.url
    assert client.get(method.url).status_code == 200


def test_a_deleted_page_is_gone_at_once(client, method):
    url = method.url
    assert client.get(url).status_code == 200
    method.delete()
    assert client.get(url).status_code == 404


def test_a_renamed_taxonomy_shows_on_the_method_page_at_once(client, method):
    assert "Criminele uitbuiting" in client.get(method.url).content.decode()
    form = method.forms_of_exploitation.get()
    form.name = "gedwongen criminaliteit"
    form.save()

    response = client.get(method.url)
    assert "Gedwongen criminaliteit" in response.content.decode()
    assert "Criminele uitbuiting" not in response.content.decode()


def test_a_logged_in_editor_is_never_served_nor_fills_the_cache(client, method, django_user_model):
    anonymous = client.get(method.url)
    editor = django_user_model.objects.create_superuser("redactie", "r@example.org", "x")
    client.force_login(editor)

    for _ in range(2):
        response, queries = _get(client, method.url)
        assert queries > 0 and "X-Page-Cache" not in response
        assert response.content != anonymous.content  # the editor's page has Wagtail's user bar

    # The editor's requests put nothing in the cache: another anonymous visitor gets the
    # cached anonymous page, not the editor's.
    client.logout()
    client.get(method_index().url)
    client.force_login(editor)
    client.get(method_index().url)
    client.logout()
    index_anonymous = client.get(method_index().url)
    assert index_anonymous["X-Page-Cache"] == "hit"
    assert "userbar" not in index_anonymous.content.decode()


def test_a_page_with_a_form_is_never_cached(client):
    ensure_site_pages()
    contact = ContactPage.objects.get()
    for _ in range(2):
        response, queries = _get(client, contact.url)
        assert response.status_code == 200 and queries > 0
        assert "csrftoken" in response.cookies and "X-Page-Cache" not in response


def test_a_search_with_words_is_not_cached_but_the_search_page_is(client, method):
    for _ in range(2):
        response = client.get("/zoeken/", {"q": "girls"})
        assert response.status_code == 200 and "X-Page-Cache" not in response
    client.get("/zoeken/", {"vorm": "criminele-uitbuiting"})
    assert client.get("/zoeken/", {"vorm": "criminele-uitbuiting"})["X-Page-Cache"] == "hit"


def test_a_search_index_update_clears_the_cache(client, method):
    from search.tasks import index_pages

    client.get("/zoeken/")
    assert client.get("/zoeken/")["X-Page-Cache"] == "hit"
    index_pages.enqueue([method.pk])
    assert client.get("/zoeken/")["X-Page-Cache"] == "miss"


def test_a_cache_server_that_is_away_costs_speed_not_the_page(client, method, settings):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                                   "LOCATION": "redis://127.0.0.1:9/0"}}
    settings.PAGE_CACHE_ALIAS = "pages"
    for _ in range(2):
        response = client.get(method.url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
    method.title = "Nieuwe titel"
    method.save_revision().publish()  # the clear fails quietly; the publish does not
    assert "Nieuwe titel" in client.get(method.url).content.decode()


def test_switched_off_nothing_is_cached(client, method, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(method.url)
    response, queries = _get(client, method.url)
    assert queries > 0 and "X-Page-Cache" not in response


def test_a_head_request_is_answered_from_the_cache_but_does_not_fill_it(client, method):
    assert "X-Page-Cache" not in client.head(method.url)
    client.get(method.url)
    response = client.head(method.url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
