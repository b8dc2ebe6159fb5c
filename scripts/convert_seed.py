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
# Only three seed entries name a level on the Dutch ladder. Dates only where the seed
# states one (a month is stored as its first day, and the reason says so). No seed gives
# a "valid until", so none is set: the ladder's usual validity is not a fact about these.

NJI_DATABANK = "Databank Effectieve Jeugdinterventies (NJi)"

RATINGS = {
    "toolkit-love-online": [
        dict(
            quote="Erkend: Goed onderbouwd (Databank Effectieve Jeugdinterventies, NJi)",
            level="goed-onderbouwd",
            assessor=NJI_DATABANK,
            reason=(
                "Erkend als Goed onderbouwd in de Databank Effectieve Jeugdinterventies (NJi). "
                "Volgens de bron is de effectiviteit nog niet onderzocht. De bron noemt geen datum."
            ),
        )
    ],
    # Two versions, two claims: the Herhalingsmodule is "Erkend: Goed onderbouwd"; the
    # Onderbouwversie is called 'effectief volgens goede aanwijzingen' in an NJi overview
    # page, which the seed does not present as a recognition decision. One page covers both
    # versions, so the recorded level is the one stated as a recognition, never the higher one.
    "lang-leve-de-liefde": [
        dict(
            quote="Herhalingsmodule: Erkend: Goed onderbouwd (Databank Effectieve Jeugdinterventies, NJi)",
            level="goed-onderbouwd",
            assessor=NJI_DATABANK,
            reason=(
                "Geldt voor de Herhalingsmodule: erkend als Goed onderbouwd in de Databank Effectieve "
                "Jeugdinterventies (NJi). De Onderbouwversie wordt in het NJi-overzicht van interventies "
                "bij loverboyproblematiek 'effectief volgens goede aanwijzingen' genoemd; de bron noemt dat "
                "geen erkenning en het gaat om een andere versie, dus dat niveau is hier niet vastgelegd. "
                "De bron noemt geen datum."
            ),
        )
    ],
    "girls-talk": [
        dict(
            quote="Erkend: Goed onderbouwd (april 2016, Erkenningscommissie Interventies;",
            level="goed-onderbouwd",
            assessor="Erkenningscommissie Interventies (Databank Effectieve Jeugdinterventies en Loket Gezond Leven)",
            date=datetime.date(2016, 4, 1),
            reason=(
                "Erkend als Goed onderbouwd door de Erkenningscommissie Interventies in april 2016 "
                "(Databank Effectieve Jeugdinterventies en Loket Gezond Leven). De bron noemt alleen de "
                "maand; als datum staat de eerste van die maand. De bron noemt ook effectonderzoek (zie "
                "evaluaties en de toelichting bij het bewijs), maar geen hoger niveau."
            ),
        )
    ],
}

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
             year=2011, design="other"),
        dict(
            quote="Regioplan-onderzoek naar belemmerende factoren voor duurzame uitstap (december 2017)",
            title="Regioplan-onderzoek naar belemmerende factoren voor duurzame uitstap (december 2017)",
            year=2017,
            design="other",
        ),
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

# Numeric ages only where the seed's text gives clear bounds for the whole method; keyed
# by the exact age text so a changed seed is noticed. Left out on purpose:
#   lang-leve-de-liefde "onderbouw vmbo; herhalingsmodule 15-16 jaar" (bounds for one version only),
#   campagne-ook-online-ouders "ouders van kinderen van 5-17 jaar" (the ages of the children, not the audience),
#   child-focus-tienerpooiers "GPS: vanaf 11 jaar" (one component only).
AGES = {
    "12-16 jaar": (12, 16),
    "12-15 jaar": (12, 15),
    "14-20/21 jaar": (14, 21),
    "vooral 18-25 jaar": (18, 25),
}

# Seed keys and where they go. Anything else in the seed is an error, so a new seed field
# gets a deliberate decision instead of being dropped silently.
SEED_KEYS = {
    "slug", "title_nl", "title_en", "summary_nl", "summary_en", "owner", "themes", "target_groups",
    "approach_type", "setting", "age_range", "evidence", "embedding_notes", "sources", "confidence",
    "duration", "costs",
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
    age_from, age_to = AGES.get(age_note, (None, None))

    ratings = []
    for spec in RATINGS.get(slug, []):
        _require_quote(slug, "evidence", spec["quote"], evidence)
        ratings.append(fmt.RatingRecord(level=spec["level"], assessor=spec["assessor"],
                                        date=spec.get("date"), reason=spec["reason"]))
    evaluations = []
    for spec in EVALUATIONS.get(slug, []):
        _require_quote(slug, "evidence", spec["quote"], evidence)
        evaluations.append(fmt.EvaluationRecord(title=spec["title"], design=spec["design"],
                                                year=spec.get("year"), finding=spec.get("finding", "")))
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
        age_from=age_from,
        age_to=age_to,
        age_note=age_note,
        costs=entry.get("costs", ""),
        duration=entry.get("duration", ""),
        confidence=entry["confidence"],
        evidence_note=evidence,  # always, verbatim: it is what the sources say
        ratings=ratings,
        embedding=embedding,
        evaluations=evaluations,
        sources=list(entry["sources"]),
        embedding_notes=notes,
    )


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
    for table in (RATINGS, EVALUATIONS, EMBEDDING):
        missing = set(table) - {e["slug"] for e in entries}
        if missing:
            raise SystemExit(f"hand mapping names unknown slugs: {sorted(missing)}")
    unused_ages = set(AGES) - {e.get("age_range") for e in entries}
    if unused_ages:
        raise SystemExit(f"age mapping names unknown age texts: {sorted(unused_ages)}")

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
