"""import_methods / export_methods: validate everything first, report every error, round-trip cleanly."""

import shutil
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from methods.demo import DEMO_DATA, ensure_page_tree, load_taxonomies
from methods.models import MethodPage

DEMO_FILES = sorted((DEMO_DATA / "methods").glob("*.md"))

VALID = """\
---
slug: gastles-arbeidsuitbuiting
title: Gastles arbeidsuitbuiting
summary: Een gastles over arbeidsuitbuiting voor mbo-studenten.
forms_of_exploitation:
  - arbeidsuitbuiting
sources:
  - https://example.org/gastles
---

## Aanpak

Twee lessen van een uur.
"""

# Exactly three errors, on lines 2, 5 and 7.
THREE_ERRORS = """\
---
slug: Slechte_Slug
title: Kapot bestand
summary: Iets.
age_from: twintig
ratings:
  - level: super-goed
    assessor: Iemand
sources:
  - https://example.org/bron
---
"""


@pytest.fixture
def catalogue(db):
    load_taxonomies(DEMO_DATA / "taxonomies.yaml")
    return ensure_page_tree()


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        failed = False
    except CommandError as exc:
        err.write(str(exc))
        failed = True
    return out.getvalue(), err.getvalue(), failed


def test_one_valid_file_and_one_with_three_errors(catalogue, tmp_path):
    (tmp_path / "goed.md").write_text(VALID)
    (tmp_path / "kapot.md").write_text(THREE_ERRORS)
    out, err, failed = run("import_methods", str(tmp_path))
    assert failed  # non-zero exit for scripts
    lines = [line for line in err.splitlines() if "kapot.md" in line]
    assert len(lines) == 3
    assert lines[0].endswith("kapot.md:2: slug: alleen kleine letters a-z, cijfers en losse koppeltekens")
    assert "kapot.md:5: age_from: verwacht een geheel getal" in lines[1]
    assert "kapot.md:7: ratings[0].level: ongeldige waarde 'super-goed'" in lines[2]
    assert "Klaar: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen." in out
    assert list(MethodPage.objects.values_list("slug", "live")) == [("gastles-arbeidsuitbuiting", False)]


def test_an_unknown_taxonomy_value_rejects_the_whole_file(catalogue, tmp_path):
    (tmp_path / "onbekend.md").write_text(VALID.replace("  - arbeidsuitbuiting", "  - bestaat-niet"))
    out, err, failed = run("import_methods", str(tmp_path))
    assert failed
    assert "forms_of_exploitation: onbekende waarde 'bestaat-niet'" in err
    assert "0 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen" in out
    assert not MethodPage.objects.exists()


def test_publish_flag_and_updates(catalogue, tmp_path):
    (tmp_path / "goed.md").write_text(VALID)
    out, _err, failed = run("import_methods", str(tmp_path), "--publish")
    assert not failed and "1 nieuw" in out
    page = MethodPage.objects.get()
    assert page.live
    (tmp_path / "goed.md").write_text(VALID.replace("Een gastles", "Een nieuwe gastles"))
    out, _err, _ = run("import_methods", str(tmp_path))
    assert "0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in out
    page.refresh_from_db()
    # Without --publish an update is a draft: the public page keeps the published text.
    assert page.summary.startswith("Een gastles")
    assert page.get_latest_revision_as_object().summary.startswith("Een nieuwe gastles")


def test_twenty_methods_export_then_import_reports_twenty_unchanged(catalogue, tmp_path):
    source = tmp_path / "bron"
    source.mkdir()
    for path in DEMO_FILES[:20]:
        shutil.copy(path, source / path.name)
    out, _err, failed = run("import_methods", str(source), "--publish")
    assert not failed
    assert "Klaar: 20 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 afgewezen." in out

    exported = tmp_path / "export"
    out, _err, _ = run("export_methods", str(exported))
    assert "20 methoden geschreven" in out
    assert sorted(p.name for p in exported.glob("*.md")) == sorted(p.name for p in DEMO_FILES[:20])
    revisions = {page.pk: page.latest_revision_id for page in MethodPage.objects.all()}

    out, _err, failed = run("import_methods", str(exported))
    assert not failed
    assert "Klaar: 0 nieuw, 0 bijgewerkt, 20 ongewijzigd, 0 afgewezen." in out
    assert {page.pk: page.latest_revision_id for page in MethodPage.objects.all()} == revisions

    archive = tmp_path / "export.zip"
    run("export_methods", str(archive))
    assert len(zipfile.ZipFile(archive).namelist()) == 20
    out, _err, _ = run("import_methods", str(archive), "--publish")
    assert "Klaar: 0 nieuw, 0 bijgewerkt, 20 ongewijzigd, 0 afgewezen." in out


def test_export_writes_drafts_too(catalogue, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "goed.md").write_text(VALID)
    run("import_methods", str(tmp_path / "in"))
    run("export_methods", str(tmp_path / "out"))
    text = (tmp_path / "out" / "gastles-arbeidsuitbuiting.md").read_text()
    assert "title: Gastles arbeidsuitbuiting" in text
    assert "## Aanpak\n\nTwee lessen van een uur." in text


def test_missing_path_is_a_clear_error(catalogue, tmp_path):
    _out, err, failed = run("import_methods", str(tmp_path / "bestaat-niet"))
    assert failed and "bestaat niet" in err

