"""Searching the demo catalogue, the same expectations on the database and on the engine."""

import pytest

from methods.models import MethodPage
from methods.models.evidence import LEVEL_SLUGS

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def engine_prefix(demo_index):
    return demo_index


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def facet(data, param):
    return {o["value"]: o for o in next(f for f in data["facets"] if f["param"] == param)["options"]}


def live():
    return MethodPage.objects.live().public()


def test_no_query_lists_the_whole_catalogue(client, backend):
    data = api(client)
    assert data["total"] == live().count() == 59
    assert len(data["results"]) == 20
    assert data["backend"] == backend.name and data["degraded"] is False


def test_the_issue_examples_find_relevant_methods(client, backend):
    titles = [r["title"] for r in api(client, q="loverboy voorlichting school")["results"]]
    assert any("Merel van Groningen" in t for t in titles[:3])
    work = api(client, q="arbeidsuitbuiting")
    assert work["total"] >= 5
    # The first results are methods against labour exploitation (the word names a facet value).
    assert all("arbeidsuitbuiting" in [v["value"] for v in r["facets"]["vorm"]] for r in work["results"][:3])


def test_one_facet_filters_and_every_result_carries_the_value(client, backend):
    data = api(client, vorm="arbeidsuitbuiting")
    expected = live().filter(forms_of_exploitation__slug="arbeidsuitbuiting").distinct().count()
    assert data["total"] == expected > 0
    assert all("arbeidsuitbuiting" in [v["value"] for v in r["facets"]["vorm"]] for r in data["results"])


def test_or_within_a_facet_and_across_facets(client, backend):
    either = api(client, vorm=["arbeidsuitbuiting", "criminele-uitbuiting"])["total"]
    expected = live().filter(forms_of_exploitation__slug__in=["arbeidsuitbuiting", "criminele-uitbuiting"]).distinct()
    assert either == expected.count()
    both = api(client, vorm="arbeidsuitbuiting", doelgroep="bedrijven-werkgevers")["total"]
    expected_both = (live().filter(forms_of_exploitation__slug="arbeidsuitbuiting")
                     .filter(target_groups__slug="bedrijven-werkgevers").distinct().count())
    assert both == expected_both
    assert both < either


def test_counts_are_disjunctive(client, backend):
    """Ticking an option keeps the other options' counts in that facet; other facets narrow."""
    data = api(client, vorm="arbeidsuitbuiting")
    forms = facet(data, "vorm")
    assert forms["arbeidsuitbuiting"]["selected"] is True
    sexual = live().filter(forms_of_exploitation__slug="seksuele-uitbuiting").distinct().count()
    assert forms["seksuele-uitbuiting"]["count"] == sexual
    assert forms["seksuele-uitbuiting"]["selected"] is False
    groups = facet(data, "doelgroep")
    employers = (live().filter(forms_of_exploitation__slug="arbeidsuitbuiting")
                 .filter(target_groups__slug="bedrijven-werkgevers").distinct().count())
    assert groups["bedrijven-werkgevers"]["count"] == employers


def test_evidence_and_age_facets(client, backend):
    data = api(client)
    evidence = facet(data, "bewijs")
    for level, slug in LEVEL_SLUGS.items():
        count = live().filter(evidence_level=level).count()
        assert evidence.get(slug, {"count": 0})["count"] == count
    young = api(client, leeftijd="jongeren")
    expected = sum("jongeren" in page.age_groups for page in live().specific())
    assert young["total"] == expected > 0


def test_unknown_facet_values_are_ignored(client, backend):
    assert api(client, vorm="bestaat-niet")["total"] == 59
    assert api(client, vorm=["bestaat-niet", "arbeidsuitbuiting"])["total"] == api(client, vorm="arbeidsuitbuiting")["total"]


def test_sort_orders(client, backend):
    levels = [r["evidence_level"]["value"] for r in api(client, sorteer="bewijs", per_pagina=100)["results"]]
    assert levels == sorted(levels, reverse=True) and levels[0] > levels[-1]
    newest = [r["slug"] for r in api(client, sorteer="nieuwste", per_pagina=100)["results"]]
    dates = dict(live().values_list("slug", "first_published_at"))
    assert [dates[s] for s in newest] == sorted((dates[s] for s in newest), reverse=True)


def test_title_sort_ignores_case_and_accents(client, backend):
    titles = [r["title"] for r in api(client, sorteer="titel", per_pagina=100)["results"]]
    from search.text import fold

    assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)


def test_pagination_and_page_beyond_the_last(client, backend):
    first = api(client, sorteer="titel")
    second = api(client, sorteer="titel", pagina=2)
    assert first["num_pages"] == 3
    assert not {r["slug"] for r in first["results"]} & {r["slug"] for r in second["results"]}
    beyond = api(client, sorteer="titel", pagina=400)  # past the last page, within the depth bound (500)
    assert beyond["page"] == 3 and len(beyond["results"]) == 59 - 40


def test_a_misspelt_word_finds_methods_and_suggests_the_spelling(client, backend):
    data = api(client, q="lovrboy")
    assert data["total"] > 0
    assert "loverboy" in data["results"][0]["title"].lower() + data["results"][0]["summary"].lower()
    assert data["suggestion"] == "loverboy"
    assert api(client, q=data["suggestion"])["total"] > 0


def test_one_letter_typo_of_any_catalogue_word_gets_did_you_mean(client, backend):
    # "aandachtsfunctionaris" occurs in the catalogue's texts, not in a title.
    assert api(client, q="aandachtfunctionaris")["suggestion"] == "aandachtsfunctionaris"
    assert api(client, q="xandachtsfunctionaris")["suggestion"] == "aandachtsfunctionaris"


def test_words_that_not_all_match_widen_the_search_and_say_so(client, backend):
    data = api(client, q="loverboy kwjibozzle")
    assert data["total"] > 0 and data["widened"] is True
    assert api(client, q="loverboy")["widened"] is False


def test_highlights_mark_the_words_found(client, backend):
    result = api(client, q="loverboy")["results"][0]
    marked = " ".join(filter(None, [result["highlights"]["title"], result["highlights"]["summary"],
                                    *result["highlights"]["text"]]))
    assert "<mark>" in marked and "loverboy" in marked.lower()


@pytest.mark.parametrize("query", [
    '"loverboy', "(arbeidsuitbuiting", "[x]", "loverboy)", "a\\b", "\\", "*", "uitbuiting*", "title:loverboy",
    "loverboy~2", "~", "🙂", "loverboy 🙂", "&&", "||", "!", "-loverboy", "+", "/", "{}", "<script>", "%", "'",
    "AND OR NOT", "x" * 500,
])
def test_any_characters_are_safe(client, backend, query):
    if len(query) > 200:
        # Bounded before it reaches the engine: the API says so, the page searches the start.
        response = client.get("/api/search/", {"q": query})
        assert response.status_code == 400 and "200" in response.json()["details"]["q"]
        query = query[:200]
    data = api(client, q=query)
    assert isinstance(data["total"], int)
    assert len(data["query"]["q"]) <= 200
    assert client.get("/zoeken/", {"q": query}).status_code == 200


def test_autocomplete_suggests_titles(client, backend):
    data = client.get("/api/search/autocomplete/", {"q": "merel van"}).json()
    assert any("Merel van Groningen" in s["title"] for s in data["suggestions"])
    assert client.get("/api/search/autocomplete/", {"q": "🙂"}).json()["suggestions"] == []


@pytest.mark.search_engine
def test_both_backends_count_filters_identically(client, settings, request):
    """Filter-only searches need no text analysis, so both must agree to the method."""
    combos = [{}, {"vorm": "arbeidsuitbuiting"}, {"vorm": ["seksuele-uitbuiting", "criminele-uitbuiting"],
              "doelgroep": "jongeren"}, {"bewijs": "goed-onderbouwd"}, {"leeftijd": ["jongeren", "kinderen"]}]
    from search import engine

    prefix = request.getfixturevalue("demo_index")
    for combo in combos:
        settings.SEARCH_URL = ""
        on_database = api(client, **combo)
        from tests.search.conftest import ENGINE_URL

        settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX = ENGINE_URL, prefix
        engine.breaker.reset()
        on_engine = api(client, **combo)
        assert on_engine["backend"] == "engine"
        assert on_engine["total"] == on_database["total"]
        assert on_engine["facets"] == on_database["facets"]
        assert [r["slug"] for r in on_engine["results"]] == [r["slug"] for r in on_database["results"]]


def test_a_word_naming_a_facet_value_offers_that_filter_with_its_count(client, backend):
    carrying = live().filter(target_groups__slug="gemeenteambtenaren").count()
    data = api(client, q="gemeenteambtenaren")
    offered = {(s["param"], s["value"]): s for s in data["facet_suggestions"]}
    assert offered[("doelgroep", "gemeenteambtenaren")]["count"] == carrying > 0
    # Methods carrying the value come first.
    assert "gemeenteambtenaren" in data["results"][0]["facets"]["doelgroep"][0]["value"] or any(
        v["value"] == "gemeenteambtenaren" for v in data["results"][0]["facets"]["doelgroep"])
    # An evidence level in words; a chosen filter is not offered again.
    assert ("bewijs", "goed-onderbouwd") in {(s["param"], s["value"])
                                             for s in api(client, q="goed onderbouwd vmbo")["facet_suggestions"]}
    chosen = api(client, q="gemeenteambtenaren", doelgroep="gemeenteambtenaren")
    assert ("doelgroep", "gemeenteambtenaren") not in {(s["param"], s["value"]) for s in chosen["facet_suggestions"]}


def test_the_page_offers_filter_words_and_says_when_it_widened(client, backend):
    html = client.get("/zoeken/", {"q": "gemeenteambtenaren kwjibozzle"}).content.decode()
    assert "Geen resultaten voor alle woorden; resultaten voor een deel van uw zoekwoorden." in html
    assert "Filter op doelgroep: gemeenteambtenaren (" in html
    assert "doelgroep=gemeenteambtenaren" in html


@pytest.mark.parametrize("query, slug", [
    ("avim", "meldroutes-mensenhandel-anoniem-melden"),  # an abbreviation the text spells out
    ("wrs", "exploitatievergunning-seksbedrijven-bibob"),  # the abbreviation; the text names the law
])
def test_the_domain_thesaurus_finds_what_slang_and_abbreviations_mean(client, backend, query, slug):
    assert slug in [r["slug"] for r in api(client, q=query)["results"][:10]]


@pytest.mark.search_engine
def test_the_engine_splits_dutch_compounds(client, settings, demo_index):
    from search import engine
    from tests.search.conftest import ENGINE_URL

    settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_TIMEOUT = ENGINE_URL, demo_index, 30.0
    engine.breaker.reset()
    slugs = [r["slug"] for r in api(client, q="arbeidsmigrantenhuisvesting")["results"][:3]]
    assert "aanjaagteam-bescherming-arbeidsmigranten" in slugs


def test_hostile_queries_never_fail(client, backend):
    for q in ["mensenhandel " * 40, "🙂" * 100, " ".join(["loverboy", "pooierboy", "tienerpooier"] * 20),
              "trafficking signs course for volunteers working with asylum seekers human trafficking victims"]:
        # The page forgives (it shortens the query and says so); the API either answers or
        # refuses with a 400 that names the parameter. Never a 5xx, never the fallback.
        assert client.get("/zoeken/", {"q": q}).status_code == 200
        response = client.get("/api/search/", {"q": q})
        if response.status_code == 400:
            assert "q" in response.json()["details"]
            continue
        assert response.status_code == 200
        assert response.json()["degraded"] is False


def test_slang_offers_and_favours_the_taxonomy_value_it_denotes(client, backend):
    # "koppelbaas" occurs in no method text; the thesaurus says it denotes arbeidsuitbuiting.
    data = api(client, q="koppelbaas")
    offered = {(s["param"], s["value"]) for s in data["facet_suggestions"]}
    assert ("vorm", "arbeidsuitbuiting") in offered
    top = data["results"][:3]
    assert top and all(any(v["value"] == "arbeidsuitbuiting" for v in r["facets"]["vorm"]) for r in top)
    # One way only: the taxonomy word does not offer or look for the slang.
    assert "koppelba" not in str(api(client, q="arbeidsuitbuiting")["facet_suggestions"])


def test_a_question_is_ranked_by_its_content_words(client, backend):
    # "wat", "doe", "je", "als" are no reason to rank a method higher.
    asked = [r["slug"] for r in api(client, q="wat doe je als een student wordt geronseld?")
             ["results"][:5]]
    plain = [r["slug"] for r in api(client, q="student geronseld")["results"][:5]]
    assert asked[:3] == plain[:3]


def test_did_you_mean_leaves_other_forms_of_catalogue_words_alone(client, backend):
    # "herken" (of "herkennen") and "krijgt" (of "krijgen") are words, not typos.
    assert not api(client, q="hoe herken ik uitbuiting")["suggestion"]
    assert not api(client, q="wie krijgt hulp")["suggestion"]
    assert api(client, q="tienerpoiers")["suggestion"] == "tienerpooiers"
