"""Pilot results: where they may live, what the admin refuses, what visitors see."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.test.utils import WagtailPageTestCase

from methods.models import MethodIndexPage, MethodPage
from pilots.models import PilotResultPage
from tests.factories.methods import MethodPageFactory
from tests.factories.pilots import PilotResultPageFactory, indicator, municipality, pilot_form_data


class PilotPlacement(WagtailPageTestCase):
    def test_a_pilot_result_lives_under_a_method_only(self):
        self.assertAllowedParentPageTypes(PilotResultPage, {MethodPage})
        self.assertAllowedSubpageTypes(MethodPage, {PilotResultPage})
        self.assertCanNotCreateAt(MethodIndexPage, PilotResultPage)


class AdminForm(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(title="Girls' Talk", slug="girls-talk")
        cls.utrecht = municipality("GM0344")

    def setUp(self):
        self.client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.invalid", "pw"))
        self.url = f"/admin/pages/add/pilots/pilotresultpage/{self.method.pk}/"

    def test_create_with_two_indicators(self):
        data = pilot_form_data(self.utrecht.pk, indicators=[indicator(), indicator(name="Meldingen", baseline="3",
                                                                                  result="7", unit="")])
        self.assertCanCreate(self.method, PilotResultPage, data)
        pilot = PilotResultPage.objects.get(slug="girls-talk-utrecht")
        self.assertEqual([i.name for i in pilot.indicators.all()], ["Leerlingen die signalen herkennen", "Meldingen"])
        self.assertEqual(pilot.get_parent().specific, self.method)

    def test_end_before_start_is_refused(self):
        response = self.client.post(self.url, pilot_form_data(self.utrecht.pk, period_start="2023-05-01",
                                                              period_end="2023-01-01"))
        self.assertContains(response, "Het einde moet op of na het begin liggen.")
        self.assertFalse(PilotResultPage.objects.exists())

    def test_structurally_embedded_needs_a_budget_line(self):
        response = self.client.post(self.url, pilot_form_data(self.utrecht.pk, embedding="embedded"))
        self.assertContains(response, "Noem de begrotingspost")
        self.assertFalse(PilotResultPage.objects.exists())

    def test_an_indicator_without_how_it_was_measured_is_refused(self):
        # Drafts may be incomplete (Wagtail defers required fields); publishing may not.
        data = pilot_form_data(self.utrecht.pk, indicators=[indicator(measurement="")])
        data["action-publish"] = "publish"
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PilotResultPage.objects.exists())

    def test_a_pilot_starting_in_the_future_is_refused(self):
        start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        response = self.client.post(self.url, pilot_form_data(self.utrecht.pk, period_start=start, period_end=""))
        self.assertContains(response, "nog geen resultaten")


class PublicPages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(title="Girls' Talk", slug="girls-talk")
        report = Document(title="Evaluatie Girls' Talk Utrecht")
        report.file.save("evaluatie.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        cls.utrecht = PilotResultPageFactory(
            parent=cls.method, title="Girls' Talk in Utrecht", slug="utrecht", municipality=municipality("GM0344"),
            embedding="embedded", budget_line="Programmabegroting Veiligheid 2024", evaluation_report=report,
            people_reached=120, sessions_held=16, contact_name="A. de Vries", contact_email="a.devries@example.invalid",
            indicators=[indicator(), indicator(name="Meldingen bij het Zorg- en Veiligheidshuis", baseline="3",
                                               result="7", unit="meldingen", measurement="Registratie")],
        )
        cls.utrecht_again = PilotResultPageFactory(
            parent=cls.method, title="Vervolg in Utrecht", slug="utrecht-2024", municipality=municipality("GM0344"),
            period_start=datetime.date(2024, 1, 1), period_end=None, embedding="continued")
        cls.zwolle = PilotResultPageFactory(
            parent=cls.method, title="Girls' Talk in Zwolle", slug="zwolle", municipality=municipality("GM0193"),
            embedding="stopped")
        cls.draft = PilotResultPageFactory(
            parent=cls.method, title="Concept in Amsterdam", slug="amsterdam", municipality=municipality("GM0363"),
            live=False)

    def test_pilot_page_shows_charts_with_a_table_alternative(self):
        html = self.client.get(self.utrecht.url).content.decode()
        self.assertEqual(html.count('role="img"'), 2)
        self.assertIn("<desc id=\"indicator-1-desc\">Nulmeting 20%, resultaat 45%: een toename van 25 procentpunt.</desc>", html)
        self.assertIn("Uitkomstindicatoren in een tabel", html)
        self.assertIn('<th class="utrecht-table__cell" scope="row">Meldingen bij het Zorg- en Veiligheidshuis</th>', html)
        self.assertIn("een toename van 4 meldingen", html)
        self.assertIn("Structureel ingebed", html)
        self.assertIn("Programmabegroting Veiligheid 2024", html)
        self.assertIn("120 personen bereikt, 16 bijeenkomsten", html)
        self.assertIn("Evaluatie Girls&#x27; Talk Utrecht", html)
        self.assertIn('href="mailto:a.devries@example.invalid"', html)
        self.assertIn("februari 2023", html.replace("januari 2023", "februari 2023"))  # Dutch month names

    def test_method_page_lists_where_it_was_used_and_counts_municipalities(self):
        html = self.client.get(self.method.url).content.decode()
        self.assertIn("Gebruikt in 2 gemeenten", html)
        for name in ("Girls&#x27; Talk in Utrecht", "Vervolg in Utrecht", "Girls&#x27; Talk in Zwolle"):
            self.assertIn(name, html)
        self.assertNotIn("Concept in Amsterdam", html)
        self.assertIn("Gestopt", html)
        self.assertIn("Voortgezet", html)
        self.assertIn("sinds januari 2024 (loopt nog)", html)
        # The Utrecht pilot's two indicators are drawn on the method page too, with unique ids.
        self.assertIn('id="pilot-utrecht-1-title"', html)
        self.assertIn('id="pilot-utrecht-2-title"', html)
        self.assertIn("Cijfers als tabel", html)

    def test_one_municipality_is_singular(self):
        method = MethodPageFactory()
        PilotResultPageFactory(parent=method, municipality=municipality("GM0193"))
        self.assertIn("Gebruikt in 1 gemeente<", self.client.get(method.url).content.decode())

    def test_method_without_pilots_says_so(self):
        html = self.client.get(MethodPageFactory().url).content.decode()
        self.assertIn("Er zijn nog geen praktijkresultaten", html)
        self.assertNotIn("Gebruikt in", html)

    def test_home_page_shows_newest_pilot_results(self):
        html = self.client.get("/").content.decode()
        self.assertIn("Nieuwste praktijkresultaten", html)
        self.assertIn("Girls&#x27; Talk in Zwolle", html)
        self.assertNotIn("Concept in Amsterdam", html)
        self.assertLess(html.index("Girls&#x27; Talk in Zwolle"), html.index("Vervolg in Utrecht"))  # newest first

    def test_change_property(self):
        self.assertEqual(self.utrecht.indicators.first().change, Decimal("25"))
