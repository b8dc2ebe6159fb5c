"""Words, synonyms and ranking on controlled data, on both backends."""

import pytest
from django.core.exceptions import ValidationError

from search.models import Synonym
from tests.factories.methods import MethodPageFactory

pytestmark = pytest.mark.django_db


def titles(client, q, **params):
    return [r["title"] for r in client.get("/api/search/", {"q": q, **params}).json()["results"]]


@pytest.fixture
def catalogue(backend):
    pages = [
        MethodPageFactory(title="Voorlichting over loverboys", summary="Gastlessen op scholen."),
        MethodPageFactory(title="Stop tienerpooiers", summary="Campagne in Vlaanderen."),
        MethodPageFactory(title="Arbeidsuitbuiting herkennen", summary="Training voor inspecteurs."),
        MethodPageFactory(title="Campagne tegen geldezels", summary="Jongeren en hun bankrekening."),
        MethodPageFactory(title="Gedwongen criminaliteit voorkomen", summary="Ronselen tegengaan."),
        MethodPageFactory(title="Ondersteuning van sekswerkers", summary="Hulp en informatie over sekswerk."),
        MethodPageFactory(title="Signalen van mensenhandel", summary="Voor professionals over mensenhandel."),
        MethodPageFactory(title="Buurtaanpak", summary="Bewoners letten op signalen.",
                          approach="Bewoners leren signalen van loverboys herkennen."),
    ]
    backend.sync()
    return pages


@pytest.mark.parametrize("query, expected", [
    ("pooierboy", {"Voorlichting over loverboys", "Stop tienerpooiers"}),
    ("romeo pooier", {"Voorlichting over loverboys", "Stop tienerpooiers"}),
    ("labour exploitation", {"Arbeidsuitbuiting herkennen"}),
    ("money mule", {"Campagne tegen geldezels"}),
    ("criminele uitbuiting", {"Gedwongen criminaliteit voorkomen"}),
])
def test_seeded_synonyms_find_each_other(client, catalogue, query, expected):
    assert expected <= set(titles(client, query))


def test_sekswerk_is_not_mensenhandel(client, catalogue):
    assert "Signalen van mensenhandel" not in titles(client, "sekswerk")
    assert "Ondersteuning van sekswerkers" not in titles(client, "mensenhandel")


def test_title_matches_rank_above_body_matches(client, catalogue):
    found = titles(client, "loverboys")
    assert found.index("Voorlichting over loverboys") < found.index("Buurtaanpak")


def test_plural_and_case_do_not_matter(client, catalogue):
    assert "Voorlichting over loverboys" in titles(client, "LOVERBOY")
    assert "Campagne tegen geldezels" in titles(client, "geldezel")


def test_pages_with_more_of_the_words_rank_first(client, catalogue):
    assert titles(client, "loverboys scholen")[0] == "Voorlichting over loverboys"
    # No page has both words: the pages with one of them, and the page says it widened.
    data = client.get("/api/search/", {"q": "loverboys fietsenstalling"}).json()
    assert data["widened"] is True
    assert {"Voorlichting over loverboys", "Buurtaanpak"} <= {r["title"] for r in data["results"]}


def test_synonym_groups_are_validated():
    group = Synonym(terms="Loverboy ,  pooierboy,,loverboy")
    group.full_clean()
    assert group.term_list == ["loverboy", "pooierboy"]
    with pytest.raises(ValidationError):
        Synonym(terms="alleen").full_clean()
    with pytest.raises(ValidationError):
        Synonym(terms="loverboy, pooier=>boy").full_clean()


def test_the_seed_has_the_domain_groups_and_keeps_sekswerk_apart_from_mensenhandel():
    groups = [set(s.term_list) for s in Synonym.objects.all()]
    assert any({"loverboy", "pooierboy", "romeo pooier", "tienerpooier"} <= g for g in groups)
    assert any({"arbeidsuitbuiting", "uitbuiting op het werk", "labour exploitation"} <= g for g in groups)
    assert any({"criminele uitbuiting", "gedwongen criminaliteit"} <= g for g in groups)
    assert any({"geldezel", "money mule"} <= g for g in groups)
    assert not any("sekswerk" in g and "mensenhandel" in g for g in groups)
    # The domain thesaurus: slang, abbreviations, Dutch/English pairs.
    assert any({"county lines", "drugsrunners"} <= g for g in groups)
    assert any({"sekswerk", "prostitutie"} <= g for g in groups)
    assert any({"wrs", "wet regulering sekswerk"} <= g for g in groups)
    assert any("koppelbaas" in g for g in groups) and any("avim" in g for g in groups)


def test_every_word_is_marked_in_title_and_summary(client, catalogue):
    result = client.get("/api/search/", {"q": "loverboys scholen"}).json()["results"][0]
    assert result["highlights"]["title"] == "Voorlichting over <mark>loverboys</mark>"
    assert result["highlights"]["summary"] == "Gastlessen op <mark>scholen</mark>."


def test_editors_maintain_synonyms_in_the_admin(admin_client):
    listing = admin_client.get("/admin/snippets/search/synonym/")
    assert listing.status_code == 200 and str(Synonym.objects.first()) in listing.content.decode()
    response = admin_client.post("/admin/snippets/search/synonym/add/", {"terms": "ronselaar, werver", "note": ""})
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="ronselaar, werver").exists()
    refused = admin_client.post("/admin/snippets/search/synonym/add/", {"terms": "alleen", "note": ""})
    assert refused.status_code == 200 and "minstens twee woorden" in refused.content.decode()


def test_broader_terms_are_validated_and_normalised():
    group = Synonym(terms="koppelbaas, gangmaster", related="Arbeidsuitbuiting,  uitzendbureau , arbeidsuitbuiting")
    group.clean()
    assert group.related == "arbeidsuitbuiting, uitzendbureau"
    with pytest.raises(ValidationError):
        Synonym(terms="koppelbaas, gangmaster", related="arbeids<uitbuiting>").clean()


def test_the_seeded_thesaurus_maps_slang_to_what_it_denotes():
    related = {t: g.related_list for g in Synonym.objects.all() for t in g.term_list}
    assert "arbeidsuitbuiting" in related["koppelbaas"]
    assert "criminele uitbuiting" in related["drugsrunner"]
    assert "seksuele uitbuiting" in related["loverboy"]
