"""The public list of pilot results. A plain GET form: the URL is the state."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from methods.models import ExploitationForm, MethodPage

from .models import Municipality, PilotResultPage
from .queries import live_pilots, under_methods

PER_PAGE = 20


class PilotFilterForm(forms.Form):
    """Every parameter is validated against the database, so a bad URL gives a 400 with
    a message at the field, never a 500 or a silently ignored filter."""

    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    vorm = forms.ChoiceField(label=_("Vorm van uitbuiting"), required=False)
    methode = forms.ChoiceField(label=_("Methode"), required=False)
    pagina = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        invalid = _("Onbekende waarde; kies een van de opties in de lijst.")
        for name in ("gemeente", "vorm", "methode"):
            self.fields[name].error_messages["invalid_choice"] = invalid
        self.fields["gemeente"].choices = [("", "")] + list(Municipality.objects.values_list("code", "name"))
        self.fields["vorm"].choices = [("", "")] + list(ExploitationForm.objects.values_list("slug", "name"))
        self.fields["methode"].choices = [("", "")] + list(
            MethodPage.objects.live().public().values_list("slug", "title"))


def filter_options(selected):
    """Only options that lead to results are offered (plus whatever is selected now)."""
    pilots = PilotResultPage.objects.live().public()
    method_paths = {path[:-Page.steplen] for path in pilots.values_list("path", flat=True)}
    methods = MethodPage.objects.live().public().filter(path__in=method_paths).order_by("title")
    forms_used = ExploitationForm.objects.filter(
        Q(methods__in=methods) | Q(slug=selected.get("vorm") or None)).distinct()
    municipalities = Municipality.objects.annotate(
        n=Count("pilot_results", filter=Q(pilot_results__in=pilots))
    ).filter(Q(n__gt=0) | Q(code=selected.get("gemeente") or None))
    return {
        "gemeente": [(m.code, m.name, m.n) for m in municipalities],
        "vorm": [(f.slug, f.name, None) for f in forms_used],
        "methode": [(m.slug, m.title, None) for m in methods]
        + ([] if not selected.get("methode") or selected["methode"] in {m.slug for m in methods}
           else [(selected["methode"], selected["methode"], None)]),
    }


def pilot_list(request):
    form = PilotFilterForm(request.GET)
    status = 200
    pilots = live_pilots().order_by("-period_start", "title")
    selected = {}
    if form.is_valid():
        selected = {key: value for key, value in form.cleaned_data.items() if value and key != "pagina"}
        if "gemeente" in selected:
            pilots = pilots.filter(municipality__code=selected["gemeente"])
        if "vorm" in selected:
            pilots = under_methods(pilots, MethodPage.objects.filter(forms_of_exploitation__slug=selected["vorm"]))
        if "methode" in selected:
            pilots = under_methods(pilots, MethodPage.objects.filter(slug=selected["methode"]))
    else:
        status = 400
        pilots = pilots.none()

    paginator = Paginator(pilots, PER_PAGE)
    page_obj = paginator.get_page(form.cleaned_data.get("pagina") if form.is_valid() else 1)
    parents = {m.path: m for m in MethodPage.objects.filter(path__in={p.path[:-Page.steplen] for p in page_obj})}
    for pilot in page_obj:
        pilot.method_page = parents.get(pilot.path[:-Page.steplen])

    labels = {}
    options = filter_options(selected)
    for name, choices in options.items():
        labels.update({(name, value): label for value, label, _count in choices})
    chips = []
    for name, value in selected.items():
        remaining = request.GET.copy()
        remaining.pop(name, None)
        remaining.pop("pagina", None)
        chips.append({
            "field": form.fields[name].label,
            "label": labels.get((name, value), value),
            "url": "?" + remaining.urlencode() if remaining else "?",
        })

    response = TemplateResponse(request, "pilots/pilot_list.html", {
        "form": form, "page_obj": page_obj, "options": options, "selected": selected, "chips": chips,
        "has_params": bool(request.GET),
    }, status=status)
    return response
