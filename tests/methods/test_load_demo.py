"""The demo catalogue: complete, faithful to the data, idempotent, all-or-nothing."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from methods.demo import DEMO_DATA
from methods.models import EvidenceLevel, MethodPage

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


@pytest.mark.django_db
def test_evidence_is_only_mapped_where_the_source_names_a_level(demo_catalogue):
    rated = dict(MethodPage.objects.exclude(evidence_level=EvidenceLevel.NOT_ASSESSED)
                 .values_list("slug", "evidence_level"))
    seed_path = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "seed-catalogue.json"
    if seed_path.exists():  # the shared data sits beside the checkout in CI and for developers
        seed = {entry["slug"]: entry["evidence"] for entry in json.loads(seed_path.read_text())}
        for slug in rated:
            assert "goed onderbouwd" in seed[slug].lower()
    assert rated == {
        "girls-talk": EvidenceLevel.WELL_FOUNDED,
        "lang-leve-de-liefde": EvidenceLevel.WELL_FOUNDED,
        "toolkit-love-online": EvidenceLevel.WELL_FOUNDED,
    }


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
