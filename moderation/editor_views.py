"""Wagtail's page create, edit, revert and workflow-action views without their editor traps.

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
- Edit and revert: a form loaded before someone else saved the page is refused
  (409) instead of silently overwriting their change (RefuseStaleForm). Wagtail
  only refuses stale autosaves; a deliberate save, publish or submit went through.
- Workflow actions: say what happened. Wagtail's action view (the dashboard's
  'Goedkeuren' buttons) adds no message at all, and the edit form's workflow
  buttons only say 'bijgewerkt'.
"""

from django.contrib import messages as django_messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages import create, edit, revisions, workflow
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


class RefuseStaleForm:
    """Refuse a form loaded before someone else saved the page, keeping what the editor typed.

    The baseline is the revision Wagtail's edit form was loaded from (its hidden
    `loaded_revision_created_at`). Revisions made since by the same user (their own
    autosaves) do not count; one by anyone else, or by an import without a user,
    does, unless the editor ticked the box that names that revision.
    """

    confirm_field = "overwrite_newer_revision"

    def post(self, request, *args, **kwargs):
        if not self.expects_json_response and not self.page.alias_of_id:
            newer = self.newer_revision_by_someone_else()
            if newer is not None and request.POST.get(self.confirm_field) != str(newer.pk):
                return self.refuse_stale_form(newer)
        return super().post(request, *args, **kwargs)

    def newer_revision_by_someone_else(self):
        if not self.is_out_of_date:
            return None
        since = parse_datetime(self.request.POST.get("loaded_revision_created_at", ""))
        if since is None:
            newer = self.real_page_record.revisions.filter(pk=self.latest_revision.pk)
        else:
            newer = self.real_page_record.revisions.filter(created_at__gt=since)
        return newer.exclude(user=self.request.user).order_by("-created_at", "-pk").first()

    def refuse_stale_form(self, newer):
        self.form = self.form_class(
            self.request.POST, self.request.FILES, instance=self.page, subscription=self.subscription,
            parent_page=self.parent, for_user=self.request.user)
        self.autosave_enabled = False
        self.has_unsaved_changes = True
        # The form keeps the old baseline, so saving again without the tick is refused again.
        self.stale_baseline = self.request.POST.get("loaded_revision_created_at", "")
        author = get_user_display_name(newer.user) if newer.user else _("een import of script")
        when = timezone.localtime(newer.created_at)
        if when.date() == timezone.localdate():
            moment = _("om %(time)s") % {"time": date_format(when, "H:i")}
        else:
            moment = _("op %(date)s om %(time)s") % {"date": date_format(when, "j F Y"), "time": date_format(when, "H:i")}
        message = _("‘%(title)s’ is intussen gewijzigd door %(author)s %(moment)s; uw wijzigingen zijn niet "
                    "opgeslagen. Wat u invoerde staat hieronder nog.") % {
            "title": self.real_page_record.get_admin_display_title(), "author": author, "moment": moment}
        buttons = []
        loaded = self.request.POST.get("loaded_revision_id", "")
        if loaded.isdigit() and self.real_page_record.revisions.filter(pk=loaded).exists():
            buttons.append(messages.button(
                reverse("wagtailadmin_pages:revisions_compare", args=[self.page.pk, loaded, "latest"]),
                _("Bekijk wat er veranderd is"), new_window=True))
        # Outside the form in the page, so it names the form it belongs to.
        confirm = format_html(
            '<p class="w-mt-2"><label><input type="checkbox" form="page-edit-form" name="{}" value="{}"> {}</label></p>',
            self.confirm_field, newer.pk,
            _("Toch opslaan: de wijziging van %(author)s overschrijven met mijn versie "
              "(vink aan en kies opnieuw opslaan, publiceren of ter beoordeling indienen)") % {"author": author})
        django_messages.error(self.request, messages.render(message, buttons, detail=confirm))
        response = self.render_to_response(self.get_context_data())
        response.status_code = 409
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if getattr(self, "stale_baseline", None):
            context["loaded_revision_created_at"] = self.stale_baseline
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


class EditView(RefuseStaleForm, WithoutIdleAutosaveIndicator, edit.EditView):
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


class RevisionsRevertView(RefuseStaleForm, revisions.RevisionsRevertView):
    pass


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
    path("<int:page_id>/revisions/<int:revision_id>/revert/", RevisionsRevertView.as_view()),
    path("workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", WorkflowAction.as_view()),
], require_admin_access)
