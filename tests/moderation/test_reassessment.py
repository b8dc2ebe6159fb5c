"""Re-rating signal: new effect evidence or an expired rating puts a method on the report."""

import datetime

from django.test import TestCase
from django.urls import reverse

from methods.models import EvidenceLevel, Evaluation, MethodPage
from moderation.models import ReassessmentFlag
from moderation.reassessment import methods_needing_reassessment
from tests.factories.methods import MethodPageFactory, rating
from tests.factories.pilots import PilotResultPageFactory, municipality

from .helpers import editor, method_edit_data, moderator, rating_rows


def on_report():
    return {row.method.slug: row for row in methods_needing_reassessment()}


class Signal(TestCase):
    def setUp(self):
        self.method = MethodPageFactory(slug="girls-talk", ratings=[rating(date=datetime.date(2020, 1, 1))])

    def test_published_pilot_with_an_effect_evaluation_flags_its_method(self):
        pilot = PilotResultPageFactory(parent=self.method, evaluation_design=Evaluation.Design.PRE_POST,
                                       municipality=municipality("GM0344"))
        flag = ReassessmentFlag.objects.get(method=self.method)
        self.assertEqual(flag.pilot_id, pilot.pk)
        self.assertIn("Voor- en nameting", flag.reason)
        self.assertIn("Utrecht", flag.reason)
        row = on_report()["girls-talk"]
        self.assertTrue(row.new_evidence)
        self.assertFalse(row.expired)

    def test_process_evaluation_or_no_evaluation_does_not_flag(self):
        PilotResultPageFactory(parent=self.method, evaluation_design=Evaluation.Design.PROCESS)
        PilotResultPageFactory(parent=self.method, evaluation_design="")
        self.assertFalse(ReassessmentFlag.objects.exists())
        self.assertNotIn("girls-talk", on_report())

    def test_a_draft_does_not_flag_until_published(self):
        pilot = PilotResultPageFactory(parent=self.method, evaluation_design=Evaluation.Design.RCT, live=False)
        self.assertFalse(ReassessmentFlag.objects.exists())
        pilot.get_latest_revision().publish()
        self.assertTrue(ReassessmentFlag.objects.filter(method=self.method).exists())

    def test_republishing_does_not_duplicate_the_flag(self):
        pilot = PilotResultPageFactory(parent=self.method, evaluation_design=Evaluation.Design.RCT)
        pilot.save_revision().publish()
        self.assertEqual(ReassessmentFlag.objects.count(), 1)

    def test_a_newer_rating_clears_the_method_from_the_report(self):
        PilotResultPageFactory(parent=self.method, evaluation_design=Evaluation.Design.QUASI_EXPERIMENTAL)
        self.assertIn("girls-talk", on_report())
        self.client.force_login(moderator())
        rows = rating_rows(self.method) + [{"level": str(EvidenceLevel.FIRST_INDICATIONS), "assessor": "Panel",
                                            "date": datetime.date.today().isoformat(), "valid_until": "",
                                            "reason": "Herbeoordeeld na de pilot."}]
        data = method_edit_data(self.method, ratings=rows)
        data["action-publish"] = "action-publish"
        self.assertEqual(self.client.post(f"/admin/pages/{self.method.pk}/edit/", data).status_code, 302)
        self.assertNotIn("girls-talk", on_report())


class Report(TestCase):
    @classmethod
    def setUpTestData(cls):
        today = datetime.date.today()
        cls.expired = MethodPageFactory(title="Verlopen", slug="verlopen", ratings=[
            rating(level=EvidenceLevel.WELL_DESCRIBED, date=datetime.date(2018, 1, 1),
                   valid_until=datetime.date(2021, 1, 1))])
        cls.valid = MethodPageFactory(title="Geldig", slug="geldig", ratings=[
            rating(date=today - datetime.timedelta(days=10), valid_until=today + datetime.timedelta(days=300))])
        cls.unrated = MethodPageFactory(title="Niet beoordeeld", slug="niet-beoordeeld")
        cls.newer_study = MethodPageFactory(title="Nieuwe studie", slug="nieuwe-studie",
                                            ratings=[rating(date=datetime.date(2016, 4, 1))])
        page = MethodPage.objects.get(pk=cls.newer_study.pk)
        page.evaluations = [Evaluation(title="Effectstudie", year=2019, design=Evaluation.Design.RCT),
                            Evaluation(title="Procesevaluatie", year=2021, design=Evaluation.Design.PROCESS)]
        page.save_revision().publish()

    def test_lists_expired_ratings_and_newer_effect_studies_only(self):
        report = on_report()
        self.assertEqual(set(report), {"verlopen", "nieuwe-studie"})
        self.assertTrue(report["verlopen"].expired)
        self.assertEqual([s.title for s in report["nieuwe-studie"].studies], ["Effectstudie"])

    def test_unrated_method_with_a_pilot_effect_evaluation_is_listed(self):
        PilotResultPageFactory(parent=self.unrated, evaluation_design=Evaluation.Design.PRE_POST)
        self.assertIn("niet-beoordeeld", on_report())

    def test_moderators_see_the_report_editors_do_not(self):
        url = reverse("moderation_reassessment")
        self.client.force_login(moderator())
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Verlopen", html)
        self.assertIn("Oordeel verlopen", html)
        self.assertIn("Effectstudie uit 2019: Effectstudie", html)
        self.assertNotIn(">Geldig<", html)
        self.assertIn(url, self.client.get("/admin/").content.decode())  # the dashboard links to it

        self.client.force_login(editor())
        response = self.client.get(url)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)  # Wagtail's "no permission"
