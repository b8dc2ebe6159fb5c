"""'Bestaat dit al?' in the editor and 'Vergelijkbare methoden' on public pages (database similarity;
the engine's more-like-this is tested with the search app)."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from methods.models import EvidenceLevel
from tests.factories.methods import MethodPageFactory, method_index, rating
from tests.moderation.helpers import editor

ENDPOINT = reverse("related_similar_methods")


class SimilarMethods(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.girls = MethodPageFactory(
            title="Girls' Talk weerbaarheid voor meiden", slug="girls-talk",
            summary="Groepsprogramma over relaties, seksualiteit en grenzen voor meiden.",
            ratings=[rating(level=EvidenceLevel.WELL_FOUNDED, date=datetime.date(2016, 4, 1))])
        cls.boys = MethodPageFactory(
            title="Boys' Talk weerbaarheid voor jongens", slug="boys-talk",
            summary="Groepsprogramma over relaties, seksualiteit en grenzen voor jongens.")
        cls.unrelated = MethodPageFactory(
            title="Certificering uitzendbureaus", slug="certificering",
            summary="Keurmerk voor uitzendbureaus tegen arbeidsuitbuiting.")
        cls.draft = MethodPageFactory(
            title="Weerbaarheid voor meiden (concept)", slug="concept",
            summary="Groepsprogramma over relaties en grenzen voor meiden.", live=False)

    def setUp(self):
        self.client.force_login(editor())

    def test_endpoint_returns_similar_live_methods_with_their_evidence_level(self):
        response = self.client.get(ENDPOINT, {"title": "Weerbaarheidstraining voor meiden",
                                              "summary": "Een groepsprogramma over grenzen en relaties voor meiden."})
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        results = response.json()["results"]
        titles = [r["title"] for r in results]
        self.assertEqual(titles[0], self.girls.title)
        self.assertNotIn(self.unrelated.title, titles)
        self.assertNotIn(self.draft.title, titles)  # only what the public can see
        self.assertEqual(results[0]["level_label"], "Goed onderbouwd")
        self.assertEqual(results[0]["edit_url"], reverse("wagtailadmin_pages:edit", args=[self.girls.pk]))

    def test_the_page_being_edited_is_not_its_own_duplicate(self):
        response = self.client.get(ENDPOINT, {"title": self.girls.title, "summary": self.girls.summary,
                                              "exclude": self.girls.pk})
        self.assertNotIn(self.girls.title, [r["title"] for r in response.json()["results"]])

    def test_empty_input_gives_no_results_and_bad_exclude_is_ignored(self):
        self.assertEqual(self.client.get(ENDPOINT, {"title": " ", "exclude": "x"}).json(), {"results": []})

    def test_endpoint_is_for_admin_users_only(self):
        self.client.logout()
        response = self.client.get(ENDPOINT, {"title": "meiden"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_edit_form_shows_the_panel_server_rendered(self):
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.boys.pk])).content.decode()
        self.assertIn("Bestaat dit al?", html)
        self.assertIn(f'data-endpoint="{ENDPOINT}"', html)
        self.assertIn(f'data-exclude="{self.boys.pk}"', html)
        panel = html[html.index("data-similar-methods"):]
        panel = panel[: panel.index("</ul>")]
        self.assertIn(escape(self.girls.title), panel)
        self.assertIn("Goed onderbouwd", panel)
        self.assertNotIn(escape(self.boys.title), panel)
        self.assertIn("related/similar-methods.js", html)

    def test_create_form_has_the_panel_waiting_for_input(self):
        url = reverse("wagtailadmin_pages:add", args=["methods", "methodpage", method_index().pk])
        html = self.client.get(url).content.decode()
        self.assertIn("Nog geen vergelijkbare methoden gevonden.", html)
        self.assertIn('aria-live="polite"', html)

    def test_public_page_shows_similar_methods(self):
        html = self.client.get(self.girls.url).content.decode()
        section = html[html.index('id="vergelijkbare-methoden"'):]
        self.assertIn(escape(self.boys.title), section)
        self.assertNotIn(escape(self.draft.title), section)
        self.assertNotIn(f'href="{self.girls.url}"', section)
