"""Editor traps (issue 8, item 9), each through the admin views as the browser uses them:
controls a Redacteur is refused on save, a success tick under an error banner, a
workflow action without confirmation, a draft created before the first deliberate
save, and StreamFields that show nothing but an unlabelled ⊕."""

import datetime
import re

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import resolve, reverse
from wagtail.models import TaskState

from methods.blocks import LONG_TEXT_HELP
from methods.models import EvidenceLevel, MethodPage
from moderation import editor_views
from tests.factories.methods import MethodPageFactory, method_index, rating

from .helpers import AUTOSAVE as JSON
from .helpers import edit_url, editor, method_edit_data, moderator

REFUSED = "U mag beoordelingen niet toevoegen, wijzigen of verwijderen"
RATING_HINT = "Beoordelingen voegt een moderator toe of wijzigt een moderator"
FAILED_BANNER = "De pagina kon niet worden opgeslagen vanwege validatiefouten."



def form_tag(html, form_id):
    return re.search(rf'<form\s[^>]*id="{form_id}"[^>]*>', html, re.S).group(0)


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def has_message(response, text):
    return any(text in message for message in message_texts(response))


class RatingsAreReadOnlyForEditors(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(
            title="Girls' Talk", slug="girls-talk",
            ratings=[rating(level=EvidenceLevel.WELL_FOUNDED, date=datetime.date(2016, 4, 1), reason="Erkend.")])

    def test_editor_is_not_offered_add_edit_or_delete_but_sees_the_record_and_who_changes_it(self):
        self.client.force_login(editor())
        html = self.client.get(edit_url(self.method)).content.decode()
        self.assertNotIn('id="id_ratings-ADD"', html)  # "Voeg beoordeling toe"
        self.assertNotIn('id="id_ratings-0-DELETE-button"', html)
        self.assertNotIn('<select name="ratings-0-level"', html)
        self.assertNotIn('<textarea name="ratings-0-reason"', html)
        self.assertIn(RATING_HINT, html)
        self.assertIn("Goed onderbouwd", html)
        # The record goes back unchanged as hidden fields.
        self.assertRegex(html, rf'<input type="hidden" name="ratings-0-level" value="{EvidenceLevel.WELL_FOUNDED.value}"')

    def test_the_server_still_refuses_a_crafted_rating_change(self):
        self.client.force_login(editor())
        rows = [{"id": r.pk, "level": str(EvidenceLevel.FIRST_INDICATIONS), "assessor": r.assessor,
                 "date": r.date.isoformat(), "valid_until": "", "reason": r.reason, "source_url": ""}
                for r in self.method.ratings.all()]
        response = self.client.post(edit_url(self.method), method_edit_data(self.method, ratings=rows))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, REFUSED)

    def test_moderator_may_add_and_correct_but_is_not_offered_deleting_a_saved_record(self):
        self.client.force_login(moderator())
        html = self.client.get(edit_url(self.method)).content.decode()
        self.assertIn('id="id_ratings-ADD"', html)
        self.assertIn('<select name="ratings-0-level"', html)
        self.assertNotIn(RATING_HINT, html)
        self.assertNotIn('id="id_ratings-0-DELETE-button"', html)
        self.assertIn('id="id_ratings-__prefix__-DELETE-button"', html)  # a record just added can go again
        self.assertIn("Een beoordeling verwijderen kan alleen een beheerder", html)

    def test_an_administrator_keeps_every_control(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.invalid", "pw"))
        html = self.client.get(edit_url(self.method)).content.decode()
        self.assertIn('id="id_ratings-0-DELETE-button"', html)
        self.assertNotIn("Een beoordeling verwijderen kan alleen een beheerder", html)

    def test_editor_creating_a_method_gets_no_rating_controls(self):
        self.client.force_login(editor())
        html = self.client.get(f"/admin/pages/add/methods/methodpage/{method_index().pk}/").content.decode()
        self.assertNotIn('id="id_ratings-ADD"', html)
        self.assertIn(RATING_HINT, html)


class FailedSaveShowsNoSuccess(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(title="Voorlichting", slug="voorlichting", summary="Oud.")

    def test_after_a_failed_save_autosave_does_not_save_and_tick_behind_the_banner(self):
        # Submitting checks the required fields; autosave (a draft) defers them, so it
        # succeeded at once with the same data and showed 'Opgeslagen' under the banner.
        self.client.force_login(editor())
        data = method_edit_data(self.method, summary="")
        data["action-submit"] = "action-submit"
        response = self.client.post(edit_url(self.method), data)
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn(FAILED_BANNER, html)
        self.assertNotIn("w-autosave", form_tag(html, "page-edit-form"))
        self.assertFalse('id="w-autosave-indicator"' in html, "autosave indicator shown")
        # Wagtail's own "unsaved edits" footer takes its place.
        self.assertIn('data-w-unsaved-force-value="true"', html)

    def test_autosave_stays_on_for_an_edit_that_has_not_failed(self):
        self.client.force_login(editor())
        html = self.client.get(edit_url(self.method)).content.decode()
        self.assertIn("w-autosave", form_tag(html, "page-edit-form"))


class WorkflowActionsAreConfirmed(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(title="Voorlichting", slug="voorlichting", summary="Oud.")
        cls.editor, cls.moderator = editor(), moderator()

    def submit(self):
        self.client.force_login(self.editor)
        data = method_edit_data(self.method, summary="Nieuw.")
        data["action-submit"] = "action-submit"
        self.assertEqual(self.client.post(edit_url(self.method), data).status_code, 302)
        self.client.force_login(self.moderator)
        return TaskState.objects.get(workflow_state__object_id=str(self.method.pk), status="in_progress")

    def action_url(self, action, state):
        return reverse("wagtailadmin_pages:workflow_action", args=[self.method.pk, action, state.pk])

    def test_approving_from_the_dashboard_says_it_is_approved_and_published(self):
        state = self.submit()
        response = self.client.post(self.action_url("approve", state) + "?next=/admin/", {"comment": ""})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertTrue(has_message(response, "‘Voorlichting’ is goedgekeurd en gepubliceerd."))
        self.assertTrue(MethodPage.objects.get(pk=self.method.pk).summary == "Nieuw.")

    def test_approving_with_a_comment_in_the_modal_is_confirmed_too(self):
        state = self.submit()
        response = self.client.post(self.action_url("approve", state), {"comment": "Mooi."},
                                    HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(has_message(response, "‘Voorlichting’ is goedgekeurd en gepubliceerd."))

    def test_asking_for_changes_is_confirmed(self):
        state = self.submit()
        response = self.client.post(self.action_url("reject", state), {"comment": "Bron ontbreekt."})
        self.assertTrue(has_message(response, "Wijzigingen gevraagd voor ‘Voorlichting’; de redacteur ziet uw toelichting."))

    def test_approving_from_the_edit_form_says_so_instead_of_just_updated(self):
        self.submit()
        page = MethodPage.objects.get(pk=self.method.pk).get_latest_revision_as_object()
        data = method_edit_data(page)
        data.update({"action-workflow-action": "true", "workflow-action-name": "approve",
                     "workflow-action-extra-data": '{"comment": ""}'})
        response = self.client.post(edit_url(self.method), data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(has_message(response, "‘Voorlichting’ is goedgekeurd en gepubliceerd."))
        self.assertFalse(has_message(response, "is bijgewerkt"))

    def test_a_refused_action_is_not_confirmed(self):
        state = self.submit()
        self.client.force_login(self.editor)  # an editor may not approve
        response = self.client.post(self.action_url("approve", state), {"comment": ""})
        self.assertFalse(has_message(response, "goedgekeurd"))


class NoPageBeforeTheFirstDeliberateSave(TestCase):
    def setUp(self):
        self.client.force_login(editor())
        self.add_url = reverse("wagtailadmin_pages:add", args=["methods", "methodpage", method_index().pk])

    def test_the_create_form_does_not_autosave(self):
        html = self.client.get(self.add_url).content.decode()
        self.assertNotIn("w-autosave", form_tag(html, "page-edit-form"))
        self.assertFalse('id="w-autosave-indicator"' in html, "autosave indicator shown")

    def new_method_data(self):
        """The whole create form, as the browser (and its autosave) sends it."""
        data = method_edit_data(MethodPageFactory.build(title="Nieuw", slug="nieuw", summary="Kort."), ratings=[])
        data = {k: v for k, v in data.items() if not k.startswith(("sources-", "embedding_items-"))}
        data.update({"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "0",
                     "sources-MAX_NUM_FORMS": "1000", "embedding_items-TOTAL_FORMS": "0",
                     "embedding_items-INITIAL_FORMS": "0", "embedding_items-MIN_NUM_FORMS": "0",
                     "embedding_items-MAX_NUM_FORMS": "1000"})
        return data

    def test_an_autosave_request_creates_no_page(self):
        # What autosave posted while the editor read the 'Bestaat dit al?' hints.
        response = self.client.post(self.add_url, self.new_method_data(), **JSON)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(response.json()["success"])
        self.assertFalse(MethodPage.objects.filter(slug="nieuw").exists())

    def test_a_deliberate_save_still_creates_the_draft(self):
        response = self.client.post(self.add_url, self.new_method_data())
        self.assertEqual(response.status_code, 302)
        self.assertFalse(MethodPage.objects.get(slug="nieuw").live)


class WagtailUrlsReachTheseViews(TestCase):
    def test_reverse_of_wagtails_names_resolves_to_the_fixed_views(self):
        # Guards against a Wagtail upgrade that moves these paths.
        cases = {
            reverse("wagtailadmin_pages:add", args=["methods", "methodpage", 1]): editor_views.CreateView,
            reverse("wagtailadmin_pages:edit", args=[1]): editor_views.EditView,
            reverse("wagtailadmin_pages:workflow_action", args=[1, "approve", 1]): editor_views.WorkflowAction,
        }
        for url, view in cases.items():
            self.assertIs(resolve(url).func.view_class, view, url)

    def test_anonymous_users_are_still_sent_to_the_login(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[1]))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])


class LongTextFieldsSayWhatTheButtonDoes(TestCase):
    def test_pilot_results_and_lessons_and_method_body_have_a_hint(self):
        self.client.force_login(editor())
        method = MethodPageFactory()
        html = self.client.get(reverse("wagtailadmin_pages:add", args=["pilots", "pilotresultpage", method.pk]))
        self.assertEqual(html.content.decode().count(str(LONG_TEXT_HELP)), 2)  # results, lessons
        self.assertIn(str(LONG_TEXT_HELP), self.client.get(edit_url(method)).content.decode())
