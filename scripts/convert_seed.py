#!/usr/bin/env python
"""One-off, reproducible conversion of the shared demo data into the project's own files.

    .venv/bin/python scripts/convert_seed.py [--shared ../shared/data]

Writes methods/demo_data/methods/<slug>.md (canonical form, via catalogue_format.dump)
from seed-catalogue.json, and methods/demo_data/gemeenten-2025.json from
gemeenten-2025.json. Running it twice gives identical files.

Product-owner rules applied here: only facts from the seed carry over. Every rating,
evaluation and embedding item below is hand-mapped after reading the seed's text, and
each quotes that text; the script checks the quotes still occur in the seed, so a changed
seed fails loudly instead of keeping a claim its source no longer makes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a plain script, without installing the project

from methods import catalogue_format as fmt  # noqa: E402

DEMO = REPO / "methods" / "demo_data"

# --------------------------------------------------------------------------- evidence
# Version 2 of the seed states level, date, valid-until and source for the four rated
# methods (`rating`); those values are taken as they are. What the seed does not carry
# is who decided and in what words: the assessor and the reason below are hand-mapped
# from the evidence text, and each quotes that text so a changed seed fails loudly.
# The seed states no valid-until for any rating, so none is set.

SEED_LEVELS = {
    "goed beschreven": "goed-beschreven",
    "goed onderbouwd": "goed-onderbouwd",
    "effectief - eerste aanwijzingen": "effectief-eerste-aanwijzingen",
    "effectief - goede aanwijzingen": "effectief-goede-aanwijzingen",
    "effectief - sterke aanwijzingen": "effectief-sterke-aanwijzingen",
}
NJI_DATABANK = "Databank Effectieve Jeugdinterventies (NJi)"
JGZ_COMMITTEE = "deelcommissie Jeugdgezondheidszorg, preventie en gezondheidsbevordering"

RATINGS = {
    "merel-van-groningen-project": dict(
        quote="Praktijkbeoordelaars van de commissie Maatschappelijke ondersteuning, participatie en "
              "veiligheid beoordeelden het project als 'goed beschreven'",
        assessor="Databank Effectieve sociale interventies (Movisie)",
        reason=("Beoordeeld door praktijkbeoordelaars van de commissie Maatschappelijke ondersteuning, "
                "participatie en veiligheid. Er is geen effectonderzoek gevonden."),
    ),
    "toolkit-love-online": dict(
        quote=f"Erkend als 'goed onderbouwd' door de {JGZ_COMMITTEE}",
        assessor=NJI_DATABANK,
        reason=f"Erkend door de {JGZ_COMMITTEE}. De effectiviteit is nog niet onderzocht.",
    ),
    # One page covers several versions; the seed's rating is the Onderbouwversie's. The
    # other versions' levels stay in the reason, not as records, so the page's current
    # level is the one the seed gives.
    "lang-leve-de-liefde": dict(
        quote=f"De onderbouwversie is door de {JGZ_COMMITTEE} erkend als 'effectief volgens goede aanwijzingen'",
        assessor=NJI_DATABANK,
        reason=(f"Geldt voor de onderbouwversie, erkend door de {JGZ_COMMITTEE}. De herhalingsmodule en de "
                "vso-versie zijn erkend als 'goed onderbouwd'; Lang Leve de Liefde-mbo is volgens Loket Gezond "
                "Leven 'goed onderbouwd' (erkenning 15 april 2021)."),
    ),
    "girls-talk": dict(
        quote=f"In april 2016 erkend als 'goed onderbouwd' door de {JGZ_COMMITTEE}",
        assessor="Erkenningscommissie Interventies (Loket Gezond Leven)",
        reason=(f"Erkend door de {JGZ_COMMITTEE}. Girls' Talk+ (voor jongeren met een licht verstandelijke "
                "beperking) werd op 24 november 2016 eveneens als 'goed onderbouwd' erkend."),
    ),
}
_GIRLS_TALK_PLUS = "Girls' Talk+ (lvb) werd op 24-11-2016 eveneens als 'goed onderbouwd' erkend"
_LLDL_OTHER = ("De herhalingsmodule en de vso-versie zijn erkend als 'goed onderbouwd'; Lang Leve de "
               "Liefde-mbo is volgens Loket Gezond Leven 'goed onderbouwd' (erkenning 15-04-2021)")
RATING_EXTRA_QUOTES = {"girls-talk": [_GIRLS_TALK_PLUS], "lang-leve-de-liefde": [_LLDL_OTHER]}

# The seed's English markers in the Dutch evidence text ("not rated", "evaluated:"),
# in Dutch: they are shown on Dutch pages. Order matters (longest first).
EVIDENCE_MARKERS = [
    (re.compile(r"\bnot independently rated\b", re.IGNORECASE), "niet onafhankelijk beoordeeld"),
    (re.compile(r"\bnot rated\b", re.IGNORECASE), "niet beoordeeld"),
    (re.compile(r"^evaluated:", re.IGNORECASE), "geëvalueerd:"),
]
_ENGLISH_LEFT = re.compile(r"\b(rated|evaluated|not)\b", re.IGNORECASE)


def dutch_evidence(slug: str, text: str) -> str:
    for pattern, dutch in EVIDENCE_MARKERS:
        text = pattern.sub(dutch, text)
    # Sentence starts stay capitalised ("Not independently rated." -> "Niet onafhankelijk ...").
    text = re.sub(r"(^|[.!?]\s+)([a-zë])", lambda m: m.group(1) + m.group(2).upper(), text)
    if _ENGLISH_LEFT.search(text):
        raise SystemExit(f"{slug}: evidence still has English: {text!r}; extend EVIDENCE_MARKERS")
    return text


# --------------------------------------------------------------------------- status
# The seed marks two entries discontinued; when they ended is hand-mapped from their
# text (quoted, checked). A new discontinued entry fails until it gets a decision here.
ENDED = {
    "terre-des-hommes-watch-sweetie": dict(
        field="summary_nl", quote="Terre des Hommes stopte in juli 2021 met Sweetie en WATCH",
        ended_year=2021,
    ),
    # The seed gives the last extension (to 1 July 2019) and the successor (from 1 January
    # 2021), not the end date in between: no year, the successor as the note.
    "rups-uitstapprogrammas-sekswerkers": dict(
        field="embedding_notes",
        quote="Sinds 1 januari 2021 is RUPS vervangen door de Decentralisatie-uitkering Uitstapprogramma's "
              "Prostituees (DUUP)",
        status_note="Sinds 1 januari 2021 vervangen door de Decentralisatie-uitkering Uitstapprogramma's "
                    "Prostituees (DUUP).",
    ),
}

# Seed cost bands -> the cost band snippets (taxonomies.yaml). "hoog" (> €10,000) spans two
# snippets and no entry has it yet; it fails until someone decides.
COST_BANDS = {"gratis": "gratis", "laag": "tot-1000", "midden": "1000-10000"}

# The seed's README dates version 2, for which every entry was checked against its
# sources again, to December 2026; the day is not given, so the page shows the month.
SEED_REVIEWED = datetime.date(2026, 12, 1)

# Concrete evaluations named in the evidence text. "process" only where the seed calls the
# study a description of practice; otherwise "other" (the seed never states a design).
EVALUATIONS = {
    "girls-talk": [
        dict(
            quote="een gepubliceerde evaluatie (n=210) vond een afname van ongewenste seksuele ervaringen "
            "die niet statistisch significant was (hoge uitval)",
            title="Gepubliceerde evaluatie van Girls' Talk (n=210)",
            design="other",
            finding="Afname van ongewenste seksuele ervaringen die niet statistisch significant was (hoge uitval).",
        )
    ],
    "contactmomenten-intakegesprekken-sekswerkers": [
        dict(
            quote="WODC Cahier 2015-2 'Contactmomenten tussen de overheid en prostituees' "
            "(beschrijving van werkwijzen, praktijkervaringen en gevolgen)",
            title="WODC Cahier 2015-2: Contactmomenten tussen de overheid en prostituees",
            year=2015,
            design="process",
            # The seed describes what the study covers, not what it found.
        )
    ],
    "rups-uitstapprogrammas-sekswerkers": [
        dict(quote="CCV-evaluatie RUPS (april 2011)", title="CCV-evaluatie RUPS (april 2011)",
             year=2011, design="other",
             finding_field="evaluation",
             finding="Uitstappen is complex en langdurig, met problemen op meerdere leefgebieden; "
                     "trajectbegeleiders hebben veel meerwaarde."),
        dict(field="evaluation", quote="Regioplan/WODC (2013): 12 van de 13 RUPS-programma's bestonden medio 2013 nog",
             title="Regioplan/WODC-evaluatie RUPS (2013)", year=2013, design="other",
             finding="12 van de 13 RUPS-programma's bestonden medio 2013 nog; circa 1.750 deelnemers, van wie "
                     "1.002 (57%) uitstapten, met een groot terugvalrisico."),
        dict(
            quote="Regioplan-onderzoek naar belemmerende factoren voor duurzame uitstap (december 2017)",
            title="Regioplan-onderzoek naar belemmerende factoren voor duurzame uitstap (december 2017)",
            year=2017,
            design="other",
        ),
        dict(field="evaluation", quote="Regioplan/Cebeon (2018-2019): nog geen volledig landelijk dekkend netwerk",
             title="Regioplan/Cebeon-evaluatie RUPS II (2018-2019)", year=2019, design="other",
             finding="Nog geen volledig landelijk dekkend netwerk; mannelijke, illegale, thuiswerkende en "
                     "transgender sekswerkers en slachtoffers van seksuele uitbuiting worden onvoldoende "
                     "bereikt; voortgangsgegevens weinig uniform."),
    ],
    "imvo-due-diligence-ketens": [
        dict(
            quote="volgens de kabinetsevaluatie hebben de IMVO-convenanten meerwaarde maar bereiken ze "
            "slechts een klein deel van de bedrijven (2020)",
            title="Kabinetsevaluatie IMVO-convenanten",
            year=2020,
            design="other",
            finding="De IMVO-convenanten hebben meerwaarde maar bereiken slechts een klein deel van de bedrijven.",
        )
    ],
}

# Checklist items only where one sentence or clause of embedding_notes is plainly about one
# item; the notes quote it. The full embedding_notes text always stays in "## Borging".
EMBEDDING = {
    "comensha-kennis-zorgverleners-meldcode": [("policy", "borging via de meldcode")],
    "gemeentelijk-beleid-aandachtsfunctionaris-mensenhandel": [
        ("policy", "Afspraak 5.11 IBP: elke gemeente in 2022 beleid.")],
    "no-place-for-sex-trafficking-certificering": [
        ("staff_training", "Certificaat vereist dat minimaal 60% van het personeel de training voltooit")],
    "rups-uitstapprogrammas-sekswerkers": [("budget", "continuïteit van financiering is een aandachtspunt")],
    "zorgcoordinatie-mensenhandel": [("budget", "VWS gaf vanaf 2018 extra subsidie")],
    "work-in-nl-informatiepunten": [
        ("chain_agreements", "landelijk convenant met o.a. LTO, Glastuinbouw Nederland en de vleessector")],
    "child-focus-tienerpooiers": [
        ("policy", "Ingebed in het Vlaams actieplan tegen tienerpooiers (preventie, opvang, vervolging, "
                   "samenwerking welzijn-justitie-politie)")],
    "payoke-belgisch-model": [
        ("chain_agreements", "Het 'Belgisch model' steunt op samenwerking tussen politie, justitie, "
                             "Dienst Vreemdelingenzaken en erkende shelters"),
        ("budget", "zorgen over duurzame financiering van de drie centra werden publiek geuit"),
    ],
    "uk-modern-slavery-helpline": [
        ("budget", "Financiering bleek kwetsbaar: Unseen lanceerde een noodoproep omdat structurele "
                   "(overheids)financiering ontbrak.")],
}

# Seed keys and where they go. Anything else in the seed is an error, so a new seed field
# gets a deliberate decision instead of being dropped silently.
SEED_KEYS = {
    "slug", "title_nl", "title_en", "summary_nl", "summary_en", "owner", "themes", "target_groups",
    "approach_type", "setting", "age_range", "evidence", "embedding_notes", "sources", "confidence",
    "duration", "costs",
    # version 2
    "problem", "goals", "approach", "delivery", "training", "evaluation", "cost_band", "website",
    "contact_org", "age_min", "age_max", "rating", "status", "details_confidence",
}


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = _first_upper(text)
    return text if text.endswith((".", "!", "?")) else text + "."


def convert_entry(entry: dict, vocab: dict[str, dict[str, str]]) -> fmt.MethodRecord:
    unknown = set(entry) - SEED_KEYS
    if unknown:
        raise SystemExit(f"{entry['slug']}: unmapped seed fields {sorted(unknown)}")
    slug = entry["slug"]
    evidence = entry["evidence"]
    notes = entry.get("embedding_notes", "")

    def term_names(taxonomy: str, values: list[str]) -> list[str]:
        return [vocab[taxonomy][value] for value in values]

    age_note = entry.get("age_range", "")
    age_from, age_to = entry.get("age_min"), entry.get("age_max")

    ratings = []
    if "rating" in entry:
        seed_rating = entry["rating"]
        spec = RATINGS.get(slug)
        if spec is None:
            raise SystemExit(f"{slug}: the seed rates it; add an assessor and reason to RATINGS")
        told = f"{evidence} {entry.get('evaluation', '')}"
        for quote in (spec["quote"], *RATING_EXTRA_QUOTES.get(slug, [])):
            _require_quote(slug, "evidence/evaluation", quote, told)
        ratings.append(fmt.RatingRecord(
            level=SEED_LEVELS[seed_rating["level"]], assessor=spec["assessor"],
            date=_date(seed_rating.get("date")), valid_until=_date(seed_rating.get("valid_until")),
            source=seed_rating.get("source", ""), reason=spec["reason"],
        ))
    elif slug in RATINGS:
        raise SystemExit(f"{slug}: RATINGS has a reason but the seed gives no rating")

    evaluations = []
    for spec in EVALUATIONS.get(slug, []):
        field_name = spec.get("field", "evidence")
        _require_quote(slug, field_name, spec["quote"], entry.get(field_name, ""))
        if spec.get("finding_field"):
            _require_quote(slug, spec["finding_field"], spec["finding"].rstrip(".")[1:],
                           entry.get(spec["finding_field"], ""))
        elif spec.get("field") == "evaluation" and spec.get("finding"):
            _require_quote(slug, "evaluation", spec["finding"].rstrip(".")[1:], entry["evaluation"])
        evaluations.append(fmt.EvaluationRecord(title=spec["title"], design=spec["design"],
                                                year=spec.get("year"), finding=spec.get("finding", "")))

    status = entry.get("status", "")
    ended = ENDED.get(slug, {})
    if status == "discontinued":
        if not ended:
            raise SystemExit(f"{slug}: discontinued in the seed; decide its end in ENDED")
        _require_quote(slug, ended["field"], ended["quote"], entry.get(ended["field"], ""))
    elif ended:
        raise SystemExit(f"{slug}: ENDED names it but the seed does not say it ended")

    cost_band = ""
    if entry.get("cost_band"):
        if entry["cost_band"] not in COST_BANDS:
            raise SystemExit(f"{slug}: cost band {entry['cost_band']!r} has no snippet mapping")
        cost_band = COST_BANDS[entry["cost_band"]]

    embedding = []
    for item, quote in EMBEDDING.get(slug, []):
        _require_quote(slug, "embedding_notes", quote, notes)
        embedding.append(fmt.EmbeddingItem(item=item, notes=_sentence(quote)))

    return fmt.MethodRecord(
        slug=slug,
        title=entry["title_nl"],
        title_en=entry["title_en"],
        summary=entry["summary_nl"],
        summary_en=entry["summary_en"],
        owner=entry["owner"],
        forms_of_exploitation=term_names("forms_of_exploitation", entry["themes"]),
        target_groups=term_names("target_groups", entry["target_groups"]),
        approach_types=term_names("approach_types", entry["approach_type"]),
        settings=term_names("settings", entry["setting"]),
        contact_organisation=entry.get("contact_org", ""),
        website=entry.get("website", ""),
        age_from=age_from,
        age_to=age_to,
        age_note=age_note,
        costs=entry.get("costs", ""),
        cost_band=cost_band,
        duration=entry.get("duration", ""),
        status=status,
        ended_year=ended.get("ended_year"),
        status_note=ended.get("status_note", ""),
        last_reviewed=SEED_REVIEWED,
        confidence=entry["confidence"],
        details_confidence=entry.get("details_confidence", ""),
        # always: it is what the sources say (the seed's English markers in Dutch)
        evidence_note=dutch_evidence(slug, evidence),
        ratings=ratings,
        embedding=embedding,
        evaluations=evaluations,
        sources=list(entry["sources"]),
        problem=entry.get("problem", ""),
        goals=entry.get("goals", ""),
        approach=entry.get("approach", ""),
        delivery=entry.get("delivery", ""),
        training=entry.get("training", ""),
        evaluation=entry.get("evaluation", ""),
        embedding_notes=notes,
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _require_quote(slug: str, field: str, quote: str, text: str) -> None:
    if quote not in text:
        raise SystemExit(f"{slug}: {field} no longer says {quote!r}; review the hand mapping")


def load_vocabulary() -> dict[str, dict[str, str]]:
    """Seed value -> taxonomy name, per taxonomy. A seed value matches a term's name or slug."""
    data = yaml.safe_load((DEMO / "taxonomies.yaml").read_text(encoding="utf-8"))
    result = {}
    for taxonomy in fmt.VOCABULARY_KEYS:
        mapping = {}
        for term in data[taxonomy]:
            mapping[term["name"]] = term["name"]
            mapping[term["slug"]] = term["name"]
        result[taxonomy] = mapping
    return result


def convert_methods(seed_path: Path, out_dir: Path) -> list[fmt.MethodRecord]:
    entries = json.loads(seed_path.read_text(encoding="utf-8"))
    vocab = load_vocabulary()
    for table in (RATINGS, EVALUATIONS, EMBEDDING, ENDED):
        missing = set(table) - {e["slug"] for e in entries}
        if missing:
            raise SystemExit(f"hand mapping names unknown slugs: {sorted(missing)}")

    out_dir.mkdir(parents=True, exist_ok=True)
    records, written = [], set()
    for entry in entries:
        try:
            record = convert_entry(entry, vocab)
        except KeyError as exc:
            raise SystemExit(f"{entry['slug']}: vocabulary value {exc} missing from taxonomies.yaml") from exc
        text = fmt.dump(record)
        parsed, errors = fmt.parse_text(text, f"{record.slug}.md")
        if errors:
            raise SystemExit("\n".join(map(str, errors)))
        if fmt.dump(parsed) != text:
            raise SystemExit(f"{record.slug}: dump is not stable")
        if record.slug in written:
            raise SystemExit(f"duplicate slug {record.slug}")
        (out_dir / f"{record.slug}.md").write_text(text, encoding="utf-8")
        written.add(record.slug)
        records.append(record)
    # Files left over from an earlier run of a changed seed would otherwise linger.
    for stale in sorted(set(p.stem for p in out_dir.glob("*.md")) - written):
        (out_dir / f"{stale}.md").unlink()
    return records


def _name_key(name: str) -> tuple[str, str]:
    # Dutch convention: "'s-Gravenhage" files under G; accents do not change the order.
    bare = re.sub(r"^'[st][- ]", "", name)
    bare = "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))
    return bare.casefold(), name


def convert_municipalities(source: Path, target: Path) -> int:
    rows = json.loads(source.read_text(encoding="utf-8"))
    municipalities = [
        {"code": row["code"], "name": row["name"], "province": row["province"]}
        for row in sorted(rows, key=lambda row: (_name_key(row["name"]), row["code"]))
    ]
    codes = [m["code"] for m in municipalities]
    if len(municipalities) != 342 or len(set(codes)) != len(codes):
        raise SystemExit(f"expected 342 municipalities with unique codes, got {len(codes)} / {len(set(codes))}")
    if not all(re.fullmatch(r"GM\d{4}", code) for code in codes):
        raise SystemExit("a municipality code is not of the form GM0000")
    data = {
        "reference_date": "2025-01-01",
        "source": "CBS/PDOK gemeentegrenzen 2025",
        "municipalities": municipalities,
    }
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(municipalities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data",
                        help="folder holding seed-catalogue.json and gemeenten-2025.json")
    args = parser.parse_args()

    records = convert_methods(args.shared / "seed-catalogue.json", DEMO / "methods")
    print(f"{len(records)} methods written to {DEMO / 'methods'}")
    print()
    print(f"{'slug':<46} {'level':<17} {'date':<10} assessor")
    for record in records:
        for rating in record.ratings:
            print(f"{record.slug:<46} {rating.level:<17} {str(rating.date or '-'):<10} {rating.assessor}")
    print(f"(the other {sum(not r.ratings for r in records)} methods: no rating record = niet beoordeeld)")
    print()
    for record in records:
        for evaluation in record.evaluations:
            print(f"evaluation  {record.slug}: {evaluation.title} [{evaluation.year or '-'}, {evaluation.design}]")
    for record in records:
        for item in record.embedding:
            print(f"embedding   {record.slug}: {item.item}")
    ages = [r for r in records if r.age_from is not None or r.age_to is not None]
    for record in ages:
        print(f"age         {record.slug}: {record.age_from}-{record.age_to} ({record.age_note})")

    count = convert_municipalities(args.shared / "gemeenten-2025.json", DEMO / "gemeenten-2025.json")
    print()
    print(f"{count} municipalities written to {DEMO / 'gemeenten-2025.json'}")


if __name__ == "__main__":
    main()
