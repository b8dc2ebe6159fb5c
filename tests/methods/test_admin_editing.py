"""An editor creates and edits a method through the Wagtail admin form."""

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from methods.models import ExploitationForm, MethodPage, TargetGroup
from tests.factories.methods import method_index


def method_form(**overrides):
    data = {
        "title": "Voorlichting op het mbo",
        "slug": "voorlichting-mbo",
        "summary": "Gastlessen over arbeidsuitbuiting voor mbo-studenten.",
        "status": "active",
        "body": streamfield([("markdown", "Meer **informatie**.")]),
        "ratings": inline_formset([]),
        "evaluations": inline_formset([]),
        "sources": inline_formset([{"url": "https://example.org/bron", "title": ""}]),
        "materials": inline_formset([]),
        "embedding_items": inline_formset([{"item": "budget", "notes": "Structureel in de begroting."}]),
    }
    # Multi-value fields stay lists; nested_form_data would flatten them into indexed keys.
    multi = {key: overrides.pop(key) for key in list(overrides) if isinstance(overrides[key], list)}
    data.update(overrides)
    return {**nested_form_data(data), **multi}


class EditorCreatesMethod(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = method_index()
        cls.form = ExploitationForm.objects.create(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
        cls.group = TargetGroup.objects.create(name="jongeren", slug="jongeren")

    def setUp(self):
        self.user = get_user_model().objects.create_superuser("beheer", "beheer@example.invalid", "pw")
        self.client.force_login(self.user)

    def test_create_and_publish_through_the_admin(self):
        data = method_form(forms_of_exploitation=[self.form.pk], target_groups=[self.group.pk],
                           age_from=16, age_to=23, costs="Gratis lesmateriaal")
        data["action-publish"] = "publish"
        self.assertCanCreate(self.index, MethodPage, data)
        page = MethodPage.objects.get(slug="voorlichting-mbo")
        self.assertTrue(page.live)
        self.assertEqual(list(page.forms_of_exploitation.all()), [self.form])
        self.assertEqual(page.embedding_items.get().get_item_display(), "Begrotingspost")
        html = self.client.get(page.url).content.decode()
        self.assertIn("16 tot en met 23 jaar", html)
        self.assertIn("<strong>informatie</strong>", html)

    def test_reversed_age_range_is_refused_with_a_message(self):
        url = f"/admin/pages/add/methods/methodpage/{self.index.pk}/"
        response = self.client.post(url, method_form(age_from=20, age_to=12))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "moet gelijk zijn aan of hoger dan")
        self.assertFalse(MethodPage.objects.filter(slug="voorlichting-mbo").exists())

    def test_a_method_needs_a_source(self):
        url = f"/admin/pages/add/methods/methodpage/{self.index.pk}/"
        data = method_form(sources=inline_formset([]))
        data["action-publish"] = "publish"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(MethodPage.objects.filter(slug="voorlichting-mbo").exists())

    def test_edit_form_opens_for_a_demo_like_page(self):
        page = MethodPage(title="Bestaand", slug="bestaand", summary="Kort.")
        self.index.add_child(instance=page)
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Bewijs en bronnen")

    def test_taxonomies_are_managed_as_snippets(self):
        response = self.client.get("/admin/snippets/methods/exploitationform/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "arbeidsuitbuiting")


def test_root_is_not_a_place_for_methods():
    assert MethodPage not in Page.allowed_subpage_models()
