"""similar_methods: the "Bestaat dit al?" check, on the database and on the engine."""

import pytest

from search.similar import similar_methods
from tests.factories.methods import MethodPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def methods(backend):
    pages = {
        "loverboy": MethodPageFactory(
            title="Gastles over loverboys op school",
            summary="Voorlichting aan jongeren in het voortgezet onderwijs over de werkwijze van loverboys."),
        "werk": MethodPageFactory(
            title="Keurmerk tegen arbeidsuitbuiting in de schoonmaak",
            summary="Werkgevers controleren hun onderaannemers op uitbuiting van arbeidsmigranten."),
        "geld": MethodPageFactory(
            title="Campagne over geldezels",
            summary="Jongeren leren herkennen wanneer hun bankrekening wordt misbruikt."),
        "draft": MethodPageFactory(
            title="Gastles loverboys voor scholen (concept)",
            summary="Voorlichting over loverboys op school.", live=False),
    }
    backend.sync()
    return pages


def test_most_similar_first_and_drafts_left_out(methods):
    found = similar_methods(title="Voorlichting over loverboys",
                            summary="Gastlessen voor jongeren op school over loverboys.")
    assert found, "a near-duplicate must be found"
    assert found[0] == methods["loverboy"]
    assert methods["draft"] not in found
    assert methods["werk"] not in found


def test_exclude_the_page_being_edited(methods):
    page = methods["loverboy"]
    found = similar_methods(title=page.title, summary=page.summary, exclude_page_id=page.pk)
    assert page not in found


def test_limit_and_unrelated_text(methods):
    assert len(similar_methods(title="uitbuiting", summary="jongeren werkgevers loverboys geldezels", limit=1)) <= 1
    assert similar_methods(title="Fietsenstalling", summary="Nieuwe rekken bij het station.") == []
    assert similar_methods(title="", summary="") == []


def test_extra_text_helps(methods):
    found = similar_methods(title="Nieuwe aanpak", summary="",
                            text="Schoonmaakbedrijven en werkgevers, arbeidsmigranten, keurmerk.")
    assert found and found[0] == methods["werk"]
