"""The search page as a visitor without JavaScript uses it: a GET form whose URL is the state."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def engine_prefix(demo_index):
    return demo_index


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response, response.content.decode()


def links(html, css_class):
    pattern = rf'<a class="(?:[^"]* )?{css_class}(?: [^"]*)?" href="([^"]+)"'
    return [unescape(href) for href in re.findall(pattern, html)]


def test_bare_page_is_indexable_and_shows_everything(client, backend):
    response, html = page(client, "/zoeken/")
    assert "noindex" not in html and "X-Robots-Tag" not in response
    assert "59 methoden gevonden" in html
    assert '<form class="search-form" id="search-form" action="/zoeken/" method="get" role="search"' in html


def test_queries_and_filters_are_noindex_and_titled(client, backend):
    response, html = page(client, "/zoeken/", q="loverboy")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, follow">' in html
    assert "<title>Zoekresultaten voor ‘loverboy’" in html
    for params in ({"vorm": "arbeidsuitbuiting"}, {"pagina": "2"}, {"sorteer": "titel"}):
        assert page(client, "/zoeken/", **params)[0]["X-Robots-Tag"] == "noindex"


def test_facet_checkboxes_carry_counts_and_state(client, backend):
    _, html = page(client, "/zoeken/", vorm="arbeidsuitbuiting")
    checkbox = re.search(r'<input[^>]*id="f-vorm-arbeidsuitbuiting"[^>]*>', html).group(0)
    assert 'name="vorm"' in checkbox and 'value="arbeidsuitbuiting"' in checkbox and "checked" in checkbox
    label = re.search(r'<label[^>]*for="f-doelgroep-bedrijven-werkgevers"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert re.search(r"\(\d+<span class=\"visually-hidden\"> methoden?</span>\)", label)


def test_each_chip_removes_one_filter_and_clear_all_keeps_the_words(client, backend):
    _, html = page(client, "/zoeken/", q="uitbuiting", vorm="arbeidsuitbuiting", doelgroep="bedrijven-werkgevers")
    chips = links(html, "search-chip")
    assert len(chips) == 3  # the words and two filters
    without_form = next(url for url in chips if "vorm=" not in url)
    assert "doelgroep=bedrijven-werkgevers" in without_form and "q=uitbuiting" in without_form
    _, after = page(client, without_form)
    assert 'id="f-vorm-arbeidsuitbuiting"' not in after or "checked" not in re.search(
        r'<input[^>]*id="f-vorm-arbeidsuitbuiting"[^>]*>', after).group(0)
    clear = links(html, "search-chips__clear")[0]
    assert clear == "/zoeken/?q=uitbuiting"


def test_result_count_heading_and_status_region(client, backend):
    _, html = page(client, "/zoeken/", vorm="arbeidsuitbuiting")
    assert re.search(r'<h2 class="[^"]*search-summary__count[^"]*" id="result-count" tabindex="-1"', html)
    assert 'id="search-status" role="status" aria-live="polite"' in html


def test_sort_select_and_invalid_values_fall_back(client, backend):
    _, html = page(client, "/zoeken/", sorteer="onzin", pagina="abc")
    assert '<option value="relevantie" selected>' in html
    assert '<label class="utrecht-form-label" for="sorteer">' in html
    _, html = page(client, "/zoeken/", pagina="999", sorteer="titel")
    assert 'aria-current="page" class="pagination__current"><span class="visually-hidden">Pagina </span>3<' in html


def test_zero_results_give_advice_and_did_you_mean(client, backend):
    _, html = page(client, "/zoeken/", q="lovrboy", vorm="arbeidsuitbuiting")
    assert "0 methoden gevonden" in html
    assert "Bedoelde u:" in html and ">loverboy</a>" in html
    assert "de spelling controleren" in html and "een of meer filters weghalen" in html


def test_highlights_are_marked_and_text_is_escaped(client, backend):
    _, html = page(client, "/zoeken/", q="loverboy <script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    _, html = page(client, "/zoeken/", q="loverboy")
    assert re.search(r"<mark>loverboys?</mark>", html, re.I)


def test_fragment_holds_filters_and_results_only(client, backend):
    response, html = page(client, "/zoeken/fragment/", vorm="arbeidsuitbuiting")
    assert html.lstrip().startswith('<div id="search-filters">')
    assert 'id="search-results"' in html and "<html" not in html
    assert response["X-Robots-Tag"] == "noindex"
    # Links inside the fragment point at the page, not at the fragment URL.
    assert "/zoeken/fragment/" not in html


def test_script_and_stylesheet_are_served_locally(client):
    _, html = page(client, "/zoeken/")
    assert '<script src="/static/search/search.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/css/search.css">' in html
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", "".join(re.findall(r"<(?:script|link)[^>]*>", html)))
