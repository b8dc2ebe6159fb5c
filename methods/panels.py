"""The rating records' panel in the method form, shown as its user may use it.

Wagtail's InlinePanel offers add, edit and delete to everyone who may edit the page;
a Redacteur who used them was refused only on save (methods/forms.py). Users who may
not change ratings (methods/rating_rules.py decides) now see the records read-only,
with a hint who changes them; users who may change but not delete them (Moderators)
get no delete buttons. The records still go back as hidden fields, so the form
submits them unchanged and the server-side check stays the last word.
"""

from wagtail.admin.panels import InlinePanel, Panel

from .rating_rules import rating_permissions


def may_edit_ratings(user):
    return user is not None and (user.is_superuser or "change" in rating_permissions(user))


class RatingInlinePanel(InlinePanel):
    class BoundPanel(InlinePanel.BoundPanel):
        @property
        def read_only(self):
            return self.form is not None and not may_edit_ratings(getattr(self.request, "user", None))

        @property
        def template_name(self):
            if self.read_only:
                return "methods/panels/ratings_read_only.html"
            return "methods/panels/ratings_inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # Moderators add and correct records; deleting one is for administrators.
            user = getattr(self.request, "user", None)
            context["can_delete_ratings"] = bool(user and (user.is_superuser or "delete" in rating_permissions(user)))
            return context

        def telepath_pack(self, context):
            # The read-only panel has no add button or empty-form template for the
            # client-side InlinePanel to bind to: pack it as a plain panel.
            if self.read_only:
                return (Panel.BoundPanel.telepath_adapter_name, [Panel.BoundPanel.js_opts(self)])
            return super().telepath_pack(context)
