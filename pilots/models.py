"""Municipalities and the pilot results they report against a method.

A pilot result is a child page of the MethodPage it used, so it goes through the same
moderation workflow, has revisions, and its URL sits under the method's URL.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from methods.blocks import LongTextBlock, long_text_panel
from methods.models import Evaluation

PROVINCES = [
    "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg", "Noord-Brabant",
    "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
]


class Municipality(index.Indexed, models.Model):
    """One Dutch municipality (CBS register). Editable data, not code: municipalities
    merge most years, so editors add the new one and mark the old ones as ended."""

    code = models.CharField(
        _("CBS-code"), max_length=6, unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode is GM gevolgd door vier cijfers."))],
        help_text=_("Bijvoorbeeld GM0363 voor Amsterdam."))
    name = models.CharField(_("naam"), max_length=120)
    province = models.CharField(_("provincie"), max_length=40, choices=[(p, p) for p in PROVINCES])
    active = models.BooleanField(
        _("bestaat nog"), default=True,
        help_text=_("Uitzetten als de gemeente is opgegaan in een andere; praktijkresultaten blijven bewaard."))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("province")]),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("active")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name if self.active else _("%(name)s (opgeheven)") % {"name": self.name}


class PilotResultPage(Page):
    """What happened when one municipality used a method: scale, measured outcomes,
    lessons and whether it was embedded afterwards."""

    class Embedding(models.TextChoices):
        STOPPED = "stopped", _("Gestopt")
        CONTINUED = "continued", _("Voortgezet")
        EMBEDDED = "embedded", _("Structureel ingebed")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="pilot_results", verbose_name=_("gemeente"))
    period_start = models.DateField(_("begin van de pilot"))
    period_end = models.DateField(_("einde van de pilot"), null=True, blank=True,
                                  help_text=_("Leeg laten als de pilot nog loopt."))
    setting = models.CharField(
        _("setting"), max_length=255, blank=True,
        help_text=_("Waar de methode werd uitgevoerd, bijvoorbeeld: drie vmbo-scholen in de wijk Overvecht."))
    people_reached = models.PositiveIntegerField(_("aantal bereikte mensen"), null=True, blank=True)
    sessions_held = models.PositiveIntegerField(_("aantal bijeenkomsten"), null=True, blank=True)
    results = StreamField(LongTextBlock(), blank=True, verbose_name=_("wat waren de resultaten"))
    lessons = StreamField(LongTextBlock(), blank=True, verbose_name=_("geleerde lessen"))
    embedding = models.CharField(
        _("borging na de pilot"), max_length=20, choices=Embedding.choices, blank=True,
        help_text=_("Leeg laten als dat nog niet bekend is."))
    budget_line = models.CharField(
        _("begrotingspost"), max_length=255, blank=True,
        help_text=_("Waaruit de methode na de pilot betaald wordt, bijvoorbeeld: programmabegroting "
                    "Veiligheid 2026. Verplicht bij ‘structureel ingebed’."))
    evaluation_design = models.CharField(
        _("soort evaluatie"), max_length=30, choices=Evaluation.Design.choices, blank=True,
        help_text=_("Een effectevaluatie (voor- en nameting of sterker) zet de methode klaar voor herbeoordeling."))
    evaluation_report = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("evaluatierapport"))
    contact_name = models.CharField(_("contactpersoon"), max_length=255, blank=True)
    contact_organisation = models.CharField(_("afdeling of organisatie"), max_length=255, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldPanel("municipality"),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            FieldPanel("setting"),
            FieldRowPanel([FieldPanel("people_reached"), FieldPanel("sessions_held")]),
        ], heading=_("Waar, wanneer en op welke schaal")),
        InlinePanel("indicators", label=_("Uitkomstindicator"), heading=_("Uitkomstindicatoren")),
        long_text_panel("results"),
        long_text_panel("lessons"),
        MultiFieldPanel([FieldPanel("embedding"), FieldPanel("budget_line")], heading=_("Borging na de pilot")),
        MultiFieldPanel([FieldPanel("evaluation_design"), FieldPanel("evaluation_report")],
                        heading=_("Evaluatie")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_organisation")]),
            FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
        ], heading=_("Contact")),
    ]
    search_fields = Page.search_fields + [index.SearchField("setting")]

    parent_page_types = ["methods.MethodPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("praktijkresultaat")
        verbose_name_plural = _("praktijkresultaten")

    @property
    def method(self):
        return self.get_parent().specific

    @property
    def reports_effect_evaluation(self):
        return bool(self.evaluation_design) and Evaluation(design=self.evaluation_design).is_effect_study

    def clean(self):
        super().clean()
        errors = {}
        today = datetime.date.today()
        if self.period_start and self.period_start > today:
            errors["period_start"] = _("Een pilot die nog moet beginnen heeft nog geen resultaten.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Het einde moet op of na het begin liggen.")
        if self.embedding == self.Embedding.EMBEDDED and not self.budget_line.strip():
            errors["budget_line"] = _("Noem de begrotingspost: zonder vaste financiering is een methode niet structureel ingebed.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["method"] = self.method
        context["indicators"] = list(self.indicators.all())
        return context


class OutcomeIndicator(Orderable):
    """One measured outcome: where it started (baseline) and where the pilot got it."""

    page = ParentalKey(PilotResultPage, related_name="indicators", on_delete=models.CASCADE)
    name = models.CharField(_("indicator"), max_length=255,
                            help_text=_("Bijvoorbeeld: leerlingen die signalen van uitbuiting herkennen."))
    baseline = models.DecimalField(_("nulmeting"), max_digits=12, decimal_places=2)
    result = models.DecimalField(_("resultaat"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True,
                            help_text=_("Bijvoorbeeld: %, meldingen, deelnemers."))
    measurement = models.TextField(_("hoe gemeten"),
                                   help_text=_("Meetinstrument, moment van meten en aantal respondenten."))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("result"), FieldPanel("unit")]),
        FieldPanel("measurement"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("uitkomstindicator")
        verbose_name_plural = _("uitkomstindicatoren")

    def __str__(self):
        return self.name

    @property
    def change(self):
        return (self.result or Decimal(0)) - (self.baseline or Decimal(0))
