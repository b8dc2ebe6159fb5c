"""Saved searches: the search page's GET parameters, normalised, and what they find.

Everything goes through search.params.parse and search.service.run_search, so a feed or
an alert finds exactly what the search page finds for the same parameters, on the engine
or on the database."""

from dataclasses import replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from methods.models import MethodPage
from search import presenters
from search.facets import facet_catalogue
from search.params import MAX_PER_PAGE, parse
from search.service import run_search

# A feed or digest looks at no more than this many hits (newest first published first).
# Beyond it an old method that changed could be missed in a feed; the catalogue is far smaller.
SCAN_PAGES = 5


def params_from(query_dict, catalogue=None):
    """SearchParams from a QueryDict or a saved query string; never raises (bad values are dropped)."""
    catalogue = catalogue if catalogue is not None else facet_catalogue()
    if isinstance(query_dict, str):
        query_dict = QueryDict(query_dict)
    return parse(query_dict, catalogue)


def saved_query(params):
    """The query string stored for a subscription and used in feed links: words and filters
    only. Page and sort say how a person looks at the results, not what they look for."""
    return urlencode([item for item in params.query_items() if item[0] not in ("pagina", "sorteer")])


def with_query(url_name, params):
    query = saved_query(params)
    return reverse(url_name) + (f"?{query}" if query else "")


def describe(params, catalogue):
    """'Zoekterm: loverboy; Vorm van uitbuiting: arbeidsuitbuiting', or 'alle methoden'."""
    chips = presenters.chips(params, catalogue)
    if not chips:
        return _("alle methoden")
    return "; ".join(f"{chip['label']}: {chip['value']}" for chip in chips)


def _hit_pages(params, catalogue):
    """Lists of page ids the search finds, one results page at a time, newest first published first.

    A widened answer (no method has all the words, these have some) yields nothing: it is a
    fallback for someone looking at the page, not a match to report as news."""
    params = replace(params, sort="nieuwste", per_page=MAX_PER_PAGE, notices=())
    for number in range(1, SCAN_PAGES + 1):
        answer = run_search(replace(params, page=number), catalogue)
        if answer.widened:
            return
        ids = [hit.page_id for hit in answer.hits]
        if ids:
            yield ids
        if not ids or answer.page >= answer.num_pages:
            return


def live_methods():
    return MethodPage.objects.live().public()


def feed_methods(params, catalogue, limit=50):
    """The methods the search finds, most recently published (new or changed) first."""
    ids = [pk for ids in _hit_pages(params, catalogue) for pk in ids]
    return list(live_methods().filter(pk__in=ids).order_by("-last_published_at", "pk")[:limit])


def new_methods(params, catalogue, since, until):
    """The methods the search finds that were first published after `since` and up to `until`,
    newest first. Stops paging at the first hit published before `since` (hits come newest first)."""
    found = []
    for ids in _hit_pages(params, catalogue):
        pages = live_methods().filter(pk__in=ids).in_bulk()
        older_seen = False
        for pk in ids:
            page = pages.get(pk)
            if page is None or page.first_published_at is None:
                continue
            if page.first_published_at <= since:
                older_seen = True
            elif page.first_published_at <= until:
                found.append(page)
        if older_seen:
            break
    return sorted(found, key=lambda page: page.first_published_at, reverse=True)
