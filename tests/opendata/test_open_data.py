"""Open-data downloads: CSV, JSON and Markdown of the live catalogue, validated against
the schemas the site publishes; and formaat=csv on the search page and the API."""

import csv
import datetime
import io
import json
import re
import zipfile

import jsonschema
import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from methods import catalogue_format as fmt
from methods.models import EvidenceLevel
from tests.factories.methods import ExploitationFormFactory, MethodPageFactory, TargetGroupFactory, rating


@pytest.fixture
def catalogue(db, settings):
    settings.SEARCH_URL = ""
    labour = ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    youth = TargetGroupFactory(name="jongeren", slug="jongeren")
    MethodPageFactory(title="Keurmerk, met komma", slug="keurmerk", forms_of_exploitation=[labour],
                      target_groups=[youth], age_from=12, age_to=18, summary='Een "samenvatting"\nover twee regels.',
                      ratings=[rating(level=EvidenceLevel.WELL_FOUNDED, date=datetime.date(2022, 5, 1))])
    MethodPageFactory(title="Chat", slug="chat", target_groups=[youth])
    MethodPageFactory(title="Concept", slug="concept", live=False)


def content(response):
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))


def test_catalogue_csv_is_streamed_one_row_per_live_method(catalogue):
    response = Client().get("/open-data/methoden.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert [r["slug"] for r in rows] == ["chat", "keurmerk"]
    keurmerk = rows[1]
    assert keurmerk["titel"] == "Keurmerk, met komma"
    assert keurmerk["samenvatting"] == 'Een "samenvatting"\nover twee regels.'
    assert keurmerk["bewijsniveau"] == "goed-onderbouwd" and keurmerk["bewijsniveau_datum"] == "2022-05-01"
    assert keurmerk["vormen_van_uitbuiting"] == "arbeidsuitbuiting"
    assert keurmerk["doelgroepen_labels"] == "jongeren"
    assert keurmerk["url"] == "http://testserver/methoden/keurmerk/"
    assert keurmerk["leeftijd_vanaf"] == "12"


def test_csv_matches_the_table_schema_in_the_data_package(catalogue):
    package = json.loads(Client().get("/open-data/datapackage.json").content)
    resource = next(r for r in package["resources"] if r["name"] == "methoden-csv")
    fields = resource["schema"]["fields"]
    rows = csv_rows(Client().get("/open-data/methoden.csv"))
    assert list(rows[0].keys()) == [f["name"] for f in fields]
    checks = {
        "integer": lambda v: int(v) >= 0,
        "date": datetime.date.fromisoformat,
        "datetime": datetime.datetime.fromisoformat,
        "string": str,
    }
    for row in rows:
        for f in fields:
            value = row[f["name"]]
            constraints = f.get("constraints", {})
            if value == "":
                assert not constraints.get("required"), f["name"]
                continue
            checks[f["type"]](value)
            if "enum" in constraints:
                assert value in constraints["enum"], f["name"]
            if "pattern" in constraints:
                assert re.fullmatch(constraints["pattern"], value)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"].rsplit("/", 1)[1] for r in package["resources"]} == {
        "methoden.csv", "methoden.json", "methoden-markdown.zip"}


def test_json_validates_against_the_published_json_schema(catalogue):
    response = Client().get("/open-data/methoden.json")
    assert isinstance(response, StreamingHttpResponse)
    data = json.loads(content(response))
    schema = json.loads(Client().get("/open-data/methoden.schema.json").content)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["aantal"] == 2
    keurmerk = next(m for m in data["methoden"] if m["slug"] == "keurmerk")
    assert keurmerk["doelgroepen"] == [{"slug": "jongeren", "label": "jongeren"}]
    assert keurmerk["bewijsniveau"] == {"niveau": "goed-onderbouwd", "label": "Goed onderbouwd",
                                        "datum": "2022-05-01", "beoordelaar": "Erkenningscommissie Interventies"}


def test_a_broken_object_fails_the_schema(catalogue):
    data = json.loads(content(Client().get("/open-data/methoden.json")))
    schema = json.loads(Client().get("/open-data/methoden.schema.json").content)
    data["methoden"][0]["bewijsniveau"]["niveau"] = "heel-goed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_markdown_archive_is_what_the_importer_reads(catalogue):
    response = Client().get("/open-data/methoden-markdown.zip")
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert sorted(archive.namelist()) == ["chat.md", "keurmerk.md"]
    record, errors = fmt.parse_text(archive.read("keurmerk.md").decode(), "keurmerk.md")
    assert errors == []
    assert record.title == "Keurmerk, met komma" and record.target_groups == ["jongeren"]


def test_open_data_page_lists_downloads_and_licence(catalogue):
    html = Client().get("/open-data/").content.decode()
    for href in ("/open-data/methoden.csv", "/open-data/methoden.json", "/open-data/methoden-markdown.zip",
                 "/open-data/datapackage.json", "/open-data/methoden.schema.json",
                 "https://creativecommons.org/licenses/by/4.0/deed.nl"):
        assert f'href="{href}"' in html, href
    assert "<code>bewijsniveau_datum</code>" in html


@pytest.mark.parametrize("path", ["/zoeken/", "/api/search/"])
def test_search_exports_its_current_result_set_as_streamed_csv(catalogue, path):
    response = Client().get(path, {"vorm": "arbeidsuitbuiting", "formaat": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    assert [r["slug"] for r in csv_rows(response)] == ["keurmerk"]
    everything = csv_rows(Client().get(path, {"formaat": "csv"}))
    assert {r["slug"] for r in everything} == {"chat", "keurmerk"}


def test_search_csv_pages_through_more_than_one_results_page(db, settings):
    settings.SEARCH_URL = ""
    for n in range(105):
        MethodPageFactory(title=f"Methode {n:03d}", slug=f"m-{n:03d}")
    rows = csv_rows(Client().get("/zoeken/", {"formaat": "csv", "sorteer": "titel"}))
    assert [r["slug"] for r in rows] == [f"m-{n:03d}" for n in range(105)]


def test_search_page_still_renders_without_formaat(catalogue):
    assert Client().get("/zoeken/?vorm=arbeidsuitbuiting").status_code == 200


def test_search_page_links_to_the_csv_of_its_own_state(catalogue):
    html = Client().get("/zoeken/?vorm=arbeidsuitbuiting&pagina=1").content.decode()
    assert 'href="/zoeken/?vorm=arbeidsuitbuiting&amp;formaat=csv"' in html
    assert 'href="/open-data/"' in Client().get("/").content.decode()
