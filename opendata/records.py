"""One method as open data: the flat CSV row and the nested JSON object, and the
documented schemas of both (Frictionless Table Schema for the CSV, JSON Schema for
the JSON). FIELDS is the single definition the rows, the CSV header and the Table
Schema are made from, so they cannot drift apart."""

from django.conf import settings

from methods.models import MethodPage

TAXONOMIES = [
    # (relation on MethodPage, CSV/JSON name, description)
    ("forms_of_exploitation", "vormen_van_uitbuiting", "Vormen van uitbuiting"),
    ("target_groups", "doelgroepen", "Doelgroepen"),
    ("approach_types", "soorten_aanpak", "Soorten aanpak"),
    ("settings", "settings", "Settings (waar de methode wordt uitgevoerd)"),
]
LIST_SEPARATOR = "|"


def live_methods():
    return (
        MethodPage.objects.live().public().order_by("title", "pk")
        .select_related("cost_band", "owner_organisation")
        .prefetch_related(*(relation for relation, _, _ in TAXONOMIES), "ratings", "sources")
    )


def _rating(page):
    rating = page.current_rating
    return {
        "niveau": page.evidence_level_slug,
        "label": str(page.get_evidence_level_display()),
        "datum": rating.date.isoformat() if rating and rating.date else None,
        "beoordelaar": rating.assessor if rating else None,
    }


def _iso(value):
    return value.isoformat() if value else None


def method_object(page, base_url):
    """The JSON object for one method (see json_schema())."""
    owner = page.owner_organisation
    return {
        "slug": page.slug,
        "titel": page.title,
        "titel_en": page.title_en or None,
        "samenvatting": page.summary,
        "samenvatting_en": page.summary_en or None,
        "url": base_url.rstrip("/") + page.url,
        "bewijsniveau": _rating(page),
        **{name: [{"slug": item.slug, "label": item.name} for item in getattr(page, relation).all()]
           for relation, name, _ in TAXONOMIES},
        "leeftijd_vanaf": page.age_from,
        "leeftijd_tot": page.age_to,
        "kostenklasse": {"slug": page.cost_band.slug, "label": page.cost_band.name} if page.cost_band_id else None,
        "kosten": page.costs or None,
        "duur": page.duration or None,
        "intensiteit": page.intensity or None,
        "eigenaar": {"naam": owner.name, "website": owner.website or None} if owner else None,
        "website": page.website or None,
        "contact_organisatie": page.contact_organisation or None,
        "status": page.status or None,
        "laatst_bekeken": _iso(page.last_reviewed),
        "laatst_gepubliceerd": _iso(page.last_published_at),
        "bronnen": [source.url for source in page.sources.all()],
    }


def _joined(values):
    return LIST_SEPARATOR.join(values)


def _flat(obj):
    row = {
        "slug": obj["slug"], "titel": obj["titel"], "titel_en": obj["titel_en"] or "",
        "samenvatting": obj["samenvatting"], "samenvatting_en": obj["samenvatting_en"] or "", "url": obj["url"],
        "bewijsniveau": obj["bewijsniveau"]["niveau"], "bewijsniveau_label": obj["bewijsniveau"]["label"],
        "bewijsniveau_datum": obj["bewijsniveau"]["datum"] or "",
        "bewijsniveau_beoordelaar": obj["bewijsniveau"]["beoordelaar"] or "",
    }
    for _relation, name, _ in TAXONOMIES:
        row[name] = _joined(item["slug"] for item in obj[name])
        row[f"{name}_labels"] = _joined(item["label"] for item in obj[name])
    band, owner = obj["kostenklasse"], obj["eigenaar"]
    row.update({
        "leeftijd_vanaf": "" if obj["leeftijd_vanaf"] is None else obj["leeftijd_vanaf"],
        "leeftijd_tot": "" if obj["leeftijd_tot"] is None else obj["leeftijd_tot"],
        "kostenklasse": band["slug"] if band else "", "kostenklasse_label": band["label"] if band else "",
        "kosten": obj["kosten"] or "", "duur": obj["duur"] or "", "intensiteit": obj["intensiteit"] or "",
        "eigenaar": owner["naam"] if owner else "", "eigenaar_website": (owner or {}).get("website") or "",
        "website": obj["website"] or "", "contact_organisatie": obj["contact_organisatie"] or "",
        "status": obj["status"] or "", "laatst_bekeken": obj["laatst_bekeken"] or "",
        "laatst_gepubliceerd": obj["laatst_gepubliceerd"] or "", "bronnen": _joined(obj["bronnen"]),
    })
    return row


def method_row(page, base_url):
    """The CSV row (a dict in FIELDS order) for one method."""
    return _flat(method_object(page, base_url))


LEVEL_SLUGS = ["niet-beoordeeld", "goed-beschreven", "goed-onderbouwd", "effectief-eerste-aanwijzingen",
               "effectief-goede-aanwijzingen", "effectief-sterke-aanwijzingen"]

# (name, Table Schema type, description, extra constraints)
FIELDS = [
    ("slug", "string", "Vaste naam van de methode in adressen", {"required": True, "unique": True,
                                                                  "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}),
    ("titel", "string", "Titel", {"required": True}),
    ("titel_en", "string", "Engelse titel", {}),
    ("samenvatting", "string", "Samenvatting", {"required": True}),
    ("samenvatting_en", "string", "Engelse samenvatting", {}),
    ("url", "string", "Adres van de methodepagina", {"required": True}),
    ("bewijsniveau", "string", "Huidig bewijsniveau (slug op de Nederlandse ladder)",
     {"required": True, "enum": LEVEL_SLUGS}),
    ("bewijsniveau_label", "string", "Huidig bewijsniveau (naam)", {"required": True}),
    ("bewijsniveau_datum", "date", "Datum van het huidige oordeel (leeg: onbekend of niet beoordeeld)", {}),
    ("bewijsniveau_beoordelaar", "string", "Wie het huidige oordeel gaf", {}),
    *[field for _r, name, label in TAXONOMIES for field in (
        (name, "string", f"{label}: slugs, gescheiden door {LIST_SEPARATOR}", {}),
        (f"{name}_labels", "string", f"{label}: namen, gescheiden door {LIST_SEPARATOR}", {}),
    )],
    ("leeftijd_vanaf", "integer", "Leeftijd vanaf (jaar)", {"minimum": 0, "maximum": 120}),
    ("leeftijd_tot", "integer", "Leeftijd tot en met (jaar)", {"minimum": 0, "maximum": 120}),
    ("kostenklasse", "string", "Kostenklasse (slug)", {}),
    ("kostenklasse_label", "string", "Kostenklasse (naam)", {}),
    ("kosten", "string", "Kosten (vrije tekst uit de bron)", {}),
    ("duur", "string", "Duur", {}),
    ("intensiteit", "string", "Intensiteit", {}),
    ("eigenaar", "string", "Organisatie die de methode bezit", {}),
    ("eigenaar_website", "string", "Website van de eigenaar", {}),
    ("website", "string", "Website van de methode of aanbieder", {}),
    ("contact_organisatie", "string", "Organisatie die gemeenten over de methode kunnen benaderen", {}),
    ("status", "string", "active (actief) of discontinued (beëindigd); leeg: geen bron zegt of de methode nog loopt",
     {"enum": ["active", "discontinued"]}),
    ("laatst_bekeken", "date", "Datum waarop de beschrijving laatst is nagekeken", {}),
    ("laatst_gepubliceerd", "datetime", "Tijdstip van de laatste publicatie (ISO 8601)", {}),
    ("bronnen", "string", f"Adressen van de bronnen, gescheiden door {LIST_SEPARATOR}", {}),
]
FIELD_NAMES = [name for name, *_ in FIELDS]


def table_schema():
    """Frictionless Table Schema of methoden.csv."""
    return {
        "fields": [
            {"name": name, "type": kind, "description": description,
             **({"format": "default"} if kind in ("date", "datetime") else {}),
             **({"constraints": constraints} if constraints else {})}
            for name, kind, description, constraints in FIELDS
        ],
        "primaryKey": "slug",
        "missingValues": [""],
    }


def json_schema(base_url):
    """JSON Schema (2020-12) of methoden.json."""
    nullable_string = {"type": ["string", "null"]}
    term = {"type": "object", "required": ["slug", "label"], "additionalProperties": False,
            "properties": {"slug": {"type": "string"}, "label": {"type": "string"}}}
    age = {"type": ["integer", "null"], "minimum": 0, "maximum": 120}
    method = {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "titel", "samenvatting", "url", "bewijsniveau", "bronnen",
                     *(name for _r, name, _l in TAXONOMIES)],
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
            "titel": {"type": "string"}, "titel_en": nullable_string,
            "samenvatting": {"type": "string"}, "samenvatting_en": nullable_string,
            "url": {"type": "string", "format": "uri"},
            "bewijsniveau": {
                "type": "object", "additionalProperties": False, "required": ["niveau", "label", "datum", "beoordelaar"],
                "properties": {"niveau": {"enum": LEVEL_SLUGS}, "label": {"type": "string"},
                               "datum": {"type": ["string", "null"], "format": "date"},
                               "beoordelaar": nullable_string},
            },
            **{name: {"type": "array", "items": term, "description": label} for _r, name, label in TAXONOMIES},
            "leeftijd_vanaf": age, "leeftijd_tot": age,
            "kostenklasse": {"oneOf": [term, {"type": "null"}]},
            "kosten": nullable_string, "duur": nullable_string, "intensiteit": nullable_string,
            "eigenaar": {"oneOf": [{"type": "null"}, {
                "type": "object", "additionalProperties": False, "required": ["naam", "website"],
                "properties": {"naam": {"type": "string"}, "website": nullable_string}}]},
            "website": {"type": ["string", "null"], "format": "uri"},
            "contact_organisatie": nullable_string,
            "status": {"enum": ["active", "discontinued", None]},
            "laatst_bekeken": {"type": ["string", "null"], "format": "date"},
            "laatst_gepubliceerd": {"type": ["string", "null"], "format": "date-time"},
            "bronnen": {"type": "array", "items": {"type": "string", "format": "uri"}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base_url.rstrip("/") + "/open-data/methoden.schema.json",
        "title": "Preventiecatalogus Mensenhandel: methoden",
        "type": "object",
        "required": ["licentie", "aantal", "methoden"],
        "properties": {
            "licentie": {"type": "object"},
            "aantal": {"type": "integer", "minimum": 0},
            "methoden": {"type": "array", "items": method},
        },
    }


def licence():
    return dict(settings.OPEN_DATA_LICENSE)
