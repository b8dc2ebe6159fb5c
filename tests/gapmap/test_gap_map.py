"""The evidence-gap map at /bewijskaart/: counts, levels, links, CSV, bad input."""

import csv
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client

from methods.models import EvidenceLevel
from search.facets import facet_catalogue
from search.params import parse
from search.service import run_search
from tests.factories.methods import ExploitationFormFactory, MethodPageFactory, TargetGroupFactory, rating


@pytest.fixture
def small(db, settings):
    settings.SEARCH_URL = ""
    labour = ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    sexual = ExploitationFormFactory(name="seksuele uitbuiting", slug="seksuele-uitbuiting")
    youth = TargetGroupFactory(name="jongeren", slug="jongeren")
    employers = TargetGroupFactory(name="werkgevers", slug="werkgevers")
    MethodPageFactory(title="Gastles", forms_of_exploitation=[sexual], target_groups=[youth],
                      ratings=[rating(level=EvidenceLevel.WELL_FOUNDED)])
    MethodPageFactory(title="Chat", forms_of_exploitation=[sexual], target_groups=[youth])
    MethodPageFactory(title="Keurmerk", forms_of_exploitation=[labour], target_groups=[employers])
    MethodPageFactory(title="Zonder doelgroep", forms_of_exploitation=[labour])
    MethodPageFactory(title="Concept", forms_of_exploitation=[labour], target_groups=[youth], live=False)


def cell_text(html, row, column):
    """The text of the table cell whose hidden context names row and column."""
    match = re.search(rf'<td class="gap-cell[^"]*">\s*<a class="gap-cell__link" href="([^"]+)">'
                      rf'<span class="visually-hidden">{re.escape(row)}, {re.escape(column)}: </span>(.*?)</a>', html, re.S)
    assert match, f"no cell for {row} × {column}"
    return match.group(1).replace("&amp;", "&"), re.sub(r"<[^>]+>|\s+", " ", match.group(2)).split()


def test_cells_count_live_methods_and_name_the_highest_level(small):
    html = Client().get("/bewijskaart/").content.decode()
    url, words = cell_text(html, "Seksuele uitbuiting", "jongeren")
    assert words[:2] == ["2", "methoden"]
    assert "Goed onderbouwd" in " ".join(words)
    _url, words = cell_text(html, "Arbeidsuitbuiting", "werkgevers")
    assert words[:2] == ["1", "methode"] and "Niet beoordeeld" in " ".join(words)
    # The draft with labour × youth does not count: that cell is a gap.
    _url, words = cell_text(html, "Arbeidsuitbuiting", "jongeren")
    assert words == ["Geen", "methoden"]
    assert "1 methode noemt geen" in html  # the method without a target group is accounted for


def test_each_cell_links_to_the_search_with_both_filters_and_the_same_count(small):
    html = Client().get("/bewijskaart/").content.decode()
    url, words = cell_text(html, "Seksuele uitbuiting", "jongeren")
    assert urlsplit(url).path == "/zoeken/"
    query = parse_qsl(urlsplit(url).query)
    assert sorted(query) == [("doelgroep", "jongeren"), ("vorm", "seksuele-uitbuiting")]
    catalogue = facet_catalogue()
    from django.http import QueryDict

    answer = run_search(parse(QueryDict(urlsplit(url).query), catalogue), catalogue)
    assert answer.total == int(words[0])
    page = Client().get(url).content.decode()
    assert "2 methoden gevonden" in page


def test_the_map_is_a_table_with_row_and_column_headers(small):
    html = Client().get("/bewijskaart/").content.decode()
    assert "<caption" in html
    assert re.search(r'<th scope="col" class="gap-map__column" lang="nl">Jongeren</th>', html)
    assert re.search(r'<th scope="row" class="gap-map__row" lang="nl">Seksuele uitbuiting</th>', html)
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_any_two_facets_can_be_chosen(small):
    response = Client().get("/bewijskaart/?rijen=bewijs&kolommen=vorm")
    assert response.status_code == 200
    html = response.content.decode()
    _url, words = cell_text(html, "Goed onderbouwd", "seksuele uitbuiting")
    assert words[:2] == ["1", "methode"]
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("query", ["rijen=onzin", "kolommen=%3Cscript%3E", "rijen=vorm&kolommen=vorm"])
def test_bad_choices_get_a_clear_message_and_the_default_map(small, query):
    response = Client().get(f"/bewijskaart/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "U ziet de standaardkaart" in html
    assert "<script>" not in html
    assert cell_text(html, "Seksuele uitbuiting", "jongeren")[1][0] == "2"


def test_csv_download_has_one_line_per_cell(small):
    response = Client().get("/bewijskaart/?rijen=vorm&kolommen=doelgroep&formaat=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 * 2
    cell = next(r for r in rows if r["rij_waarde"] == "seksuele-uitbuiting" and r["kolom_waarde"] == "jongeren")
    assert cell["aantal_methoden"] == "2"
    assert cell["hoogste_bewijsniveau"] == "goed-onderbouwd"
    assert cell["zoekpagina"].startswith("http://testserver/zoeken/?")
    gap = next(r for r in rows if r["rij_waarde"] == "arbeidsuitbuiting" and r["kolom_waarde"] == "jongeren")
    assert gap["aantal_methoden"] == "0" and gap["hoogste_bewijsniveau"] == ""


def test_home_and_search_page_link_to_the_map(demo_catalogue):
    for path in ("/", "/zoeken/"):
        assert 'href="/bewijskaart/"' in Client().get(path).content.decode(), path


def test_demo_catalogue_shows_its_gaps(demo_catalogue, settings):
    settings.SEARCH_URL = ""
    html = Client().get("/bewijskaart/").content.decode()
    _url, words = cell_text(html, "Orgaanhandel", "jongeren")
    assert words == ["Geen", "methoden"]
    _url, words = cell_text(html, "Seksuele uitbuiting", "jongeren")
    assert int(words[0]) > 0
