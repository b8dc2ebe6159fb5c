"""SEARCH_URL / SEARCH_ENGINE: one module picks the DSL; both flavours send the same bodies."""

import json

import pytest
from django.http import QueryDict

from search import engine
from search.faceted import request_body
from search.params import SearchParams
from search.text import search_words

SEARCHES = [
    SearchParams(),
    SearchParams(q="loverboy voorlichting school"),
    SearchParams(q='"(*:~\\ 🙂', sort="titel", page=3),
    SearchParams(q="arbeidsuitbuiting", filters={"vorm": ("arbeidsuitbuiting", "criminele-uitbuiting"),
                                                  "doelgroep": ("bedrijven-werkgevers",)}, sort="bewijs"),
    SearchParams(filters={"bewijs": ("goed-onderbouwd",), "leeftijd": ("jongeren",)}, sort="nieuwste", per_page=50),
]


@pytest.mark.parametrize("params", SEARCHES)
def test_opensearch_and_elasticsearch_dsl_build_identical_requests(params):
    opensearch = request_body(params, "opensearch")
    elasticsearch = request_body(params, "elasticsearch")
    assert opensearch == elasticsearch
    assert json.dumps(opensearch, sort_keys=True) == json.dumps(elasticsearch, sort_keys=True)
    if params.q:
        matches = list(_multi_matches(opensearch["query"]))
        # Taken as plain words, never a query_string: the words clause has the query's words
        # (or, with none, the query as typed).
        searched = " ".join(search_words(params.q)) or params.q
        assert any(m["query"] == searched and m["type"] == "cross_fields" for m in matches)
        assert "query_string" not in str(opensearch)


def _multi_matches(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "multi_match":
                yield value
            else:
                yield from _multi_matches(value)
    elif isinstance(node, list):
        for item in node:
            yield from _multi_matches(item)


def test_facet_filters_go_to_post_filter_and_other_facets_aggregations():
    body = request_body(SEARCHES[3], "opensearch")
    assert body["post_filter"]["bool"]["must"] == [
        {"terms": {"forms_of_exploitation": ["arbeidsuitbuiting", "criminele-uitbuiting"]}},
        {"terms": {"target_groups": ["bedrijven-werkgevers"]}},
    ]
    # The form-of-exploitation counts ignore their own filter but apply the target group's.
    assert body["aggs"]["_filter_vorm"]["filter"] == {"terms": {"target_groups": ["bedrijven-werkgevers"]}}
    assert body["aggs"]["_filter_doelgroep"]["filter"] == {
        "terms": {"forms_of_exploitation": ["arbeidsuitbuiting", "criminele-uitbuiting"]}}
    assert body["from"] == 0 and body["size"] == 20


def test_the_dsl_follows_search_engine(settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    import elasticsearch.dsl

    assert engine.dsl().Search is elasticsearch.dsl.Search
    settings.SEARCH_ENGINE = "opensearch"
    import opensearchpy

    assert engine.dsl().Search is opensearchpy.Search
    settings.SEARCH_ENGINE = "solr"
    with pytest.raises(ValueError, match="SEARCH_ENGINE"):
        engine.dsl()


def test_no_other_module_imports_a_client_library():
    from pathlib import Path

    import search

    offenders = [
        path.name for path in Path(search.__file__).parent.rglob("*.py")
        if path.name != "engine.py"
        and any(f"import {lib}" in path.read_text() or f"from {lib}" in path.read_text()
                for lib in ("opensearchpy", "elasticsearch"))
    ]
    assert offenders == []


@pytest.mark.parametrize("flavour", ["opensearch", "elasticsearch"])
def test_cluster_urls_with_credentials_and_tls(settings, flavour):
    settings.SEARCH_ENGINE = flavour
    settings.SEARCH_URL = "https://catalogus:ge%40heim@node1.example.org:9243,https://node2.example.org:9243"
    settings.SEARCH_VERIFY_CERTS = True
    conn = engine.client()
    assert engine.redacted_url() == "https://node1.example.org:9243,https://node2.example.org:9243"
    assert "geheim" not in engine.redacted_url()
    assert conn is engine.client()  # cached: connection pools are reused
    assert engine._split_url("https://catalogus:ge%40heim@node1.example.org:9243") == (
        "https://node1.example.org:9243", ("catalogus", "ge@heim"))


def test_configured_only_with_a_url(settings):
    settings.SEARCH_URL = "  "
    assert not engine.configured()
    settings.SEARCH_URL = "http://127.0.0.1:9200"
    assert engine.configured()


@pytest.mark.django_db  # the query's words are counted with the editors' synonyms
def test_bad_page_and_sort_fall_back_on_the_page():
    from search.params import parse

    catalogue = {"vorm": {"arbeidsuitbuiting": "arbeidsuitbuiting"}}
    params = parse(QueryDict("q=" + "x" * 300 + "&pagina=abc&sorteer=zzz&vorm=arbeidsuitbuiting&vorm=onbekend"
                             "&vorm=arbeidsuitbuiting"), catalogue)
    assert len(params.q) == 200
    assert params.page == 1 and params.sort == "relevantie"
    assert params.filters == {"vorm": ("arbeidsuitbuiting",)}
