"""Synonyms that editors maintain for the catalogue search."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .text import fold


class Synonym(models.Model):
    """One group of words that mean the same to a searcher, e.g. loverboy, pooierboy, romeo pooier.

    A search for any of them finds methods using any other. Only list true equivalents:
    sekswerk is not a synonym of mensenhandel."""

    terms = models.TextField(
        _("woorden"),
        help_text=_("Woorden of woordgroepen met dezelfde betekenis, gescheiden door komma's. "
                    "Bijvoorbeeld: loverboy, pooierboy, romeo pooier"),
    )
    related = models.TextField(
        _("verwante begrippen"), blank=True,
        help_text=_("Bredere begrippen die deze woorden aanduiden, gescheiden door komma's: de vorm van "
                    "uitbuiting, doelgroep of aanpak waar het om gaat. Bijvoorbeeld bij koppelbaas: "
                    "arbeidsuitbuiting, uitzendbureau. Ze tellen bij het zoeken minder zwaar dan de woorden "
                    "zelf, werken maar één kant op en kunnen een filter voorstellen."),
    )
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("related"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        """The terms, trimmed, lowercased, without duplicates, in the editor's order."""
        return _term_list(self.terms)

    @property
    def related_list(self):
        return _term_list(self.related)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Geef minstens twee woorden, gescheiden door een komma.")})
        bad = [t for t in terms + self.related_list if not fold(t).replace(" ", "").replace("-", "").isalnum()]
        if bad:
            raise ValidationError({"terms": _("Alleen letters, cijfers, spaties en koppeltekens: %(terms)s")
                                   % {"terms": ", ".join(bad)}})
        self.terms = ", ".join(terms)
        self.related = ", ".join(self.related_list)


def _term_list(text):
    seen = []
    for term in (text or "").replace("\n", ",").split(","):
        term = " ".join(term.lower().split())
        if term and term not in seen:
            seen.append(term)
    return seen


def synonym_groups():
    """Every synonym group as a list of terms."""
    return [group.term_list for group in Synonym.objects.all() if len(group.term_list) > 1]


def related_terms():
    """(terms, related terms) of every group that names broader terms (Synonym.related)."""
    return [(group.term_list, group.related_list) for group in Synonym.objects.exclude(related="")
            if group.related_list]



class PendingIndexUpdate(models.Model):
    """An index update that failed because the engine did not answer, kept until it succeeds.

    Written by search.tasks when an update fails, whatever the task backend: in production
    the database backend also retries the task with a growing delay; in development (the
    immediate backend cannot defer) nothing else would remember it. Every successful update
    and every `search_index sync` first drains these, so the index catches up as soon as the
    engine answers again. `search_index status` lists them."""

    INDEX, REMOVE, REBUILD = "index", "remove", "rebuild"
    ACTIONS = [(INDEX, _("bijwerken")), (REMOVE, _("verwijderen")), (REBUILD, _("opnieuw opbouwen"))]

    action = models.CharField(_("actie"), max_length=10, choices=ACTIONS)
    page_id = models.IntegerField(_("pagina"), null=True, blank=True)  # empty for a rebuild
    attempts = models.PositiveIntegerField(_("pogingen"), default=1)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("eerste poging"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatste poging"), auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("openstaande indexwijziging")
        verbose_name_plural = _("openstaande indexwijzigingen")
        constraints = [models.UniqueConstraint(fields=["action", "page_id"], name="search_pending_unique",
                                               nulls_distinct=False)]

    def __str__(self):
        return f"{self.action} {self.page_id or ''}".strip()
