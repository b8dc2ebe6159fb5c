"""Admin views: the re-assessment report and the upload import of method files."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from methods.importer import method_index
from methods.models import MethodPage

from .importing import UploadError, import_uploads
from .reassessment import methods_needing_reassessment

REPORT_PERMISSION = "moderation.view_reassessmentflag"
IMPORT_PERMISSION = "moderation.import_methods"


class ReassessmentReportView(TemplateView):
    template_name = "moderation/reassessment_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = methods_needing_reassessment()
        return context


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Methodebestanden"),
        help_text=_("Eén .zip-bestand met .md-bestanden, of meerdere .md-bestanden tegelijk."),
        widget=MultipleFileInput(attrs={"accept": ".md,.zip,text/markdown,application/zip"}),
    )


def can_import(user):
    """The import permission and the right to add methods under the method index."""
    if not user.has_perm(IMPORT_PERMISSION):
        return False
    try:
        index = method_index()
    except RuntimeError:
        return False
    return index.permissions_for_user(user).can_add_subpage()


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    report = error = None
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = import_uploads(request.FILES.getlist("files"), request.user)
            except UploadError as exc:
                error = str(exc)
        status = 400 if (error or form.errors) else 200
    else:
        status = 200
    pages = {}
    if report is not None:
        slugs = report.created + report.updated + report.unchanged
        pages = {page.slug: page for page in MethodPage.objects.filter(slug__in=slugs)}
    return render(request, "moderation/import.html", {
        "form": form, "report": report, "error": error,
        "created": [pages.get(slug) or slug for slug in report.created] if report else [],
        "updated": [pages.get(slug) or slug for slug in report.updated] if report else [],
        "unchanged": [pages.get(slug) or slug for slug in report.unchanged] if report else [],
    }, status=status)
