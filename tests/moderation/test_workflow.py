"""The 'Done when' path through the admin: a Redacteur adds a pilot result with two
indicators and a report and submits it; a Moderator approves; the method page shows it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.models import Collection, TaskState

from pilots.models import PilotResultPage
from tests.factories.methods import MethodPageFactory
from tests.factories.pilots import PilotResultPageFactory, indicator, municipality, pilot_form_data

from .helpers import editor, moderator


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


class EditorSubmitsModeratorApproves(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(title="Girls' Talk", slug="girls-talk")
        cls.editor = editor()
        cls.moderator = moderator()

    def submit_pilot_as_editor(self):
        self.client.force_login(self.editor)
        response = self.client.post(reverse("wagtaildocs:add"), {
            "title": "Evaluatie Girls' Talk Utrecht",
            "file": SimpleUploadedFile("evaluatie.pdf", b"%PDF-1.4 evaluatie", content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
        })
        self.assertEqual(response.status_code, 302)
        report = Document.objects.get(title="Evaluatie Girls' Talk Utrecht")

        add_url = reverse("wagtailadmin_pages:add", args=["pilots", "pilotresultpage", self.method.pk])
        self.assertEqual(self.client.get(add_url).status_code, 200)
        data = pilot_form_data(
            municipality("GM0344").pk,
            indicators=[indicator(), indicator(name="Meldingen bij het Zorg- en Veiligheidshuis", baseline="3",
                                               result="7", unit="meldingen", measurement="Registratie ZVH")],
            evaluation_report=report.pk, evaluation_design="pre-post",
        )
        data["action-submit"] = "action-submit"
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 302)
        return PilotResultPage.objects.get(slug="girls-talk-utrecht")

    def test_done_when(self):
        pilot = self.submit_pilot_as_editor()
        self.assertFalse(pilot.live)
        self.assertTrue(pilot.workflow_in_progress)
        self.assertEqual(pilot.current_workflow_task.name, "Beoordeling door moderator")
        self.assertIn(escape(pilot.title), self.client.get("/admin/").content.decode())  # the editor's own dashboard
        self.assertEqual(self.client.get(pilot.url or "/methoden/girls-talk/girls-talk-utrecht/").status_code, 404)

        # An editor cannot approve their own work.
        state = TaskState.objects.get(workflow_state__object_id=str(pilot.pk), status="in_progress")
        self.client.post(action_url(pilot, "approve", state), {"comment": ""})
        self.assertFalse(PilotResultPage.objects.get(pk=pilot.pk).live)

        self.client.force_login(self.moderator)
        dashboard = self.client.get("/admin/").content.decode()
        self.assertIn(escape(pilot.title), dashboard)  # in the moderator's queue
        self.assertIn(action_url(pilot, "approve", state), dashboard)

        response = self.client.post(action_url(pilot, "approve", state), {"comment": ""})
        self.assertEqual(response.status_code, 302)
        pilot = PilotResultPage.objects.get(pk=pilot.pk)
        self.assertTrue(pilot.live)

        html = self.client.get(self.method.url).content.decode()
        self.assertIn("Gebruikt in 1 gemeente<", html)
        self.assertIn("Girls&#x27; Talk in Utrecht", html)
        self.assertEqual(html.count('<svg class="chart" role="img"'), 2)
        self.assertIn("Nulmeting 3 meldingen, resultaat 7 meldingen: een toename van 4 meldingen.", html)
        pilot_html = self.client.get(pilot.url).content.decode()
        self.assertIn("Evaluatie Girls&#x27; Talk Utrecht", pilot_html)
        self.assertIn("Voor- en nameting", pilot_html)

    def test_request_changes_needs_a_comment_and_the_editor_sees_it(self):
        pilot = self.submit_pilot_as_editor()
        state = TaskState.objects.get(workflow_state__object_id=str(pilot.pk), status="in_progress")
        self.client.force_login(self.moderator)
        self.client.post(action_url(pilot, "reject", state), {"comment": "  "})
        state.refresh_from_db()
        self.assertEqual(state.status, "in_progress")

        # The edit view passes modal data straight to the task: refused there too.
        edit_url = reverse("wagtailadmin_pages:edit", args=[pilot.pk])
        data = pilot_form_data(municipality("GM0344").pk, indicators=[indicator()])
        data.update({"action-workflow-action": "true", "workflow-action-name": "reject",
                     "workflow-action-extra-data": '{"comment": ""}'})
        response = self.client.post(edit_url, data)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)  # Wagtail's "no permission"
        state.refresh_from_db()
        self.assertEqual(state.status, "in_progress")

        self.client.post(action_url(pilot, "reject", state), {"comment": "Noem hoe de meldingen zijn geteld."})
        state.refresh_from_db()
        self.assertEqual(state.status, "rejected")
        self.assertFalse(PilotResultPage.objects.get(pk=pilot.pk).live)

        self.client.force_login(self.editor)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[pilot.pk])).content.decode()
        self.assertIn("Noem hoe de meldingen zijn geteld.", history)

    def test_approve_with_a_comment_publishes(self):
        pilot = self.submit_pilot_as_editor()
        state = TaskState.objects.get(workflow_state__object_id=str(pilot.pk), status="in_progress")
        self.client.force_login(self.moderator)
        self.client.post(action_url(pilot, "approve", state), {"comment": "Mooi werk."})
        state.refresh_from_db()
        self.assertEqual((state.status, state.comment), ("approved", "Mooi werk."))
        self.assertTrue(PilotResultPage.objects.get(pk=pilot.pk).live)


class DashboardPanels(TestCase):
    def test_editor_sees_their_unsubmitted_drafts(self):
        user = editor()
        method = MethodPageFactory()
        draft = PilotResultPageFactory(parent=method, title="Nog niet ingediend", live=False, owner=user)
        PilotResultPageFactory(parent=method, title="Van iemand anders", live=False)
        self.client.force_login(user)
        html = self.client.get("/admin/").content.decode()
        self.assertIn("Mijn concepten", html)
        self.assertIn("Nog niet ingediend", html)
        self.assertIn(reverse("wagtailadmin_pages:edit", args=[draft.pk]), html)
        self.assertNotIn("Van iemand anders", html)

    def test_new_editor_without_drafts_is_shown_where_to_start(self):
        index = MethodPageFactory().get_parent()
        self.client.force_login(editor())
        html = self.client.get("/admin/").content.decode()
        self.assertIn("U heeft geen concepten", html)
        self.assertIn(reverse("wagtailadmin_pages:add", args=["methods", "methodpage", index.pk]), html)

    def test_moderator_sees_methods_needing_reassessment(self):
        import datetime

        from tests.factories.methods import rating

        MethodPageFactory(title="Verlopen oordeel", ratings=[rating(date=datetime.date(2015, 1, 1),
                                                                     valid_until=datetime.date(2018, 1, 1))])
        self.client.force_login(moderator())
        html = self.client.get("/admin/").content.decode()
        self.assertIn("Methoden voor herbeoordeling", html)
        self.assertIn("Verlopen oordeel", html)
        self.client.force_login(editor())
        self.assertNotIn("Methoden voor herbeoordeling", self.client.get("/admin/").content.decode())
