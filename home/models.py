"""The home page: what the catalogue is for, a search box, and ways in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from methods.browse import counted, restricted_paths
from methods.models import ExploitationForm, MethodPage, TargetGroup
from methods.models.pages import MARKDOWN_HELP


class HomePage(Page):
    intro = models.TextField(_("inleiding"), blank=True, help_text=MARKDOWN_HELP)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["methods.MethodIndexPage", "sitepages.InfoPage", "sitepages.ContactPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        methods = MethodPage.objects.live().public()
        context["method_count"] = methods.count()
        context["newest_methods"] = (
            methods.prefetch_related("ratings").order_by("-first_published_at")[:6]
        )
        restricted = restricted_paths()
        context["forms_of_exploitation"] = counted(ExploitationForm, restricted)
        context["target_groups"] = counted(TargetGroup, restricted)
        return context
