"""The admin upload: the same import and report as the command, drafts only, permission-checked."""

import io
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from methods.demo import DEMO_DATA, ensure_page_tree, load_taxonomies
from methods.models import MethodPage
from tests.methods.test_import_export import THREE_ERRORS, VALID

from .helpers import editor, moderator

URL = reverse("moderation_import")
WITH_RATING = VALID.replace("sources:", "ratings:\n  - level: goed-beschreven\n    assessor: Databank\nsources:")


def md(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/markdown")


def zipped(name, files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, text in files.items():
            archive.writestr(member, text)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


class UploadImport(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_taxonomies(DEMO_DATA / "taxonomies.yaml")
        ensure_page_tree()

    def test_editor_uploads_a_zip_with_one_good_and_one_broken_file(self):
        self.client.force_login(editor())
        self.assertIn(URL, self.client.get("/admin/").content.decode())  # in the menu
        response = self.client.post(URL, {"files": zipped("methoden.zip", {"goed.md": VALID, "kapot.md": THREE_ERRORS})})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen", html)
        self.assertEqual(html.count("<td>methoden.zip!/kapot.md</td>"), 3)
        for line, field in (("2", "slug"), ("5", "age_from"), ("7", "ratings[0].level")):
            self.assertIn(f"<td>{line}</td><td><code>{field}</code></td>", html)
        self.assertNotIn("/tmp", html)  # the report shows uploaded names, not server paths
        page = MethodPage.objects.get()
        self.assertEqual((page.slug, page.live), ("gastles-arbeidsuitbuiting", False))
        self.assertIn(reverse("wagtailadmin_pages:edit", args=[page.pk]), html)

    def test_several_md_files_at_once(self):
        self.client.force_login(editor())
        response = self.client.post(URL, {"files": [md("goed.md", VALID), md("kapot.md", THREE_ERRORS)]})
        html = response.content.decode()
        self.assertIn("1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen", html)
        self.assertEqual(html.count("<td>kapot.md</td>"), 3)

    def test_uploading_the_same_file_again_is_unchanged(self):
        self.client.force_login(editor())
        self.client.post(URL, {"files": [md("goed.md", VALID)]})
        html = self.client.post(URL, {"files": [md("goed.md", VALID)]}).content.decode()
        self.assertIn("0 nieuw, 0 bijgewerkt, 1 ongewijzigd, 0 afgewezen", html)

    def test_an_editor_cannot_bring_in_ratings(self):
        self.client.force_login(editor())
        html = self.client.post(URL, {"files": [md("oordeel.md", WITH_RATING)]}).content.decode()
        self.assertIn("0 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 afgewezen", html)
        self.assertIn("alleen een moderator mag beoordelingen toevoegen", html)
        self.assertFalse(MethodPage.objects.exists())

    def test_a_moderators_upload_is_still_a_draft(self):
        self.client.force_login(moderator())
        html = self.client.post(URL, {"files": [md("oordeel.md", WITH_RATING)]}).content.decode()
        self.assertIn("1 nieuw", html)
        page = MethodPage.objects.get()
        self.assertFalse(page.live)
        self.assertEqual(page.get_latest_revision_as_object().ratings.count(), 1)

    def test_other_files_are_refused_with_a_message(self):
        self.client.force_login(editor())
        response = self.client.post(URL, {"files": [SimpleUploadedFile("foto.png", b"\x89PNG")]})
        self.assertEqual(response.status_code, 400)
        self.assertIn("foto.png is geen .md- of .zip-bestand.", response.content.decode())
        response = self.client.post(URL, {})
        self.assertEqual(response.status_code, 400)

    def test_users_without_the_permission_are_refused_by_the_server(self):
        outsider = get_user_model().objects.create_user("buiten", password="pw", is_staff=True)
        from django.contrib.auth.models import Permission

        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(outsider)
        response = self.client.post(URL, {"files": [md("goed.md", VALID)]})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertFalse(MethodPage.objects.exists())
        self.assertNotIn(URL, self.client.get("/admin/").content.decode())
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)  # to the login page
