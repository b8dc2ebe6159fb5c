"""The demo catalogue: complete, faithful to the data, idempotent, all-or-nothing."""

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from methods.demo import DEMO_DATA
from methods.models import EvidenceLevel, MethodPage, RatingRecord

SLUGS = sorted(p.stem for p in (DEMO_DATA / "methods").glob("*.md"))


def test_the_project_ships_all_59_methods():
    assert len(SLUGS) == 59


@pytest.mark.django_db
def test_load_demo_builds_every_method_with_its_slug(demo_catalogue):
    pages = MethodPage.objects.live()
    assert pages.count() == 59
    assert sorted(pages.values_list("slug", flat=True)) == SLUGS
    assert demo_catalogue.counts == {"created": 59, "updated": 0, "unchanged": 0, "rejected": 0}


@pytest.mark.django_db
def test_a_second_run_changes_nothing(demo_catalogue, capsys):
    revisions_before = {p.pk: p.latest_revision_id for p in MethodPage.objects.all()}
    call_command("load_demo")
    assert "0 nieuw, 0 bijgewerkt, 59 ongewijzigd, 0 afgewezen" in capsys.readouterr().out
    assert {p.pk: p.latest_revision_id for p in MethodPage.objects.all()} == revisions_before


# The shared data sits beside the checkout (/work/main -> /work/shared); a helper's
# worktree is one level deeper.
_REPO = Path(__file__).resolve().parents[2]
SEED = next((p for p in (_REPO.parent / "shared" / "data" / "seed-catalogue.json",
                         _REPO.parent.parent / "shared" / "data" / "seed-catalogue.json") if p.exists()),
            _REPO.parent / "shared" / "data" / "seed-catalogue.json")


@pytest.mark.django_db
def test_evidence_is_only_mapped_where_the_source_names_a_level(demo_catalogue):
    rated = dict(MethodPage.objects.exclude(evidence_level=EvidenceLevel.NOT_ASSESSED)
                 .values_list("slug", "evidence_level"))
    if SEED.exists():  # the shared data sits beside the checkout in CI and for developers
        seed = {entry["slug"]: entry for entry in json.loads(SEED.read_text())}
        assert set(rated) == {slug for slug, entry in seed.items() if entry.get("rating")}
    assert rated == {
        "girls-talk": EvidenceLevel.WELL_FOUNDED,
        "lang-leve-de-liefde": EvidenceLevel.GOOD_INDICATIONS,
        "merel-van-groningen-project": EvidenceLevel.WELL_DESCRIBED,
        "toolkit-love-online": EvidenceLevel.WELL_FOUNDED,
    }


@pytest.mark.django_db
def test_ratings_carry_the_date_and_source_the_data_gives(demo_catalogue):
    girls_talk = MethodPage.objects.get(slug="girls-talk").ratings.get()
    assert girls_talk.date == datetime.date(2016, 4, 14)
    assert girls_talk.valid_until is None  # the data gives none; none is made up
    assert girls_talk.source_url.startswith("https://interventies.loketgezondleven.nl/")
    # The other three: no date in the data, so none on the page.
    undated = RatingRecord.objects.exclude(page__slug="girls-talk")
    assert undated.count() == 3 and not undated.exclude(date=None).exists()
    assert not undated.filter(source_url="").exists()


@pytest.mark.django_db
def test_every_field_of_the_data_reaches_the_pages(demo_catalogue):
    if not SEED.exists():
        pytest.skip("the shared seed is not beside this checkout")
    pages = {page.slug: page for page in MethodPage.objects.select_related("cost_band")}
    for entry in json.loads(SEED.read_text()):
        page = pages[entry["slug"]]
        for seed_key, field in [("problem", "problem"), ("goals", "goals"), ("approach", "approach"),
                                ("delivery", "delivery"), ("training", "training"),
                                ("evaluation", "evaluation"), ("embedding_notes", "embedding_notes"),
                                ("costs", "costs"), ("website", "website"),
                                ("contact_org", "contact_organisation"),
                                ("details_confidence", "details_confidence"),
                                ("age_min", "age_from"), ("age_max", "age_to"), ("status", "status")]:
            gap = None if field in ("age_from", "age_to") else ""  # not in the data: left empty
            assert getattr(page, field) == entry.get(seed_key, gap), (entry["slug"], field)
        assert [s.url for s in page.sources.all()] == entry["sources"]
        assert bool(page.cost_band) == bool(entry.get("cost_band"))
        # Reviewed when the data was (its README: December 2026), not when it was loaded.
        assert page.last_reviewed == datetime.date(2026, 12, 1)
    assert pages["terre-des-hommes-watch-sweetie"].ended_year == 2021
    assert pages["rups-uitstapprogrammas-sekswerkers"].ended_year is None  # the data gives no end year


@pytest.mark.django_db
def test_no_english_fragments_in_the_dutch_evidence_notes(demo_catalogue):
    notes = MethodPage.objects.values_list("slug", "evidence_note")
    assert [slug for slug, note in notes if re.search(r"\b(not rated|rated|evaluated)\b", note, re.I)] == []
    assert MethodPage.objects.get(slug="rups-uitstapprogrammas-sekswerkers").evidence_note.startswith("Geëvalueerd:")


@pytest.mark.django_db
def test_a_broken_file_stops_the_load_with_file_and_field_and_writes_nothing(tmp_path):
    data = tmp_path / "demo"
    shutil.copytree(DEMO_DATA, data)
    broken = data / "methods" / "girls-talk.md"
    broken.write_text(broken.read_text().replace("summary: ", "summry: ", 1))
    with pytest.raises(CommandError) as error:
        call_command("load_demo", data=str(data))
    message = str(error.value)
    assert "girls-talk.md" in message and "summary" in message
    assert MethodPage.objects.count() == 0


@pytest.mark.django_db
def test_malformed_yaml_is_reported_not_raised(tmp_path):
    data = tmp_path / "demo"
    shutil.copytree(DEMO_DATA, data)
    (data / "methods" / "kapot.md").write_text("---\nslug: [unclosed\n---\n")
    with pytest.raises(CommandError) as error:
        call_command("load_demo", data=str(data))
    assert "kapot.md" in str(error.value)
    assert MethodPage.objects.count() == 0
