"""Concurrent edits (issue 10, item 7): a form loaded before someone else saved the page
is refused with 409 and a message naming them, keeps what its editor typed, and saves
only after an explicit "overwrite anyway"; saves, publish, submit and revert alike.
Wagtail itself refuses only stale autosaves."""

import re

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from methods.models import MethodPage
from tests.factories.methods import MethodPageFactory

from .helpers import AUTOSAVE as JSON
from .helpers import edit_url, editor, method_edit_data, moderator

CHANGED_BY = "is intussen gewijzigd door {user} om {time}; uw wijzigingen zijn niet opgeslagen"
OVERWRITE = "overwrite_newer_revision"



def hidden_value(html, name):
    return re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html).group(1)


def open_form(client, url):
    """The fields of the edit form that say which version it was loaded from."""
    html = client.get(url).content.decode()
    return {name: hidden_value(html, name) for name in ("loaded_revision_id", "loaded_revision_created_at")}


def latest(page):
    return MethodPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def changed_by(user, page):
    at = timezone.localtime(MethodPage.objects.get(pk=page.pk).latest_revision.created_at)
    return CHANGED_BY.format(user=user.get_username(), time=at.strftime("%H:%M"))


class StaleFormsAreRefused(TestCase):
    def setUp(self):
        self.method = MethodPageFactory(title="Voorlichting", slug="voorlichting", summary="Oorspronkelijk.")
        self.anna, self.bram = editor("anna"), editor("bram")
        self.as_anna, self.as_bram = logged_in(self.anna), logged_in(self.bram)

    def post(self, client, loaded, url=None, **fields):
        return client.post(url or edit_url(self.method), {**method_edit_data(self.method, **fields), **loaded})

    def test_second_editors_stale_save_is_refused_and_the_first_change_kept(self):
        annas_form, brams_form = open_form(self.as_anna, edit_url(self.method)), open_form(self.as_bram, edit_url(self.method))
        self.assertEqual(self.post(self.as_anna, annas_form, summary="Anna's versie.").status_code, 302)

        response = self.post(self.as_bram, brams_form, summary="Bram's versie.")
        self.assertContains(response, changed_by(self.anna, self.method), status_code=409)
        self.assertContains(response, "Bram&#x27;s versie.", status_code=409)  # nothing he typed is lost
        self.assertContains(response, f'name="{OVERWRITE}"', status_code=409)
        compare = reverse("wagtailadmin_pages:revisions_compare",
                          args=[self.method.pk, brams_form["loaded_revision_id"], "latest"])
        self.assertContains(response, compare, status_code=409)  # what Anna changed
        self.assertEqual(self.as_bram.get(compare).status_code, 200)
        self.assertEqual(latest(self.method).summary, "Anna's versie.")

    def test_overwrite_only_after_the_explicit_confirmation(self):
        brams_form = open_form(self.as_bram, edit_url(self.method))
        self.post(self.as_anna, open_form(self.as_anna, edit_url(self.method)), summary="Anna's versie.")
        refused = self.post(self.as_bram, brams_form, summary="Bram's versie.").content.decode()
        # The refused form, sent again as it is, is refused again: it still names the old version.
        again = {name: hidden_value(refused, name) for name in brams_form}
        self.assertEqual(self.post(self.as_bram, again, summary="Bram's versie.").status_code, 409)
        self.assertEqual(latest(self.method).summary, "Anna's versie.")

        confirm = re.search(rf'name="{OVERWRITE}" value="(\d+)"', refused).group(1)
        response = self.post(self.as_bram, {**again, OVERWRITE: confirm}, summary="Bram's versie.")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(latest(self.method).summary, "Bram's versie.")

    def test_a_confirmation_does_not_cover_a_later_change(self):
        brams_form = open_form(self.as_bram, edit_url(self.method))
        self.post(self.as_anna, open_form(self.as_anna, edit_url(self.method)), summary="Anna's versie.")
        refused = self.post(self.as_bram, brams_form, summary="Bram's versie.").content.decode()
        confirm = re.search(rf'name="{OVERWRITE}" value="(\d+)"', refused).group(1)
        self.post(self.as_anna, open_form(self.as_anna, edit_url(self.method)), summary="Anna's tweede versie.")

        response = self.post(self.as_bram, {**brams_form, OVERWRITE: confirm}, summary="Bram's versie.")
        self.assertContains(response, changed_by(self.anna, self.method), status_code=409)
        self.assertEqual(latest(self.method).summary, "Anna's tweede versie.")

    def test_own_saves_and_autosaves_do_not_make_a_form_stale_another_editors_do(self):
        brams_form = open_form(self.as_bram, edit_url(self.method))
        annas_form = open_form(self.as_anna, edit_url(self.method))
        autosave = self.as_anna.post(edit_url(self.method), {**method_edit_data(self.method, summary="Bezig."),
                                                             **annas_form}, **JSON)
        self.assertTrue(autosave.json()["success"])
        # Her deliberate save from the same form, then twice more from fresh forms.
        for summary in ("Eerste.", "Tweede.", "Derde."):
            self.assertEqual(self.post(self.as_anna, annas_form, summary=summary).status_code, 302)
            annas_form = open_form(self.as_anna, edit_url(self.method))
        self.assertEqual(latest(self.method).summary, "Derde.")

        self.assertEqual(self.post(self.as_bram, brams_form, summary="Bram's versie.").status_code, 409)
        self.assertEqual(latest(self.method).summary, "Derde.")

    def test_stale_submit_for_moderation_is_refused(self):
        brams_form = open_form(self.as_bram, edit_url(self.method))
        self.post(self.as_anna, open_form(self.as_anna, edit_url(self.method)), summary="Anna's versie.")
        response = self.post(self.as_bram, brams_form, summary="Bram's versie.", **{"action-submit": "action-submit"})
        self.assertContains(response, changed_by(self.anna, self.method), status_code=409)
        page = MethodPage.objects.get(pk=self.method.pk)
        self.assertFalse(page.workflow_in_progress)
        self.assertEqual(latest(self.method).summary, "Anna's versie.")

    def test_stale_publish_is_refused_and_the_live_page_unchanged(self):
        carla, dirk = moderator("carla"), moderator("dirk")
        as_carla, as_dirk = logged_in(carla), logged_in(dirk)
        dirks_form = open_form(as_dirk, edit_url(self.method))
        self.post(as_carla, open_form(as_carla, edit_url(self.method)), summary="Carla's versie.",
                  **{"action-publish": "action-publish"})
        self.assertEqual(MethodPage.objects.get(pk=self.method.pk).summary, "Carla's versie.")

        response = self.post(as_dirk, dirks_form, summary="Dirk's versie.", **{"action-publish": "action-publish"})
        self.assertContains(response, changed_by(carla, self.method), status_code=409)
        self.assertEqual(MethodPage.objects.get(pk=self.method.pk).summary, "Carla's versie.")

    def test_approving_from_a_stale_edit_form_is_refused_and_nothing_published(self):
        self.post(self.as_anna, open_form(self.as_anna, edit_url(self.method)), summary="Ter beoordeling.",
                  **{"action-submit": "action-submit"})
        carla, dirk = moderator("carla"), moderator("dirk")
        as_carla, as_dirk = logged_in(carla), logged_in(dirk)
        carlas_form = open_form(as_carla, edit_url(self.method))
        # Dirk corrects the draft in moderation while Carla still has it open.
        self.post(as_dirk, open_form(as_dirk, edit_url(self.method)), summary="Door Dirk verbeterd.")

        approve = {"action-workflow-action": "true", "workflow-action-name": "approve",
                   "workflow-action-extra-data": '{"comment": ""}'}
        response = self.post(as_carla, carlas_form, summary="Ter beoordeling.", **approve)
        self.assertContains(response, changed_by(dirk, self.method), status_code=409)
        page = MethodPage.objects.get(pk=self.method.pk)
        self.assertEqual(page.summary, "Oorspronkelijk.")  # nothing went live
        self.assertTrue(page.workflow_in_progress)
        self.assertEqual(latest(self.method).summary, "Door Dirk verbeterd.")

    def test_revert_from_a_fresh_form_works_a_stale_one_is_refused(self):
        first = self.method.latest_revision
        self.post(self.as_anna, open_form(self.as_anna, edit_url(self.method)), summary="Anna's versie.")
        revert = reverse("wagtailadmin_pages:revisions_revert", args=[self.method.pk, first.pk])
        old = first.as_object()
        brams_form = open_form(self.as_bram, revert)
        self.assertEqual(self.post(self.as_bram, brams_form, url=revert, summary=old.summary).status_code, 302)
        self.assertEqual(latest(self.method).summary, "Oorspronkelijk.")

        annas_revert = open_form(self.as_anna, revert)
        self.post(self.as_bram, open_form(self.as_bram, edit_url(self.method)), summary="Bram's versie.")
        response = self.post(self.as_anna, annas_revert, url=revert, summary=old.summary)
        self.assertContains(response, changed_by(self.bram, self.method), status_code=409)
        self.assertEqual(latest(self.method).summary, "Bram's versie.")
