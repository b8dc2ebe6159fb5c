"""Roles are enforced by the server: real POSTs to the admin, as a crafted request would send them."""

import datetime

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from home.models import HomePage
from methods.models import EvidenceLevel, MethodPage
from tests.factories.methods import MethodPageFactory, method_index, rating

from .helpers import editor, method_edit_data, moderator, rating_rows, rendered_field_names

REFUSED = "U mag beoordelingen niet toevoegen, wijzigen of verwijderen"


class GroupsAndWorkflowFromTheMigration(TestCase):
    def test_groups_have_the_documented_page_permissions_on_the_home_page(self):
        home = HomePage.objects.get()
        perms = {
            name: set(GroupPagePermission.objects.filter(group__name=name, page=home)
                      .values_list("permission__codename", flat=True))
            for name in ("Redacteuren", "Moderatoren")
        }
        self.assertNotIn("publish_page", perms["Redacteuren"])
        self.assertTrue({"add_page", "change_page"} <= perms["Redacteuren"])
        self.assertTrue({"add_page", "change_page", "publish_page"} <= perms["Moderatoren"])

    def test_only_moderators_may_rate(self):
        editors = Group.objects.get(name="Redacteuren").permissions.values_list("codename", flat=True)
        moderators = Group.objects.get(name="Moderatoren").permissions.values_list("codename", flat=True)
        self.assertNotIn("add_ratingrecord", editors)
        self.assertNotIn("change_ratingrecord", editors)
        self.assertIn("add_ratingrecord", moderators)
        self.assertIn("change_ratingrecord", moderators)
        for codename in ("access_admin", "add_exploitationform", "change_municipality", "import_methods"):
            self.assertIn(codename, editors)

    def test_the_moderation_workflow_covers_the_site(self):
        method = MethodPageFactory()
        workflow = method.get_workflow()
        self.assertEqual(workflow.name, "Moderatie")
        task = workflow.tasks.get().specific
        self.assertEqual(list(task.groups.values_list("name", flat=True)), ["Moderatoren"])
        self.assertEqual(WorkflowPage.objects.get(workflow=workflow).page.specific_class, HomePage)


class EditorCannotPublish(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(title="Voorlichting", slug="voorlichting", summary="Oude samenvatting.")

    def setUp(self):
        self.client.force_login(editor())

    def test_publish_button_is_not_offered(self):
        html = self.client.get(f"/admin/pages/{self.method.pk}/edit/").content.decode()
        self.assertNotIn('name="action-publish"', html)
        self.assertIn('name="action-submit"', html)

    def test_posting_publish_on_an_edit_saves_a_draft_and_publishes_nothing(self):
        live_revision = self.method.live_revision_id
        data = method_edit_data(self.method, summary="Nieuwe samenvatting.")
        data["action-publish"] = "action-publish"
        response = self.client.post(f"/admin/pages/{self.method.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        page = MethodPage.objects.get(pk=self.method.pk)
        self.assertEqual(page.live_revision_id, live_revision)
        self.assertEqual(page.summary, "Oude samenvatting.")
        self.assertTrue(page.has_unpublished_changes)
        self.assertIn("Oude samenvatting.", self.client.get(page.url).content.decode())

    def test_posting_publish_on_a_new_page_leaves_it_unpublished(self):
        data = method_edit_data(self.method, title="Nieuw", slug="nieuw", ratings=[])
        for key in [k for k in data if k.startswith(("sources-", "embedding_items-"))]:
            del data[key]
        data.update({"sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "0",
                     "sources-MAX_NUM_FORMS": "1000", "sources-0-url": "https://example.org/b",
                     "sources-0-title": "", "sources-0-ORDER": "1", "sources-0-DELETE": "",
                     "embedding_items-TOTAL_FORMS": "0", "embedding_items-INITIAL_FORMS": "0",
                     "embedding_items-MIN_NUM_FORMS": "0", "embedding_items-MAX_NUM_FORMS": "1000",
                     "action-publish": "action-publish"})
        response = self.client.post(f"/admin/pages/add/methods/methodpage/{method_index().pk}/", data)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(MethodPage.objects.get(slug="nieuw").live)

    def test_bulk_publish_is_refused(self):
        draft = MethodPageFactory(live=False)
        self.client.post(f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}", {})
        self.assertFalse(Page.objects.get(pk=draft.pk).live)


class RatingsAreForModerators(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.method = MethodPageFactory(
            title="Girls' Talk", slug="girls-talk", summary="Oud.",
            ratings=[rating(level=EvidenceLevel.WELL_FOUNDED, date=datetime.date(2016, 4, 1), reason="Erkend.")],
        )

    def post(self, data):
        return self.client.post(f"/admin/pages/{self.method.pk}/edit/", data)

    def latest(self):
        return MethodPage.objects.get(pk=self.method.pk).get_latest_revision_as_object()

    def test_helper_posts_what_the_admin_form_renders(self):
        self.client.force_login(editor())
        html = self.client.get(f"/admin/pages/{self.method.pk}/edit/").content.decode()
        # The rating rows are what the server-side check compares, so they must match exactly.
        rendered = {name for name in rendered_field_names(html) if name.startswith("ratings-")}
        self.assertTrue(rendered <= set(method_edit_data(self.method)), rendered - set(method_edit_data(self.method)))
        self.assertIn('name="ratings-0-ORDER" value="1"', html)

    def test_editor_may_edit_content_while_ratings_stay_as_they_are(self):
        self.client.force_login(editor())
        response = self.post(method_edit_data(self.method, summary="Nieuwe samenvatting."))
        self.assertEqual(response.status_code, 302)
        latest = self.latest()
        self.assertEqual(latest.summary, "Nieuwe samenvatting.")
        self.assertEqual([r.level for r in latest.ratings.all()], [EvidenceLevel.WELL_FOUNDED])

    def test_editor_changing_a_rating_level_is_refused(self):
        self.client.force_login(editor())
        rows = rating_rows(self.method)
        rows[0]["level"] = str(EvidenceLevel.STRONG_INDICATIONS)
        response = self.post(method_edit_data(self.method, ratings=rows, summary="Poging."))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, REFUSED)
        self.assertEqual(self.latest().summary, "Oud.")
        self.assertEqual(MethodPage.objects.get(pk=self.method.pk).evidence_level, EvidenceLevel.WELL_FOUNDED)

    def test_editor_changing_a_rating_reason_or_date_is_refused(self):
        self.client.force_login(editor())
        for field, value in (("reason", "Anders."), ("date", "2020-01-01"), ("valid_until", "2030-01-01")):
            rows = rating_rows(self.method)
            rows[0][field] = value
            self.assertContains(self.post(method_edit_data(self.method, ratings=rows)), REFUSED)

    def test_editor_adding_a_rating_is_refused(self):
        self.client.force_login(editor())
        rows = rating_rows(self.method) + [{"level": str(EvidenceLevel.STRONG_INDICATIONS), "assessor": "Ik",
                                            "date": "2024-01-01", "valid_until": "", "reason": ""}]
        self.assertContains(self.post(method_edit_data(self.method, ratings=rows)), REFUSED)
        self.assertEqual(self.latest().ratings.count(), 1)

    def test_editor_deleting_a_rating_is_refused(self):
        self.client.force_login(editor())
        rows = rating_rows(self.method)
        rows[0]["DELETE"] = "1"
        self.assertContains(self.post(method_edit_data(self.method, ratings=rows)), REFUSED)
        self.assertEqual(self.latest().ratings.count(), 1)

    def test_editor_swapping_the_record_id_is_refused(self):
        self.client.force_login(editor())
        rows = rating_rows(self.method)
        rows[0]["id"] = "999999"
        rows[0]["level"] = str(EvidenceLevel.STRONG_INDICATIONS)
        response = self.post(method_edit_data(self.method, ratings=rows, summary="Poging."))
        self.assertEqual(response.status_code, 200)  # the form is refused, nothing saved
        self.assertEqual(self.latest().summary, "Oud.")
        self.assertEqual([r.level for r in self.latest().ratings.all()], [EvidenceLevel.WELL_FOUNDED])

    def test_editor_creating_a_method_with_a_rating_is_refused(self):
        self.client.force_login(editor())
        data = method_edit_data(self.method, title="Nieuw", slug="nieuw-met-oordeel", ratings=[])
        data.update({"ratings-TOTAL_FORMS": "1", "ratings-0-level": "5", "ratings-0-assessor": "Ik",
                     "ratings-0-date": "2024-01-01", "ratings-0-valid_until": "", "ratings-0-reason": "",
                     "ratings-0-ORDER": "1", "ratings-0-DELETE": "", "ratings-0-id": "", "sources-0-id": "", "sources-INITIAL_FORMS": "0",
                     "embedding_items-TOTAL_FORMS": "0", "embedding_items-INITIAL_FORMS": "0"})
        response = self.client.post(f"/admin/pages/add/methods/methodpage/{method_index().pk}/", data)
        self.assertContains(response, REFUSED)
        self.assertFalse(MethodPage.objects.filter(slug="nieuw-met-oordeel").exists())

    def test_moderator_adds_a_rating_which_becomes_a_revision_and_public_history(self):
        self.client.force_login(moderator())
        rows = rating_rows(self.method) + [{"level": str(EvidenceLevel.FIRST_INDICATIONS),
                                            "assessor": "Erkenningscommissie Interventies",
                                            "date": "2024-03-01", "valid_until": "2029-03-01",
                                            "reason": "Nieuw effectonderzoek."}]
        revisions_before = self.method.revisions.count()
        data = method_edit_data(self.method, ratings=rows, last_reviewed="2024-03-02")
        data["action-publish"] = "action-publish"
        response = self.post(data)
        self.assertEqual(response.status_code, 302)
        page = MethodPage.objects.get(pk=self.method.pk)
        self.assertEqual(page.revisions.count(), revisions_before + 1)
        self.assertEqual(page.evidence_level, EvidenceLevel.FIRST_INDICATIONS)
        # The earlier revision still holds the earlier rating: the change is on record.
        previous = page.revisions.order_by("-created_at", "-id")[1].as_object()
        self.assertEqual([r.level for r in previous.ratings.all()], [EvidenceLevel.WELL_FOUNDED])
        html = self.client.get(page.url).content.decode()
        current = html.index('Effectief volgens eerste aanwijzingen <span class="muted">(huidig)</span>')
        self.assertLess(current, html.index("Goed onderbouwd</td>"))
        self.assertIn("Nieuw effectonderzoek.", html)
        self.assertIn("1 maart 2029", html)
        self.assertIn("Laatst bekeken in maart 2024", html)

    def test_moderator_may_correct_but_not_erase_a_rating(self):
        self.client.force_login(moderator())
        rows = rating_rows(self.method)
        rows[0]["reason"] = "Erkend (maand uit de bron)."
        self.assertEqual(self.post(method_edit_data(self.method, ratings=rows)).status_code, 302)
        rows = rating_rows(self.method)
        rows[0]["DELETE"] = "1"
        self.assertContains(self.post(method_edit_data(self.method, ratings=rows)), REFUSED)
