"""The Markdown method format: parsing, validation with line numbers, canonical dumping.

Pure Python: no database and no Django, so these run with or without pytest-django.
"""

import datetime
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from methods import catalogue_format as fmt

DEMO = Path(__file__).resolve().parent.parent / "methods" / "demo_data"
DEMO_FILES = sorted((DEMO / "methods").glob("*.md"))

VALID = """\
---
slug: voorbeeld-methode
title: Voorbeeldmethode
summary: Een korte samenvatting.
ratings:
  - level: goed-beschreven
    assessor: Databank
sources:
  - https://example.org/bron
---

## Aanpak

Twee lessen.
"""


def parse(text):
    return fmt.parse_text(text, "test.md")


def only_errors(text):
    record, errors = parse(text)
    assert record is None
    return [(e.line, e.field) for e in errors]


def full_record():
    return fmt.MethodRecord(
        slug="alles-gevuld",
        title="Alles gevuld: een titel met 'aanhalingstekens'",
        summary="Samenvatting.",
        title_en="Everything filled",
        summary_en="Summary.",
        owner="Organisatie",
        forms_of_exploitation=["seksuele uitbuiting", "Alle vormen (algemeen)"],
        target_groups=["jongeren"],
        approach_types=["campagne"],
        settings=["online"],
        age_from=0,
        age_to=18,
        age_note="tot 18 jaar",
        costs="Gratis materiaal",
        cost_band="Gratis",
        duration="Twee weken",
        intensity="Eén uur per week",
        status="discontinued",
        ended_year=2021,
        status_note="Vervangen door een andere regeling.",
        contact_organisation="Contactorganisatie",
        website="https://example.org/methode",
        details_confidence="high",
        last_reviewed=datetime.date(2024, 5, 1),
        confidence="medium",
        evidence_note="Regel één.\nRegel twee: met dubbele punt.",
        ratings=[fmt.RatingRecord("goed-onderbouwd", "NJi", datetime.date(2016, 4, 1),
                                  datetime.date(2021, 4, 1), "Reden.", "https://example.org/oordeel")],
        embedding=[fmt.EmbeddingItem("policy", "Beleid."), fmt.EmbeddingItem("monitoring")],
        evaluations=[fmt.EvaluationRecord("Studie", "rct", 2019, "Effect.", "https://example.org/s", 7)],
        sources=[fmt.SourceRecord("https://example.org/a", "Bron A: 'met' titel"),
                 fmt.SourceRecord("http://example.org/b")],
        seo_title="Alles gevuld | Preventiecatalogus",
        search_description="Beschrijving voor zoekmachines.",
        live=False,
        problem="Probleem.",
        goals="- doel 1\n- doel 2",
        approach="Aanpak.\n\n```\n## geen kop in een codeblok\n```",
        theory="Theorie.",
        delivery="Uitvoering.",
        training="Training.",
        evaluation="Wat onderzoek vond.",
        embedding_notes="Borging.",
        body=fmt.join_body([
            fmt.Block("markdown", "Meer."),
            fmt.Block("quote", "Een citaat\nover twee regels."),
            fmt.Block("image", {"id": 3, "alt": "Een foto --> met pijl", "decorative": False}),
            fmt.Block("markdown", "Nog meer."),
            fmt.Block("image", {"id": 4, "alt": "", "decorative": True}),
        ]),
    )


# --------------------------------------------------------------------------- demo data


def test_demo_catalogue_has_all_59_methods():
    assert len(DEMO_FILES) == 59


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.stem)
def test_demo_file_is_valid_and_round_trips_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    record, errors = fmt.parse_file(path)
    assert errors == []
    assert record.slug == path.stem
    assert fmt.dump(record) == text


def test_demo_vocabulary_exists_in_taxonomies():
    taxonomies = yaml.safe_load((DEMO / "taxonomies.yaml").read_text(encoding="utf-8"))
    known = {key: {t["name"] for t in taxonomies[key]} for key in fmt.VOCABULARY_KEYS}
    for parsed in fmt.iter_folder(DEMO / "methods"):
        for key in fmt.VOCABULARY_KEYS:
            assert set(getattr(parsed.record, key)) <= known[key], (parsed.path, key)
    for key in (*fmt.VOCABULARY_KEYS, "cost_bands"):
        slugs = [t["slug"] for t in taxonomies[key]]
        assert len(slugs) == len(set(slugs))
    assert {"name": "Alle vormen (algemeen)", "slug": "algemeen"}.items() <= next(
        t for t in taxonomies["forms_of_exploitation"] if t["slug"] == "algemeen").items()


def test_demo_data_keeps_unrated_methods_unrated():
    rated = {p.record.slug: [r.level for r in p.record.ratings]
             for p in fmt.iter_folder(DEMO / "methods") if p.record.ratings}
    assert rated == {
        "girls-talk": ["goed-onderbouwd"],
        "lang-leve-de-liefde": ["effectief-goede-aanwijzingen"],
        "merel-van-groningen-project": ["goed-beschreven"],
        "toolkit-love-online": ["goed-onderbouwd"],
    }
    # A cost band only where the data gives one (seven methods).
    banded = {p.record.slug: p.record.cost_band for p in fmt.iter_folder(DEMO / "methods") if p.record.cost_band}
    assert len(banded) == 7 and banded["zorgcoordinatie-mensenhandel"] == "1000-10000"


def test_municipalities_register():
    data = json.loads((DEMO / "gemeenten-2025.json").read_text(encoding="utf-8"))
    assert data["reference_date"] == "2025-01-01"
    rows = data["municipalities"]
    assert len(rows) == 342
    assert len({row["code"] for row in rows}) == 342
    assert all(set(row) == {"code", "name", "province"} for row in rows)
    names = [row["name"] for row in rows]
    assert names.index("'s-Gravenhage") == names.index("Gouda") + 1  # Dutch order ignores "'s-"


# --------------------------------------------------------------------------- valid input


def test_valid_file_parses():
    record, errors = parse(VALID)
    assert errors == []
    assert record.slug == "voorbeeld-methode"
    assert record.status == ""  # not stated: not assumed to be running
    assert record.ratings == [fmt.RatingRecord("goed-beschreven", "Databank")]
    assert record.approach == "Twee lessen."


def test_full_record_round_trips():
    record = full_record()
    text = fmt.dump(record)
    parsed, errors = parse(text)
    assert errors == []
    assert parsed == record
    assert fmt.dump(parsed) == text


def test_dump_is_canonical_for_non_canonical_input():
    messy = VALID.replace("---\n\n## Aanpak", "---\n## aanpak").replace("Twee lessen.\n", "Twee lessen.  \n\n\n")
    messy = messy.replace("slug: voorbeeld-methode", "status: active\nslug: voorbeeld-methode")
    record, errors = parse(messy)
    assert errors == []
    canonical = fmt.dump(record)
    assert canonical != messy
    assert fmt.dump(parse(canonical)[0]) == canonical


def test_dump_treats_none_as_empty():
    # Records built from database rows carry None for empty values.
    record = fmt.MethodRecord(slug="x", title="X", summary="S", sources=["https://e.org"], owner=None,
                              cost_band=None, status=None, problem=None,
                              ratings=[fmt.RatingRecord("niet-beoordeeld", "Panel", reason=None)])
    text = fmt.dump(record)
    assert "owner" not in text and "reason" not in text and "##" not in text
    assert "status" not in text
    assert parse(text)[1] == []


def test_dates_accept_iso_strings_and_crlf():
    text = VALID.replace("assessor: Databank", "assessor: Databank\n    date: '2016-04-01'").replace("\n", "\r\n")
    record, errors = parse(text)
    assert errors == []
    assert record.ratings[0].date == datetime.date(2016, 4, 1)


# --------------------------------------------------------------------------- errors


def test_three_errors_reported_with_lines_and_fields():
    text = """\
---
slug: Geen Slug
title: Titel
summary: Samenvatting.
ratings:
  - level: super-effectief
    assessor: NJi
sources:
  - https://example.org
---

## Aanpak

Tekst.

## Resultaten

Meer tekst.
"""
    assert only_errors(text) == [(2, "slug"), (6, "ratings[0].level"), (16, "body")]


def test_malformed_yaml_reports_its_line():
    text = VALID.replace("title: Voorbeeldmethode", "title: [niet gesloten")
    errors = parse(text)[1]
    assert len(errors) == 1
    assert errors[0].field == "front matter"
    assert errors[0].line == 4  # where YAML notices it; the message names line 3 as the start
    assert "regel 3" in errors[0].message


def test_yaml_tab_indent_is_an_error_not_a_crash():
    assert only_errors(VALID.replace("    assessor", "\tassessor"))[0][1] == "front matter"


def test_missing_or_unterminated_front_matter():
    assert only_errors("# Titel\n\nTekst\n") == [(1, "front matter")]
    assert only_errors("---\nslug: x\n") == [(1, "front matter")]
    assert only_errors("---\n---\n") == [(1, "front matter")]
    assert only_errors("---\n- a\n- b\n---\n") == [(2, "front matter")]


def test_unknown_heading_and_text_before_first_heading():
    text = VALID.replace("## Aanpak", "Losse tekst.\n\n## Aanpak") + "\n## Resultaten\n\nX\n"
    assert only_errors(text) == [(12, "body"), (18, "body")]


def test_duplicate_heading():
    assert only_errors(VALID + "\n## Aanpak\n\nNog eens.\n") == [(16, "approach")]


def test_headings_inside_code_fences_are_text():
    text = VALID.replace("Twee lessen.", "```\n## Geen kop\n```")
    record, errors = parse(text)
    assert errors == []
    assert "## Geen kop" in record.approach


def test_missing_required_fields_and_unknown_keys():
    text = "---\ntitle: Titel\nproblem: hoort in de tekst\nfoo: bar\n---\n"
    assert only_errors(text) == [(1, "slug"), (1, "sources"), (1, "summary"), (3, "problem"), (4, "foo")]


def test_wrong_types():
    text = VALID.replace("title: Voorbeeldmethode", "title: 2024\ntarget_groups: jongeren\nage_from: 'twaalf'\n"
                         "age_to: yes")
    assert only_errors(text) == [(3, "title"), (4, "target_groups"), (5, "age_from"), (6, "age_to")]


def test_duplicate_key_and_duplicate_list_value():
    text = VALID.replace("summary: Een korte samenvatting.",
                         "summary: Een korte samenvatting.\nsummary: Nog een.\nsettings:\n  - online\n  - online")
    assert only_errors(text) == [(5, "summary"), (8, "settings[1]")]


def test_age_from_greater_than_age_to_and_range():
    assert only_errors(VALID.replace("summary:", "age_from: 16\nage_to: 12\nsummary:")) == [(5, "age_to")]
    assert only_errors(VALID.replace("summary:", "age_from: -1\nage_to: 121\nsummary:")) == [
        (4, "age_from"), (5, "age_to")]


def test_summary_length_limit():
    ok = VALID.replace("Een korte samenvatting.", "x" * fmt.SUMMARY_MAX_LENGTH)
    assert parse(ok)[1] == []
    errors = parse(VALID.replace("Een korte samenvatting.", "x" * (fmt.SUMMARY_MAX_LENGTH + 1)))[1]
    assert [(e.line, e.field) for e in errors] == [(4, "summary")]
    assert "601" in errors[0].message


def test_ratings_validation():
    text = VALID.replace("""  - level: goed-beschreven
    assessor: Databank
""", """  - level: effectief
    assessor: Databank
    date: 2024-02-30
  - level: goed-onderbouwd
    date: 2016-04-01
    valid_until: 2015-01-01
    score: 8
  - level: goed-beschreven
    assessor: Databank
    date: 2999-01-01
  - goed-onderbouwd
""")
    assert only_errors(text) == [
        (6, "ratings[0].level"),
        (8, "ratings[0].date"),
        (9, "ratings[1].assessor"),  # missing: reported on the record's first line
        (11, "ratings[1].valid_until"),
        (12, "ratings[1].score"),
        (15, "ratings[2].date"),
        (16, "ratings[3]"),
    ]


def test_bad_date_formats():
    text = VALID.replace("summary:", "last_reviewed: april 2016\nsummary:")
    assert only_errors(text) == [(4, "last_reviewed")]
    text = VALID.replace("summary:", "last_reviewed: 2016-04-01 10:00:00\nsummary:")
    assert only_errors(text) == [(4, "last_reviewed")]


def test_evaluations_validation():
    text = VALID.replace("sources:", """evaluations:
  - title: Goede studie
    design: process
    year: 2015
  - title: Zonder opzet
  - design: meta-analyse
    year: 1850
    url: ftp://example.org/rapport
    finding: Iets.
sources:""")
    assert only_errors(text) == [
        (12, "evaluations[1].design"),  # missing: reported on the record's first line
        (13, "evaluations[2].design"),
        (13, "evaluations[2].title"),
        (14, "evaluations[2].year"),
        (15, "evaluations[2].url"),
    ]


def test_embedding_validation():
    text = VALID.replace("sources:", """embedding:
  - item: budget
    notes: Subsidie.
  - item: budget
  - item: draagvlak
  - notes: zonder item
sources:""")
    assert only_errors(text) == [
        (11, "embedding[1].item"),
        (12, "embedding[2].item"),
        (13, "embedding[3].item"),
    ]


def test_sources_required_and_http_only():
    assert only_errors(VALID.replace("  - https://example.org/bron", "  - javascript:alert(1)")) == [
        (9, "sources[0]")]
    assert only_errors(VALID.replace("sources:\n  - https://example.org/bron", "sources: []")) == [
        (8, "sources")]


def test_aliases_and_python_tags_are_rejected():
    alias = VALID.replace("title: Voorbeeldmethode", "title: &t Voorbeeldmethode\ntitle_en: *t")
    assert only_errors(alias) == [(4, "title_en")]
    unsafe = VALID.replace("title: Voorbeeldmethode", "title: !!python/object/apply:os.system ['true']")
    assert only_errors(unsafe) == [(3, "title")]


def test_error_str():
    error = fmt.FormatError("a.md", 3, "title", "is verplicht")
    assert str(error) == "a.md:3: title: is verplicht"


# --------------------------------------------------------------------------- folders and archives


def test_iter_folder_sorted_md_only(tmp_path):
    (tmp_path / "b.md").write_text(VALID.replace("voorbeeld-methode", "b"), encoding="utf-8")
    (tmp_path / "a.md").write_text(VALID.replace("voorbeeld-methode", "a"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("geen methode", encoding="utf-8")
    (tmp_path / "c.md").write_bytes(b"\xff\xfe")
    results = list(fmt.iter_folder(tmp_path))
    assert [Path(r.path).name for r in results] == ["a.md", "b.md", "c.md"]
    assert [r.record.slug for r in results[:2]] == ["a", "b"]
    assert results[2].record is None and results[2].errors[0].field == "bestand"


def test_iter_zip_rejects_unsafe_members(tmp_path):
    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("methoden/goed.md", VALID)
        zf.writestr("../ontsnapt.md", VALID)
        zf.writestr("/absoluut.md", VALID)
        zf.writestr("map\\..\\..\\windows.md", VALID)
        zf.writestr("leesmij.txt", "niet relevant")
        zf.writestr("__MACOSX/methoden/._goed.md", b"\x00\x05")
    results = {r.path.split("!/", 1)[1]: r for r in fmt.iter_folder(archive)}
    assert set(results) == {"methoden/goed.md", "../ontsnapt.md", "/absoluut.md", "map\\..\\..\\windows.md"}
    assert results["methoden/goed.md"].errors == []
    assert results["methoden/goed.md"].record.slug == "voorbeeld-methode"
    for name in ("../ontsnapt.md", "/absoluut.md", "map\\..\\..\\windows.md"):
        assert results[name].record is None
        assert [e.field for e in results[name].errors] == ["bestand"]


def test_iter_zip_reports_broken_archive(tmp_path):
    archive = tmp_path / "kapot.zip"
    archive.write_bytes(b"geen zip")
    [result] = fmt.iter_folder(archive)
    assert result.record is None and result.errors[0].field == "archief"


def test_an_end_year_needs_an_ended_method_and_a_rating_source_must_be_a_url():
    text = VALID.replace("sources:", "ended_year: 2020\nsources:").replace(
        "    assessor: Databank\n", "    assessor: Databank\n    source: niet-een-url\n")
    errors = only_errors(text)
    assert errors == [(8, "ratings[0].source"), (9, "ended_year")]


def test_the_evaluation_section_is_read_and_written():
    record, errors = parse(VALID + "\n## Evaluatie\n\nTwee studies.\n")
    assert errors == [] and record.evaluation == "Twee studies."
    assert "## Evaluatie\n\nTwee studies." in fmt.dump(record)
