"""'Bestaat dit al?': a panel in the method form listing the most similar existing methods.

Server-rendered on load (for an existing page, from its saved title and summary);
related/static/related/similar-methods.js refreshes it from the admin JSON endpoint
while the editor types, so duplicates are caught before they are written.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .similar import similar_for


class SimilarMethodsPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Bestaat dit al?"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "bestaat-dit-al"

    class BoundPanel(Panel.BoundPanel):
        template_name = "related/similar_methods_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["similar"] = similar_for(page.title or "", page.summary or "", exclude_page_id=page.pk)
            context["endpoint"] = reverse("related_similar_methods")
            context["exclude_id"] = page.pk or ""
            return context

        @property
        def media(self):
            return forms.Media(js=["related/similar-methods.js"], css={"all": ["related/similar-methods.css"]})
