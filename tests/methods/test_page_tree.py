"""Where each page type may live: the tree editors see in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from methods.models import MethodIndexPage, MethodPage


class PageTreeRules(WagtailPageTestCase):
    def test_home_page_holds_only_the_method_index(self):
        self.assertAllowedSubpageTypes(HomePage, {MethodIndexPage} | self._extra_home_children())

    def test_method_index_holds_only_methods(self):
        self.assertAllowedSubpageTypes(MethodIndexPage, {MethodPage})
        self.assertCanCreateAt(MethodIndexPage, MethodPage)

    def test_methods_cannot_be_created_outside_the_index(self):
        self.assertCanNotCreateAt(HomePage, MethodPage)
        self.assertCanNotCreateAt(Page, MethodPage)
        self.assertAllowedParentPageTypes(MethodPage, {MethodIndexPage})

    def test_only_one_home_page_and_one_method_index(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(MethodIndexPage.max_count, 1)

    def _extra_home_children(self):
        # Other apps (pilot results) may add their own index under the home page.
        return {model for model in HomePage.allowed_subpage_models() if model is not MethodIndexPage}
