"""Wagtail's page create, edit and workflow-action views with three editor traps removed.

catalogue/urls.py routes Wagtail's own URLs for these views here (ahead of
wagtail.admin.urls), so every link Wagtail builds with reverse() lands on them.

- Create: no autosave. Wagtail 7 autosave creates the page on the first keystroke,
  while the editor is still reading the 'Bestaat dit al?' hints; an abandoned
  duplicate then sits among the drafts. A page now exists only after a deliberate
  save; once it exists, the edit view autosaves as before.
- Edit: after a deliberate save failed, autosave is off until the editor saves
  again. Otherwise autosave resent the same data at once as a draft (which defers
  the required fields) and showed its 'Opgeslagen' tick under the 'kon niet worden
  opgeslagen' banner. Wagtail then shows its own 'unsaved changes' footer instead.
- Workflow actions: say what happened. Wagtail's action view (the dashboard's
  'Goedkeuren' buttons) adds no message at all, and the edit form's workflow
  buttons only say 'bijgewerkt'.
"""

from django.urls import path
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import create, edit, workflow
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.utils.urlpatterns import decorate_urlpatterns


def add_workflow_outcome_message(request, page, task_state):
    """A message for the moderator saying what their action did to `task_state`'s page."""
    if task_state is None:
        return False
    task_state.refresh_from_db()
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    page = Page.objects.get(pk=page.pk).specific  # as the action left it (live or not)
    title = page.get_admin_display_title()
    buttons = []
    if task_state.status == TaskState.STATUS_APPROVED:
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            message = _("‘%(title)s’ is goedgekeurd en gepubliceerd.") % {"title": title}
            if page.live and page.url:
                buttons.append(messages.button(page.url, _("Bekijk live"), new_window=False))
        else:
            next_task = workflow_state.current_task_state
            message = _("‘%(title)s’ is goedgekeurd; de volgende stap is ‘%(task)s’.") % {
                "title": title, "task": next_task.task.name if next_task else ""}
    elif task_state.status == TaskState.STATUS_REJECTED:
        message = _("Wijzigingen gevraagd voor ‘%(title)s’; de redacteur ziet uw toelichting.") % {"title": title}
    else:
        return False
    messages.success(request, message, buttons=buttons)
    return True


class WithoutIdleAutosaveIndicator:
    """Wagtail adds its autosave indicator even where autosave is off; leave it out there."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.autosave_enabled:
            context.pop("autosave_indicator", None)
        return context


class CreateView(WithoutIdleAutosaveIndicator, create.CreateView):
    def get(self, request, *args, **kwargs):
        self.autosave_enabled = False
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.autosave_enabled = False
        if self.expects_json_response:
            # An autosave from a page rendered before this change: create nothing.
            return self.json_error_response(
                "blocked_by_hook", _("Een nieuwe pagina wordt pas opgeslagen als u zelf op opslaan klikt."))
        return super().post(request, *args, **kwargs)


class EditView(WithoutIdleAutosaveIndicator, edit.EditView):
    def form_invalid(self, form):
        if not self.expects_json_response:
            self.autosave_enabled = False
        return super().form_invalid(form)

    def perform_workflow_action(self):
        self.acted_task_state = self.page.current_workflow_task_state
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        acted = getattr(self, "acted_task_state", None)
        if acted is not None and add_workflow_outcome_message(self.request, self.page, acted):
            return
        super().add_save_confirmation_message()


class WorkflowAction(workflow.WorkflowAction):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        add_workflow_outcome_message(request, self.object, self.task_state)
        return response


# The same paths as wagtail/admin/urls/pages.py (under /admin/pages/), without names:
# reverse() keeps using Wagtail's names and resolves to these views first. Wagtail's
# admin-access check wraps them as it wraps its own.
urlpatterns = decorate_urlpatterns([
    path("add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
         CreateView.as_view()),
    path("<int:page_id>/edit/", EditView.as_view()),
    path("workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", WorkflowAction.as_view()),
], require_admin_access)
