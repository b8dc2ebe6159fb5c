"""The public list of pilot results: a GET form whose URL is the state."""

import datetime

import pytest
from django.urls import reverse

from tests.factories.methods import ExploitationFormFactory, MethodPageFactory
from tests.factories.pilots import PilotResultPageFactory, municipality

URL = reverse("pilots:list")


@pytest.fixture
def pilots(db):
    labour = ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    sexual = ExploitationFormFactory(name="seksuele uitbuiting", slug="seksuele-uitbuiting")
    fairwork = MethodPageFactory(title="Voorlichting arbeidsmigranten", slug="voorlichting", forms_of_exploitation=[labour])
    girls = MethodPageFactory(title="Girls' Talk", slug="girls-talk", forms_of_exploitation=[sexual])
    return {
        "utrecht": PilotResultPageFactory(parent=girls, title="Pilot Utrecht", municipality=municipality("GM0344"),
                                          period_start=datetime.date(2022, 1, 1)),
        "zwolle": PilotResultPageFactory(parent=girls, title="Pilot Zwolle", municipality=municipality("GM0193"),
                                         period_start=datetime.date(2023, 1, 1)),
        "westland": PilotResultPageFactory(parent=fairwork, title="Pilot Westland", municipality=municipality("GM1783"),
                                           period_start=datetime.date(2024, 1, 1)),
        "draft": PilotResultPageFactory(parent=fairwork, title="Pilot in concept", municipality=municipality("GM0363"),
                                        live=False),
    }


def titles(response):
    html = response.content.decode()
    return [name for name in ("Pilot Utrecht", "Pilot Zwolle", "Pilot Westland", "Pilot in concept") if name in html]


def test_lists_published_pilots_newest_period_first(client, pilots):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["Pilot Utrecht", "Pilot Zwolle", "Pilot Westland"]
    assert html.index("Pilot Westland") < html.index("Pilot Zwolle") < html.index("Pilot Utrecht")
    assert "3 praktijkresultaten" in html
    assert 'name="robots" content="noindex' not in html


def test_filter_by_municipality(client, pilots):
    response = client.get(URL, {"gemeente": "GM0193"})
    assert titles(response) == ["Pilot Zwolle"]
    html = response.content.decode()
    assert "1 praktijkresultaat<" in html
    assert 'content="noindex, follow"' in html
    assert "Gemeente: Zwolle" in html  # the chip, which links to the list without this filter
    assert f'href="?"' in html


def test_filter_by_form_of_exploitation(client, pilots):
    assert titles(client.get(URL, {"vorm": "seksuele-uitbuiting"})) == ["Pilot Utrecht", "Pilot Zwolle"]
    assert titles(client.get(URL, {"vorm": "arbeidsuitbuiting"})) == ["Pilot Westland"]


def test_filter_by_method_and_combined(client, pilots):
    assert titles(client.get(URL, {"methode": "girls-talk"})) == ["Pilot Utrecht", "Pilot Zwolle"]
    response = client.get(URL, {"methode": "girls-talk", "gemeente": "GM0344"})
    assert titles(response) == ["Pilot Utrecht"]
    html = response.content.decode()
    # Removing the municipality chip keeps the method filter.
    assert 'href="?methode=girls-talk"' in html


def test_options_only_offer_what_has_results(client, pilots):
    html = client.get(URL).content.decode()
    assert '<option value="GM0344">Utrecht (1)</option>' in html
    assert 'value="GM0363"' not in html  # Amsterdam has only a draft
    assert '<option value="girls-talk">Girls&#x27; Talk</option>' in html


def test_unknown_filter_value_is_a_400_with_a_message_at_the_field(client, pilots):
    response = client.get(URL, {"gemeente": "GM9999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#filter-gemeente"' in html
    assert 'aria-describedby="filter-gemeente-error"' in html
    assert "Onbekende waarde" in html


def test_no_results_gives_advice(client, pilots):
    response = client.get(URL, {"gemeente": "GM0344", "vorm": "arbeidsuitbuiting"})
    assert response.status_code == 200
    assert "Verwijder een filter" in response.content.decode()


def test_nav_links_to_the_list(client, pilots):
    html = client.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in html
