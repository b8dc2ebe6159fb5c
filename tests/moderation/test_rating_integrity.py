"""Rating records change only through the rating rules, on every path that makes a
revision or makes one live: edit, revert, publish, workflow approval, copy, import.

The reported attack: a Redacteur reverts a method to a revision from before a
Moderator added a record, and submits it; one approval later the public history has
lost the record and the level has dropped. A Moderator could do the same and publish
directly (Moderators may add and correct records, not erase them)."""

import datetime

from django.test import TestCase
from django.urls import reverse
from wagtail.models import TaskState

from methods.models import EvidenceLevel, MethodPage
from methods.rating_rules import RatingChangeRefused, rating_change_kinds
from tests.factories.methods import MethodPageFactory, method_index, rating

from .helpers import editor, method_edit_data, moderator, rating_rows
from .test_import_view import URL as IMPORT_URL
from .test_import_view import md

REFUSED = "U mag beoordelingen niet toevoegen, wijzigen of verwijderen"
PUBLISH_REFUSED = "Deze versie voegt beoordelingen toe, wijzigt of verwijdert ze ten opzichte van de gepubliceerde"
SECOND = {"level": str(EvidenceLevel.FIRST_INDICATIONS), "assessor": "Erkenningscommissie Interventies",
          "date": "2024-03-01", "valid_until": "", "reason": "Effectonderzoek."}


def levels(page):
    """Levels of the rating history, oldest first (the order the records were rated in)."""
    return [r.level for r in sorted(page.ratings.all(), key=lambda r: (r.date, r.pk))]


class RatingRulesOnEveryPath(TestCase):
    def setUp(self):
        # Revision 1: one record, published. Revision 2: a Moderator adds a second, higher one.
        self.method = MethodPageFactory(title="Voorlichting", slug="voorlichting", ratings=[rating()])
        self.first_revision = self.method.latest_revision
        self.editor, self.moderator = editor(), moderator()
        self.client.force_login(self.moderator)
        data = method_edit_data(self.method, ratings=rating_rows(self.method) + [SECOND])
        data["action-publish"] = "action-publish"
        self.assertEqual(self.client.post(self.edit_url(), data).status_code, 302)
        self.assertEqual(self.live().evidence_level, EvidenceLevel.FIRST_INDICATIONS)
        self.client.logout()

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.method.pk])

    def revert_url(self):
        return reverse("wagtailadmin_pages:revisions_revert", args=[self.method.pk, self.first_revision.pk])

    def live(self):
        return MethodPage.objects.get(pk=self.method.pk)

    def old_version_data(self, **extra):
        old = self.first_revision.as_object()
        return {**method_edit_data(old, ratings=rating_rows(old)), **extra}

    def assert_public_history_intact(self):
        page = self.live()
        self.assertEqual(levels(page), [EvidenceLevel.WELL_FOUNDED, EvidenceLevel.FIRST_INDICATIONS])
        self.assertEqual(page.evidence_level, EvidenceLevel.FIRST_INDICATIONS)
        html = self.client.get(page.url).content.decode()
        self.assertIn("Effectief volgens eerste aanwijzingen", html)
        self.assertIn("Goed onderbouwd", html)

    def test_editor_reverting_to_an_older_rating_history_is_refused(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.revert_url()).status_code, 200)
        response = self.client.post(self.revert_url(), self.old_version_data(**{"action-submit": "action-submit"}))
        self.assertContains(response, REFUSED)
        page = self.live()
        self.assertFalse(page.workflow_in_progress)
        self.assertEqual(len(page.get_latest_revision_as_object().ratings.all()), 2)
        self.assert_public_history_intact()

    def test_moderator_reverting_and_publishing_an_erased_record_is_refused(self):
        self.client.force_login(self.moderator)
        response = self.client.post(self.revert_url(), self.old_version_data(**{"action-publish": "action-publish"}))
        self.assertContains(response, REFUSED)
        self.assert_public_history_intact()

    def test_a_revision_saved_by_code_for_an_editor_is_refused(self):
        with self.assertRaises(RatingChangeRefused):
            self.first_revision.as_object().save_revision(user=self.editor)
        self.assertEqual(len(self.live().get_latest_revision_as_object().ratings.all()), 2)

    def test_publishing_a_revision_that_erases_a_record_is_refused_even_for_a_moderator(self):
        revision = self.first_revision.as_object().save_revision()  # e.g. made by a trusted script
        with self.assertRaises(RatingChangeRefused):
            revision.publish(user=self.moderator)
        self.assert_public_history_intact()

    def test_approving_a_submitted_revision_that_erases_a_record_is_refused(self):
        self.first_revision.as_object().save_revision()
        page = self.live()
        page.get_workflow().start(page, self.editor)
        self.client.force_login(self.moderator)
        state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")
        # From the dashboard's approve button...
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]), {"comment": ""})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(TaskState.objects.get(pk=state.pk).status, "in_progress")  # not approved
        self.assert_public_history_intact()
        # ...and from the edit form, which says why.
        data = method_edit_data(page.get_latest_revision_as_object())
        data.update({"action-workflow-action": "true", "workflow-action-name": "approve",
                     "workflow-action-extra-data": '{"comment": ""}'})
        self.assertContains(self.client.post(self.edit_url(), data), PUBLISH_REFUSED)
        self.assert_public_history_intact()

    def test_approving_an_editors_content_edit_keeps_the_ratings(self):
        self.client.force_login(self.editor)
        data = method_edit_data(self.live(), summary="Nieuwe samenvatting.", **{"action-submit": "action-submit"})
        self.assertEqual(self.client.post(self.edit_url(), data).status_code, 302)
        self.client.force_login(self.moderator)
        state = TaskState.objects.get(workflow_state__object_id=str(self.method.pk), status="in_progress")
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[self.method.pk, "approve", state.pk]), {"comment": ""})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.live().summary, "Nieuwe samenvatting.")
        self.assert_public_history_intact()

    def test_a_copy_carries_no_rating_records(self):
        self.client.force_login(self.editor)
        response = self.client.post(reverse("wagtailadmin_pages:copy", args=[self.method.pk]), {
            "new_title": "Voorlichting (kopie)", "new_slug": "voorlichting-kopie",
            "new_parent_page": method_index().pk, "copy_subpages": "", "publish_copies": "",
        })
        self.assertEqual(response.status_code, 302)
        copy = MethodPage.objects.get(slug="voorlichting-kopie")
        self.assertEqual(levels(copy), [])
        self.assertEqual(copy.evidence_level, EvidenceLevel.NOT_ASSESSED)
        self.assertEqual(len(copy.get_latest_revision_as_object().ratings.all()), 0)
        for revision in copy.revisions.all():
            self.assertEqual(len(revision.as_object().ratings.all()), 0)
        self.assertEqual(levels(self.live()), [EvidenceLevel.WELL_FOUNDED, EvidenceLevel.FIRST_INDICATIONS])

    def test_an_editors_upload_that_brings_back_the_older_history_is_refused(self):
        from methods.records import record_from_page
        from methods import catalogue_format as fmt

        text = fmt.dump(record_from_page(self.first_revision.as_object()))
        self.client.force_login(self.editor)
        html = self.client.post(IMPORT_URL, {"files": [md("voorlichting.md", text)]}).content.decode()
        self.assertIn("1 afgewezen", html)
        self.assertIn("alleen een moderator mag beoordelingen toevoegen", html)
        self.assertEqual(len(self.live().get_latest_revision_as_object().ratings.all()), 2)


class OneJudgeOfChange(TestCase):
    """rating_change_kinds is the single definition the form, the model and the importers use."""

    A = {"level": 2, "assessor": "Erkenningscommissie", "date": datetime.date(2020, 1, 1), "reason": ""}
    B = {"level": 3, "assessor": "Erkenningscommissie", "date": datetime.date(2024, 3, 1), "reason": "x"}
    C = {"level": 1, "assessor": "Databank", "date": None, "reason": ""}

    def test_kinds(self):
        A, B, C = self.A, self.B, self.C
        self.assertEqual(rating_change_kinds([A, B], [A, B]), set())
        self.assertEqual(rating_change_kinds([A, B], [C, A, B]), {"add"})  # added in front: nothing else changed
        self.assertEqual(rating_change_kinds([A, B], [A]), {"delete"})
        self.assertEqual(rating_change_kinds([A, B], [B]), {"delete"})
        self.assertEqual(rating_change_kinds([A, B], [A, {**B, "level": 5}]), {"change"})
        self.assertEqual(rating_change_kinds([A, B], [B, A]), {"change"})  # order decides among equals
        self.assertEqual(rating_change_kinds([A, B], [C]), {"change", "delete"})

    def test_the_three_shapes_of_a_record_compare_equal(self):
        from methods import catalogue_format as fmt
        from methods.models import RatingRecord

        model = RatingRecord(level=2, assessor="Erkenningscommissie ", date=datetime.date(2020, 1, 1), reason="")
        file = fmt.RatingRecord(level="goed-onderbouwd", assessor="Erkenningscommissie",
                                date=datetime.date(2020, 1, 1), valid_until=None, reason=None)
        form = {"level": "2", "assessor": "Erkenningscommissie", "date": datetime.date(2020, 1, 1),
                "valid_until": None, "reason": ""}
        self.assertEqual(rating_change_kinds([model], [file]), set())
        self.assertEqual(rating_change_kinds([file], [form]), set())
