"""Dashboard panels. Wagtail 7.4 already shows moderators the queue ("Awaiting your
review") and editors their pages in a workflow; what it lacks is an editor's drafts
that were never submitted, and the methods waiting for re-assessment."""

from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from methods.models import MethodIndexPage

from .reassessment import methods_needing_reassessment

DRAFT_LIMIT = 10


class MyDraftsPanel(Component):
    name = "my_drafts"
    template_name = "moderation/panels/my_drafts.html"
    order = 230  # after Wagtail's moderation queue (220), so moderators see the queue first

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        candidates = (
            Page.objects.filter(Q(owner=self.user) | Q(latest_revision__user=self.user), has_unpublished_changes=True)
            .select_related("latest_revision")
            .order_by("-latest_revision_created_at")
            .specific()[:50]
        )
        # Pages already in the workflow are in Wagtail's own panel.
        context["drafts"] = [page for page in candidates if not page.workflow_in_progress][:DRAFT_LIMIT]
        # An editor with nothing in progress gets the way to start instead of an empty dashboard.
        context["method_index"] = MethodIndexPage.objects.first()
        return context


class ReassessmentPanel(Component):
    name = "reassessment"
    template_name = "moderation/panels/reassessment.html"
    order = 240

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = methods_needing_reassessment()
        context["rows"] = rows[:5]
        context["total"] = len(rows)
        return context
