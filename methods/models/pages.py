"""The method pages: one standard description per prevention method."""

import datetime

from django.core.exceptions import ValidationError
from django.forms import CheckboxSelectMultiple
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TabbedInterface,
    ObjectList,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from related.panels import SimilarMethodsPanel

from ..blocks import LongTextBlock, long_text_panel
from ..forms import MethodPageForm
from ..panels import RatingInlinePanel
from ..rating_rules import (
    REFUSED_MESSAGE,
    RatingChangeRefused,
    check_rating_publish,
    draft_ratings,
    ratings_of,
    refused_kinds,
)
from .evidence import LEVEL_SLUGS, EvidenceLevel, newest_rating

SUMMARY_MAX_LENGTH = 600
MARKDOWN_HELP = _("Markdown is toegestaan: **vet**, *cursief*, [link](https://…), lijsten met - of 1.")

# Age groups for browsing and the search facet; derived from the age range.
AGE_GROUPS = [
    ("kinderen", _("Kinderen (tot 12)"), 0, 11),
    ("jongeren", _("Jongeren (12-17)"), 12, 17),
    ("jongvolwassenen", _("Jongvolwassenen (18-25)"), 18, 25),
    ("volwassenen", _("Volwassenen (26+)"), 26, 120),
]


def markdown_field(verbose_name):
    return models.TextField(verbose_name, blank=True, help_text=MARKDOWN_HELP)


class MethodIndexPage(Page):
    """All methods, paginated, with links into the taxonomies."""

    intro = models.TextField(_("inleiding"), blank=True, help_text=MARKDOWN_HELP)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["methods.MethodPage"]
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = _("overzicht van methoden")

    def get_context(self, request, *args, **kwargs):
        from ..browse import taxonomy_counts  # local: browse imports this module

        context = super().get_context(request, *args, **kwargs)
        methods = (
            # Already MethodPage rows: .specific() would fetch them a second time.
            MethodPage.objects.child_of(self).live().public()
            .select_related("owner_organisation").order_by("title")
        )
        paginator = Paginator(methods, self.per_page)
        context["methods"] = paginator.get_page(request.GET.get("pagina"))
        context["taxonomy_counts"] = taxonomy_counts()
        return context


class MethodPage(Page):
    summary = models.TextField(
        _("samenvatting"), max_length=SUMMARY_MAX_LENGTH,
        help_text=_("Kort en zelfstandig leesbaar; staat in zoekresultaten. Maximaal %(max)s tekens.")
        % {"max": SUMMARY_MAX_LENGTH},
    )
    title_en = models.CharField(_("Engelse titel"), max_length=255, blank=True)
    summary_en = models.TextField(_("Engelse samenvatting"), max_length=SUMMARY_MAX_LENGTH, blank=True)

    problem = markdown_field(_("aanleiding / probleem"))
    goals = markdown_field(_("doelen"))
    approach = markdown_field(_("aanpak (opbouw)"))
    duration = models.CharField(_("duur"), max_length=255, blank=True)
    intensity = models.CharField(_("intensiteit"), max_length=255, blank=True)
    theory = markdown_field(_("onderbouwing / werkzame elementen"))
    delivery = markdown_field(_("uitvoerders en benodigde deskundigheid"))
    training = markdown_field(_("training en licentie"))
    evaluation = markdown_field(_("evaluatie: wat onderzoek vond"))
    embedding_notes = markdown_field(_("borging: algemene toelichting"))
    body = StreamField(LongTextBlock(), blank=True, verbose_name=_("meer informatie"))

    forms_of_exploitation = ParentalManyToManyField(
        "methods.ExploitationForm", blank=True, related_name="methods", verbose_name=_("vormen van uitbuiting"))
    target_groups = ParentalManyToManyField(
        "methods.TargetGroup", blank=True, related_name="methods", verbose_name=_("doelgroepen"))
    approach_types = ParentalManyToManyField(
        "methods.ApproachType", blank=True, related_name="methods", verbose_name=_("soorten aanpak"))
    settings = ParentalManyToManyField(
        "methods.Setting", blank=True, related_name="methods", verbose_name=_("settings"))
    age_from = models.PositiveSmallIntegerField(
        _("leeftijd vanaf"), null=True, blank=True, validators=[MaxValueValidator(120)])
    age_to = models.PositiveSmallIntegerField(
        _("leeftijd tot en met"), null=True, blank=True, validators=[MaxValueValidator(120)])
    age_note = models.CharField(_("leeftijd: toelichting"), max_length=255, blank=True)

    costs = models.TextField(_("kosten"), blank=True)
    cost_band = models.ForeignKey(
        "methods.CostBand", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="methods", verbose_name=_("kostenklasse"))
    owner_organisation = models.ForeignKey(
        "methods.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="methods", verbose_name=_("eigenaar"))
    contact_organisation = models.CharField(
        _("contact: organisatie"), max_length=255, blank=True,
        help_text=_("Wie gemeenten kunnen benaderen over deze methode."))
    website = models.URLField(_("website van de methode of aanbieder"), max_length=500, blank=True)

    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("afbeelding"))
    hero_image_alt = models.CharField(
        _("alternatieve tekst van de afbeelding"), max_length=255, blank=True,
        help_text=_("Beschrijf wat de afbeelding laat zien. Verplicht bij een afbeelding."))

    class Status(models.TextChoices):
        ACTIVE = "active", _("Actief")
        DISCONTINUED = "discontinued", _("Beëindigd")

    # Blank = no source says whether it still runs; shown as such, never guessed.
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE,
                              blank=True)
    ended_year = models.PositiveSmallIntegerField(
        _("beëindigd in (jaar)"), null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    status_note = models.CharField(
        _("status: toelichting"), max_length=255, blank=True,
        help_text=_("Bijvoorbeeld waardoor de methode is vervangen."))
    last_reviewed = models.DateField(
        _("laatst bekeken"), null=True, blank=True,
        help_text=_("Wanneer de redactie de beschrijving voor het laatst met de bronnen vergeleek."))
    evidence_note = models.TextField(
        _("wat bronnen zeggen over bewijs"), blank=True,
        help_text=_("Vrije tekst uit de bronnen; geen oordeel van de catalogus."))

    class Confidence(models.TextChoices):
        HIGH = "high", _("Hoog")
        MEDIUM = "medium", _("Gemiddeld")

    confidence = models.CharField(
        _("betrouwbaarheid van de beschrijving"), max_length=10, choices=Confidence.choices, blank=True)
    details_confidence = models.CharField(
        _("betrouwbaarheid van de details"), max_length=10, choices=Confidence.choices, blank=True,
        help_text=_("Hoog: alle details (kosten, contact, leeftijd ...) komen van de eigen pagina van de "
                    "aanbieder of een databank."))

    # Denormalised from the newest rating record on every save, so that lists,
    # facets and sorting can filter on it without a subquery per row.
    evidence_level = models.PositiveSmallIntegerField(
        _("huidig bewijsniveau"), choices=EvidenceLevel.choices, default=EvidenceLevel.NOT_ASSESSED, editable=False)

    # Searchable text, read by both search backends (Wagtail's database index here, the
    # engine's document in search/documents.py): the text fields and the taxonomy labels.
    SEARCH_TEXT_FIELDS = ("title", "title_en", "summary", "summary_en", "goals", "approach", "problem",
                          "theory", "delivery", "training", "evaluation", "embedding_notes")
    search_fields = Page.search_fields + [
        *(index.SearchField(name) for name in SEARCH_TEXT_FIELDS if name != "title"),
        index.SearchField("search_labels"),
        index.FilterField("evidence_level"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        SimilarMethodsPanel(),
        MultiFieldPanel([
            FieldPanel("forms_of_exploitation", widget=CheckboxSelectMultiple),
            FieldPanel("target_groups", widget=CheckboxSelectMultiple),
            FieldPanel("approach_types", widget=CheckboxSelectMultiple),
            FieldPanel("settings", widget=CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("age_from"), FieldPanel("age_to")]),
            FieldPanel("age_note"),
        ], heading=_("Voor wie en waartegen")),
        MultiFieldPanel([
            FieldPanel("problem"),
            FieldPanel("goals"),
            FieldPanel("approach"),
            FieldRowPanel([FieldPanel("duration"), FieldPanel("intensity")]),
            FieldPanel("theory"),
            FieldPanel("delivery"),
            FieldPanel("training"),
            FieldPanel("evaluation"),
        ], heading=_("Beschrijving")),
        MultiFieldPanel([FieldPanel("costs"), FieldPanel("cost_band")], heading=_("Kosten")),
        MultiFieldPanel([
            FieldPanel("embedding_notes"),
            InlinePanel("embedding_items", label=_("Borgingspunt")),
        ], heading=_("Borging")),
        MultiFieldPanel([
            FieldPanel("owner_organisation"),
            FieldPanel("contact_organisation"),
            FieldPanel("website"),
        ], heading=_("Aanbieder en contact")),
        InlinePanel("materials", label=_("Materiaal of handleiding")),
        long_text_panel("body"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Afbeelding")),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("summary_en")], heading=_("Engels")),
    ]
    evidence_panels = [
        RatingInlinePanel("ratings", label=_("Beoordeling")),
        FieldPanel("evidence_note"),
        InlinePanel("evaluations", label=_("Evaluatie")),
        InlinePanel("sources", label=_("Bron"), min_num=1),
        FieldRowPanel([FieldPanel("status"), FieldPanel("ended_year"), FieldPanel("status_note")]),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("confidence"), FieldPanel("details_confidence")]),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Inhoud")),
        ObjectList(evidence_panels, heading=_("Bewijs en bronnen")),
        ObjectList(Page.promote_panels, heading=_("Promotie")),
        ObjectList(Page.settings_panels, heading=_("Instellingen")),
    ])

    parent_page_types = ["methods.MethodIndexPage"]
    subpage_types = ["pilots.PilotResultPage"]
    # Refuses rating changes from users who may not rate (the server-side check).
    base_form_class = MethodPageForm
    # A copy is another method: an assessment of this one does not carry over
    # (and copying must not be a way round the rating rules).
    exclude_fields_in_copy = ["ratings"]

    class Meta:
        verbose_name = _("methode")
        verbose_name_plural = _("methoden")

    def get_context(self, request, *args, **kwargs):
        # The template reads some of these more than once (the rating twice, aanpak and
        # setting in a test and a loop): one query each instead.
        if self.pk and not getattr(request, "is_preview", False):
            prefetch_related_objects(
                [self], "forms_of_exploitation", "target_groups", "approach_types", "settings", "ratings",
            )
        return super().get_context(request, *args, **kwargs)

    # -- derived values -------------------------------------------------

    @property
    def current_rating(self):
        return newest_rating(self.ratings.all())

    @property
    def rating_history(self):
        """Every rating record, newest first (the first one is current)."""
        ratings = list(self.ratings.all())
        current = newest_rating(ratings)
        rest = sorted(
            (r for r in ratings if r is not current),
            key=lambda r: (r.date or datetime.date.min, r.sort_order or 0), reverse=True,
        )
        return ([current] if current else []) + rest

    # -- the interface language ---------------------------------------------
    # The English interface shows the English title and summary where they exist;
    # the *_lang values go into lang="" so each text is read in its own language.

    @property
    def _english(self):
        return (translation.get_language() or "").startswith("en")

    @property
    def display_title(self):
        return self.title_en if self._english and self.title_en else self.title

    @property
    def contact_website(self):
        """The method's own website, else its owner's; '' when neither is known."""
        if self.website:
            return self.website
        return self.owner_organisation.website if self.owner_organisation else ""

    @property
    def display_title_lang(self):
        return "en" if self._english and self.title_en else "nl"

    @property
    def display_summary(self):
        return self.summary_en if self._english and self.summary_en else self.summary

    @property
    def display_summary_lang(self):
        return "en" if self._english and self.summary_en else "nl"

    @property
    def other_title(self):
        """The title in the other language, shown under the heading."""
        if self._english:
            return self.title if self.title_en else ""
        return self.title_en

    def search_labels(self):
        """Taxonomy and evidence-level labels as text, so a word that names a facet value
        ("gemeenteambtenaren", "goed onderbouwd") finds the methods that carry it."""
        names = [item.name for name in ("forms_of_exploitation", "target_groups", "approach_types", "settings")
                 for item in getattr(self, name).all()]
        with translation.override("nl"):  # the catalogue's text is Dutch, whoever indexes it
            evidence = str(EvidenceLevel(self.evidence_level).label)
        return " | ".join([*names, evidence])

    @property
    def evidence_level_slug(self):
        return LEVEL_SLUGS[self.evidence_level]

    @property
    def age_groups(self):
        """Slugs of the age groups this method's age range overlaps."""
        if self.age_from is None and self.age_to is None:
            return []
        low = self.age_from if self.age_from is not None else 0
        high = self.age_to if self.age_to is not None else 120
        return [slug for slug, _label, start, end in AGE_GROUPS if low <= end and high >= start]

    @property
    def age_display(self):
        if self.age_from is not None and self.age_to is not None:
            return _("%(van)s tot en met %(tot)s jaar") % {"van": self.age_from, "tot": self.age_to}
        if self.age_from is not None:
            return _("vanaf %(van)s jaar") % {"van": self.age_from}
        if self.age_to is not None:
            return _("tot en met %(tot)s jaar") % {"tot": self.age_to}
        return self.age_note

    def clean(self):
        super().clean()
        errors = {}
        if self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            errors["age_to"] = _("De leeftijd ‘tot en met’ moet gelijk zijn aan of hoger dan ‘vanaf’.")
        if self.summary and len(self.summary) > SUMMARY_MAX_LENGTH:
            errors["summary"] = _("De samenvatting is %(n)s tekens; het maximum is %(max)s.") % {
                "n": len(self.summary), "max": SUMMARY_MAX_LENGTH}
        if self.ended_year and self.status != self.Status.DISCONTINUED:
            errors["ended_year"] = _("Een eindjaar hoort alleen bij een beëindigde methode.")
        elif self.ended_year and self.ended_year > datetime.date.today().year:
            errors["ended_year"] = _("Het eindjaar kan niet in de toekomst liggen.")
        if self.hero_image_id and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Geef een alternatieve tekst voor de afbeelding.")
        if errors:
            raise ValidationError(errors)

    # -- rating rules on every path (methods/rating_rules.py) --------------

    def save_revision(self, user=None, *args, **kwargs):
        """No draft may add, change or remove rating records its author may not touch,
        whatever made it (edit form, revert, import, code)."""
        if refused_kinds(user, draft_ratings(self), ratings_of(self)):
            raise RatingChangeRefused(REFUSED_MESSAGE)
        return super().save_revision(user, *args, **kwargs)

    def publish(self, revision, user=None, *args, **kwargs):
        """Publishing, approving or reverting-and-publishing: the publisher must be allowed
        every rating change the revision makes to what the public sees now."""
        check_rating_publish(revision, user)
        return super().publish(revision, user, *args, **kwargs)

    def save(self, *args, **kwargs):
        current = self.current_rating
        self.evidence_level = current.level if current else EvidenceLevel.NOT_ASSESSED
        return super().save(*args, **kwargs)


class EmbeddingItem(Orderable):
    """One point of the borging checklist, with what it takes here."""

    class Item(models.TextChoices):
        POLICY = "policy", _("Beleidsverankering")
        BUDGET = "budget", _("Begrotingspost")
        RESPONSIBLE_OFFICER = "responsible_officer", _("Verantwoordelijke ambtenaar")
        CHAIN_AGREEMENTS = "chain_agreements", _("Ketenafspraken")
        STAFF_TRAINING = "staff_training", _("Training van medewerkers")
        MONITORING = "monitoring", _("Monitoring")

    page = ParentalKey(MethodPage, related_name="embedding_items", on_delete=models.CASCADE)
    item = models.CharField(_("punt"), max_length=30, choices=Item.choices)
    notes = models.TextField(_("toelichting"), blank=True)

    panels = [FieldPanel("item"), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("borgingspunt")
        verbose_name_plural = _("borgingspunten")


class Evaluation(Orderable):
    class Design(models.TextChoices):
        PROCESS = "process", _("Procesevaluatie")
        PRE_POST = "pre-post", _("Voor- en nameting")
        QUASI_EXPERIMENTAL = "quasi-experimental", _("Quasi-experimenteel")
        RCT = "rct", _("Gerandomiseerd (RCT)")
        SYSTEMATIC_REVIEW = "systematic-review", _("Systematische review")
        OTHER = "other", _("Anders")

    page = ParentalKey(MethodPage, related_name="evaluations", on_delete=models.CASCADE)
    title = models.CharField(_("titel"), max_length=255)
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    design = models.CharField(_("onderzoeksopzet"), max_length=30, choices=Design.choices, default=Design.OTHER)
    finding = models.TextField(_("belangrijkste bevinding"), blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("rapport"))

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("year"), FieldPanel("design")]),
        FieldPanel("finding"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("document")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")

    def clean(self):
        if self.year and self.year > datetime.date.today().year:
            raise ValidationError({"year": _("Het jaar kan niet in de toekomst liggen.")})

    @property
    def is_effect_study(self):
        return self.design in {self.Design.PRE_POST, self.Design.QUASI_EXPERIMENTAL,
                               self.Design.RCT, self.Design.SYSTEMATIC_REVIEW}


class Source(Orderable):
    page = ParentalKey(MethodPage, related_name="sources", on_delete=models.CASCADE)
    url = models.URLField(_("adres"), max_length=500)
    title = models.CharField(_("titel"), max_length=255, blank=True)

    panels = [FieldPanel("url"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")


class Material(Orderable):
    page = ParentalKey(MethodPage, related_name="materials", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("document"))
    title = models.CharField(_("titel"), max_length=255, blank=True,
                             help_text=_("Leeg laten om de titel van het document te gebruiken."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")

    @property
    def display_title(self):
        return self.title or self.document.title
