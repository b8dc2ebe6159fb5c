"""GET /api/search/: malformed parameters answer 400 with a message; the OpenAPI document."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("params, name", [
    ({"pagina": "abc"}, "pagina"),
    ({"pagina": "0"}, "pagina"),
    ({"pagina": "-3"}, "pagina"),
    ({"sorteer": "populair"}, "sorteer"),
    ({"per_pagina": "1000"}, "per_pagina"),
    ({"per_pagina": "tien"}, "per_pagina"),
])
def test_malformed_parameters_are_a_400_naming_the_parameter(client, params, name):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "Ongeldige parameters."
    assert name in body["details"] and body["details"][name]


def test_a_good_request_and_its_shape(client, backend):
    from tests.factories.methods import ExploitationFormFactory, MethodPageFactory

    form = ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    MethodPageFactory(title="Keurmerk schoonmaak", summary="Werkgevers controleren onderaannemers.",
                      forms_of_exploitation=[form])
    backend.sync()
    body = client.get("/api/search/", {"q": "keurmerk", "vorm": "arbeidsuitbuiting"}).json()
    assert body["total"] == 1
    result = body["results"][0]
    assert set(result) == {"slug", "title", "url", "summary", "evidence_level", "facets", "highlights"}
    assert result["url"].startswith("http://testserver/")
    assert result["evidence_level"] == {"value": 0, "slug": "niet-beoordeeld", "label": "Niet beoordeeld"}
    assert result["facets"]["vorm"] == [{"value": "arbeidsuitbuiting", "label": "arbeidsuitbuiting"}]
    vorm = next(f for f in body["facets"] if f["param"] == "vorm")
    assert vorm["options"] == [{"value": "arbeidsuitbuiting", "label": "arbeidsuitbuiting", "count": 1, "selected": True}]


def test_openapi_document_describes_the_endpoints(client):
    response = client.get("/api/search/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    operation = doc["paths"]["/api/search/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "vorm", "doelgroep", "aanpak", "setting", "bewijs", "kosten", "leeftijd", "organisatie",
            "sorteer", "pagina", "per_pagina"} <= names
    assert {"200", "400"} <= set(operation["responses"])
    assert "/api/search/autocomplete/" in doc["paths"]
