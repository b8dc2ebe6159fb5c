"""Comparing 2 to 4 methods at /vergelijk/, and the "Vergelijk" forms that lead there."""

import re

import pytest
from django.test import Client

from methods.models import EvidenceLevel, Organisation
from tests.factories.methods import MethodPageFactory, TargetGroupFactory, rating
from tests.factories.pilots import PilotResultPageFactory, municipality


@pytest.fixture
def trio(db, settings):
    settings.SEARCH_URL = ""
    youth = TargetGroupFactory(name="jongeren", slug="jongeren")
    parents = TargetGroupFactory(name="ouders", slug="ouders")
    owner = Organisation.objects.create(name="Stichting Voorbeeld", email="info@voorbeeld.nl")
    a = MethodPageFactory(title="Gastles Alfa", slug="alfa", target_groups=[youth, parents], costs="€ 500 per klas",
                          owner_organisation=owner,
                          ratings=[rating(level=EvidenceLevel.WELL_FOUNDED, date=__import__("datetime").date(2021, 3, 4))])
    b = MethodPageFactory(title="Chat Beta", slug="beta", target_groups=[youth], costs="€ 500 per klas")
    c = MethodPageFactory(title="Campagne Gamma", slug="gamma", target_groups=[youth])
    PilotResultPageFactory(parent=b, title="Beta in Utrecht", municipality=municipality("GM0344"))
    MethodPageFactory(title="Concept Delta", slug="delta", live=False)
    return a, b, c


def row(html, label):
    match = re.search(rf'<tr class="(compare-row--\w+)">\s*<th scope="row" class="compare-table__field">{re.escape(label)}(.*?)</tr>',
                      html, re.S)
    assert match, f"no row {label}"
    cells = re.findall(r'<td class="compare-table__value" lang="nl">(.*?)</td>', match.group(2), re.S)
    return match.group(1), [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells]


def test_three_methods_side_by_side_one_row_per_field(trio):
    response = Client().get("/vergelijk/?m=alfa&m=beta&m=gamma")
    assert response.status_code == 200
    html = response.content.decode()
    headers = re.findall(r'<th scope="col" class="compare-table__method">\s*<a class="utrecht-link" href="[^"]+" lang="nl">([^<]+)</a>', html)
    assert headers == ["Gastles Alfa", "Chat Beta", "Campagne Gamma"]
    kind, cells = row(html, "Bewijsniveau")
    assert kind == "compare-row--differs"
    assert cells[0].startswith("Goed onderbouwd") and "4 maart 2021" in cells[0]
    assert cells[1].startswith("Niet beoordeeld")
    for label in ("Doelgroepen", "Vormen van uitbuiting", "Aanpak", "Kosten", "Uitvoering en deskundigheid",
                  "Training en licentie", "Borging", "Status", "Gemeenten die het gebruiken", "Eigenaar en contact"):
        assert len(row(html, label)[1]) == 3, label
    assert row(html, "Status")[0] == "compare-row--same"
    assert row(html, "Gemeenten die het gebruiken")[1][1].startswith("Utrecht")
    assert "info@voorbeeld.nl" in row(html, "Eigenaar en contact")[1][0]


def test_items_not_all_methods_share_are_marked(trio):
    html = Client().get("/vergelijk/?m=alfa&m=beta").content.decode()
    _kind, cells = row(html, "Doelgroepen")
    assert "Ouders (niet bij alle methoden)" in cells[0]
    assert "Jongeren (niet bij alle methoden)" not in cells[0]


def test_only_the_differences(trio):
    html = Client().get("/vergelijk/?m=alfa&m=beta&verschillen=1").content.decode()
    assert "compare-row--same" not in html
    assert row(html, "Bewijsniveau")[0] == "compare-row--differs"
    assert 'href="/vergelijk/?m=alfa&amp;m=beta"' in html  # back to all rows


@pytest.mark.parametrize("query, status, message", [
    ("m=alfa", 200, "Kies nog één methode om te vergelijken."),
    ("", 200, "Kies twee tot vier methoden"),
    ("m=alfa&m=beta&m=gamma&m=delta&m=onbekend", 400, "bestaan niet (meer)"),
    ("m=alfa&m=onbekend", 400, "Deze methode bestaat niet (meer) in de catalogus: ‘onbekend’."),
])
def test_wrong_numbers_and_unknown_slugs_get_a_message(trio, query, status, message):
    response = Client().get(f"/vergelijk/?{query}")
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "compare-table" not in html.split('class="compare-add"')[0] or "m=beta" in query


def test_five_methods_compare_the_first_four(trio):
    MethodPageFactory(title="Epsilon", slug="epsilon")
    MethodPageFactory(title="Zeta", slug="zeta")
    response = Client().get("/vergelijk/?m=alfa&m=beta&m=gamma&m=epsilon&m=zeta")
    assert response.status_code == 400
    html = response.content.decode()
    assert "maximaal 4 methoden" in html
    assert len(row(html, "Status")[1]) == 4
    assert "Zeta</a>" not in html


def test_hostile_slugs_are_escaped(trio):
    html = Client().get("/vergelijk/?m=%3Cscript%3Ealert(1)%3C/script%3E&m=alfa").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_search_results_offer_a_plain_get_compare_form(trio):
    html = Client().get("/zoeken/").content.decode()
    assert re.search(r'<form id="vergelijk-form" class="compare-form" action="/vergelijk/" method="get">', html)
    boxes = re.findall(r'<input class="compare-pick__box" type="checkbox" form="vergelijk-form" name="m" value="([^"]+)"', html)
    assert set(boxes) == {"alfa", "beta", "gamma"}
    assert 'type="submit" form="vergelijk-form"' in html
    # The compare form is not nested in the search form (browsers would drop it).
    search_form = html.split('id="search-form"', 1)[1].split("</form>", 1)[0]
    assert 'id="vergelijk-form"' not in search_form
    # What the browser sends when two boxes are ticked is a working comparison URL.
    assert Client().get("/vergelijk/", {"m": ["alfa", "gamma"]}).status_code == 200


def test_method_page_offers_comparison_with_similar_methods(trio):
    html = Client().get(trio[0].url).content.decode()
    form = html.split('aria-labelledby="vergelijken"', 1)[1].split("</form>", 1)[0]
    assert 'action="/vergelijk/" method="get"' in form
    assert '<input type="hidden" name="m" value="alfa">' in form
    assert 'type="checkbox" name="m"' in form
