"""Admin: the municipality register as a snippet editors keep up to date."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality


class MunicipalityFilterSet(WagtailFilterSet):
    class Meta:
        model = Municipality
        fields = ["province", "active"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Gemeenten")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "code", "province", "active"]
    list_per_page = 50
    search_fields = ["name", "code"]
    filterset_class = MunicipalityFilterSet
    ordering = ["name"]


register_snippet(MunicipalityViewSet)
