"""Admin: taxonomies and organisations as snippets editors manage."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ApproachType, CostBand, ExploitationForm, Organisation, Setting, TargetGroup


def taxonomy_viewset(taxonomy, icon):
    return type(
        f"{taxonomy.__name__}ViewSet",
        (SnippetViewSet,),
        {"model": taxonomy, "icon": icon, "list_display": ["name", "slug", "sort_order"],
         "search_fields": ["name"], "ordering": ["sort_order", "name"]},
    )


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "contact_name", "email"]
    search_fields = ["name", "contact_name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomieën")
    menu_icon = "tag"
    menu_order = 300
    items = (
        taxonomy_viewset(ExploitationForm, "warning"),
        taxonomy_viewset(TargetGroup, "user"),
        taxonomy_viewset(ApproachType, "cogs"),
        taxonomy_viewset(Setting, "site"),
        taxonomy_viewset(CostBand, "tag"),
        OrganisationViewSet,
    )


register_snippet(TaxonomyGroup)
