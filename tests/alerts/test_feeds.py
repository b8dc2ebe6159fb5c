"""The Atom feeds: valid Atom, the search feed follows the search page's parameters, and
no parameter makes a feed fail."""

import xml.etree.ElementTree as ET
from html import unescape

import pytest

from tests.factories.methods import ExploitationFormFactory, MethodPageFactory
from tests.factories.pilots import PilotResultPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.django_db


def atom(client, url, params=None):
    """The feed parsed, after checking what RFC 4287 requires of a feed and of each entry."""
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None  # so entries need no author of their own
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href").startswith("http://testserver/")
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)
    return feed, entries


def titles(entries):
    return [entry.findtext(f"{ATOM}title") for entry in entries]


def test_methods_feed_lists_new_and_changed_methods_most_recent_first(client):
    old = MethodPageFactory(title="Oude methode", summary="Sinds jaar & dag <bekend>.")
    new = MethodPageFactory(title="Nieuwe methode")
    concept = MethodPageFactory(title="Nog niet gepubliceerd", live=False)
    _, entries = atom(client, "/feeds/methoden/")
    assert titles(entries) == ["Nieuwe methode", "Oude methode"]
    old.summary = "Bijgewerkt."
    old.save_revision().publish()
    _, entries = atom(client, "/feeds/methoden/")
    assert titles(entries) == ["Oude methode", "Nieuwe methode"]  # a change brings it back to the top
    changed = entries[0]
    assert changed.findtext(f"{ATOM}summary") == "Bijgewerkt."
    assert changed.findtext(f"{ATOM}published") < changed.findtext(f"{ATOM}updated")
    assert changed.find(f"{ATOM}link").get("href") == f"http://testserver{old.url}"
    assert concept.title not in titles(entries) and new.title in titles(entries)


def test_summary_is_plain_text_escaped_for_html(client):
    MethodPageFactory(title="Met tekens", summary="Jongens & meiden <12 jaar>")
    _, entries = atom(client, "/feeds/methoden/")
    # type="html": the reader unescapes once and must show the characters, not markup.
    summary = entries[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html" and summary.text == "Jongens &amp; meiden &lt;12 jaar&gt;"


def test_pilot_results_feed(client):
    method = MethodPageFactory(title="Girls' Talk")
    PilotResultPageFactory(title="Girls' Talk in Utrecht", parent=method)
    _, entries = atom(client, "/feeds/praktijkresultaten/")
    assert titles(entries) == ["Girls' Talk in Utrecht"]
    summary = unescape(entries[0].findtext(f"{ATOM}summary"))  # type="html"
    assert "Girls' Talk" in summary and "Utrecht" in summary


def test_search_feed_follows_the_search_parameters(client):
    labour = ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    sexual = ExploitationFormFactory(name="seksuele uitbuiting", slug="seksuele-uitbuiting")
    MethodPageFactory(title="Voorlichting loverboys", summary="Over loverboys op school.", forms_of_exploitation=[sexual])
    MethodPageFactory(title="Inspectie in de schoonmaak", summary="Controles bij werkgevers.",
                      forms_of_exploitation=[labour])
    MethodPageFactory(title="Loverboys en werk", summary="Loverboys die jongeren laten werken.",
                      forms_of_exploitation=[labour])

    feed, entries = atom(client, "/feeds/zoeken/", {"vorm": "arbeidsuitbuiting"})
    assert sorted(titles(entries)) == ["Inspectie in de schoonmaak", "Loverboys en werk"]
    assert "arbeidsuitbuiting" in feed.findtext(f"{ATOM}title")
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/zoeken/?vorm=arbeidsuitbuiting"

    _, entries = atom(client, "/feeds/zoeken/", {"q": "loverboys", "vorm": "arbeidsuitbuiting"})
    assert titles(entries) == ["Loverboys en werk"]
    _, entries = atom(client, "/feeds/zoeken/", {"q": "loverboys"})
    assert sorted(titles(entries)) == ["Loverboys en werk", "Voorlichting loverboys"]
    # Page and sort do not change a feed: it always holds the newest first.
    _, same = atom(client, "/feeds/zoeken/", {"q": "loverboys", "sorteer": "titel", "pagina": "3"})
    assert titles(same) == titles(entries)


def test_search_feed_has_no_partial_matches(client):
    """The page widens a search no method fully matches; a feed reports only matches."""
    MethodPageFactory(title="Voorlichting loverboys", summary="Over loverboys.")
    _, entries = atom(client, "/feeds/zoeken/", {"q": "loverboys kermisattractie"})
    assert entries == []


@pytest.mark.parametrize("params", [
    {"pagina": "abc", "sorteer": "onzin", "vorm": "bestaat-niet"},
    {"pagina": "-1", "per_pagina": "100000"},
    {"pagina": "99999999999999999999999"},
    {"q": "x" * 5000},
    {"q": "loverboy " * 60},
    {"q": "\x00\x07 ☃ 🙂 <script>"},
    {"q": "!!! ???"},
    {"bewijs": ["sterk", "sterk", ""], "leeftijd": "12-18", "organisatie": "not-a-number"},
])
def test_bad_parameters_never_fail_the_feed(client, params):
    MethodPageFactory(title="Een methode")
    atom(client, "/feeds/zoeken/", params)


def test_search_page_offers_the_feed_and_the_alert_of_exactly_that_search(client):
    ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    MethodPageFactory(title="Een methode")
    response = client.get("/zoeken/", {"q": "werk", "vorm": "arbeidsuitbuiting", "sorteer": "titel", "pagina": "1"})
    html = response.content.decode()
    assert ('<link rel="alternate" type="application/atom+xml" title="Atom-feed van deze zoekopdracht" '
            'href="/feeds/zoeken/?q=werk&amp;vorm=arbeidsuitbuiting">') in html
    assert '<a class="utrecht-link" href="/feeds/zoeken/?q=werk&amp;vorm=arbeidsuitbuiting" type="application/atom+xml">' \
           "Atom-feed van deze zoekopdracht</a>" in html
    assert ('<a class="utrecht-link" href="/attendering/?q=werk&amp;vorm=arbeidsuitbuiting">'
            "Ontvang een e-mail bij nieuwe methoden voor deze zoekopdracht</a>") in html
    # The fragment the JavaScript swaps in carries the links of the new state too.
    fragment = client.get("/zoeken/fragment/", {"q": "ander"}).content.decode()
    assert 'href="/feeds/zoeken/?q=ander"' in fragment and 'href="/attendering/?q=ander"' in fragment
    # The plain search page sets no cookie: only the subscribe page has a form that needs one.
    assert not response.cookies
