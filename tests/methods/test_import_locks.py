"""The importer honours page locks (issue 10, item 7): a file for a page the admin would
not let the importing user edit is rejected with the reason, the other files are
imported; and an import makes an edit form loaded before it stale."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from methods import catalogue_format as fmt
from methods.importer import import_files
from methods.models import MethodPage
from tests.moderation.helpers import editor, method_edit_data, moderator
from tests.moderation.test_import_view import URL as UPLOAD_URL
from tests.moderation.test_import_view import md

from .test_import_export import VALID, catalogue, run  # noqa: F401 (catalogue is a fixture)

OTHER = VALID.replace("gastles-arbeidsuitbuiting", "voorlichting-jongeren").replace(
    "Gastles arbeidsuitbuiting", "Voorlichting jongeren")


def changed(text):
    return text.replace("voor mbo-studenten.", "voor mbo- en hbo-studenten.")


def summary(slug):
    return MethodPage.objects.get(slug=slug).get_latest_revision_as_object().summary


@pytest.fixture
def two_methods(catalogue, tmp_path):  # noqa: F811
    folder = tmp_path / "eerst"
    folder.mkdir()
    (folder / "gastles.md").write_text(VALID)
    (folder / "voorlichting.md").write_text(OTHER)
    report = import_files(fmt.iter_folder(folder), publish=True)
    assert report.counts["created"] == 2
    return [MethodPage.objects.get(slug=slug) for slug in ("gastles-arbeidsuitbuiting", "voorlichting-jongeren")]


def write_changes(folder):
    folder.mkdir(exist_ok=True)
    (folder / "gastles.md").write_text(changed(VALID))
    (folder / "voorlichting.md").write_text(changed(OTHER))
    return folder


def lock(page, user):
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])


def test_command_skips_a_page_locked_by_an_editor_and_imports_the_rest(two_methods, tmp_path):
    gastles, _ = two_methods
    lock(gastles, editor("anna"))
    out, err, failed = run("import_methods", str(write_changes(tmp_path / "nu")))
    assert failed  # like any rejected file, so scripts notice
    assert "gastles.md:0: slug: gastles-arbeidsuitbuiting is niet gewijzigd: vergrendeld door anna" in err
    assert "bijgewerkt: voorlichting-jongeren" in out
    assert "Klaar: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd, 1 afgewezen." in out
    assert summary("gastles-arbeidsuitbuiting") == "Een gastles over arbeidsuitbuiting voor mbo-studenten."
    assert summary("voorlichting-jongeren") == "Een gastles over arbeidsuitbuiting voor mbo- en hbo-studenten."


def test_command_skips_a_page_scheduled_for_publication(two_methods, tmp_path):
    gastles, _ = two_methods
    gastles.go_live_at = timezone.now() + datetime.timedelta(days=2)
    gastles.save_revision().publish()
    assert MethodPage.objects.get(pk=gastles.pk).approved_schedule
    out, err, failed = run("import_methods", str(write_changes(tmp_path / "nu")))
    assert "gastles-arbeidsuitbuiting is niet gewijzigd: vergrendeld: gepland voor publicatie op" in err
    assert summary("gastles-arbeidsuitbuiting") == "Een gastles over arbeidsuitbuiting voor mbo-studenten."
    assert summary("voorlichting-jongeren").endswith("hbo-studenten.")


def upload(user, *files):
    client = Client()
    client.force_login(user)
    return client.post(UPLOAD_URL, {"files": [md(name, text) for name, text in files]}).content.decode()


def test_upload_skips_a_page_locked_by_someone_else_but_not_by_the_uploader(two_methods):
    gastles, _ = two_methods
    anna = editor("anna")
    lock(gastles, anna)
    html = upload(editor("bram"), ("gastles.md", changed(VALID)), ("voorlichting.md", changed(OTHER)))
    assert "0 nieuw, 1 bijgewerkt, 0 ongewijzigd, 1 afgewezen" in html
    assert "gastles-arbeidsuitbuiting is niet gewijzigd: vergrendeld door anna" in html
    assert summary("gastles-arbeidsuitbuiting").endswith("voor mbo-studenten.")

    html = upload(anna, ("gastles.md", changed(VALID)))
    assert "0 nieuw, 1 bijgewerkt, 0 ongewijzigd, 0 afgewezen" in html
    assert summary("gastles-arbeidsuitbuiting").endswith("hbo-studenten.")


def test_upload_by_an_editor_skips_a_page_awaiting_moderation(two_methods):
    gastles, _ = two_methods
    anna = editor("anna")
    gastles.get_workflow().start(gastles, anna)
    html = upload(editor("bram"), ("gastles.md", changed(VALID)))
    assert "gastles-arbeidsuitbuiting is niet gewijzigd: in beoordeling" in html
    assert summary("gastles-arbeidsuitbuiting").endswith("voor mbo-studenten.")
    # A Moderator may change a page in moderation in the admin, so also by upload.
    html = upload(moderator(), ("gastles.md", changed(VALID)))
    assert "0 nieuw, 1 bijgewerkt, 0 ongewijzigd, 0 afgewezen" in html


def test_an_import_makes_an_edit_form_loaded_before_it_stale(two_methods, tmp_path):
    gastles, _ = two_methods
    client = Client()
    client.force_login(editor("anna"))
    url = reverse("wagtailadmin_pages:edit", args=[gastles.pk])
    html = client.get(url).content.decode()
    loaded = {name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
              for name in ("loaded_revision_id", "loaded_revision_created_at")}
    run("import_methods", str(write_changes(tmp_path / "nu")))

    page = MethodPage.objects.get(pk=gastles.pk)
    response = client.post(url, {**method_edit_data(page, summary="Anna's versie."), **loaded})
    assert response.status_code == 409
    assert "is intussen gewijzigd door een import of script" in response.content.decode()
    assert summary("gastles-arbeidsuitbuiting").endswith("hbo-studenten.")
