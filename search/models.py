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
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        """The terms, trimmed, lowercased, without duplicates, in the editor's order."""
        seen = []
        for term in self.terms.replace("\n", ",").split(","):
            term = " ".join(term.lower().split())
            if term and term not in seen:
                seen.append(term)
        return seen

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Geef minstens twee woorden, gescheiden door een komma.")})
        bad = [t for t in terms if not fold(t).replace(" ", "").replace("-", "").isalnum()]
        if bad:
            raise ValidationError({"terms": _("Alleen letters, cijfers, spaties en koppeltekens: %(terms)s")
                                   % {"terms": ", ".join(bad)}})
        self.terms = ", ".join(terms)


def synonym_groups():
    """Every synonym group as a list of terms."""
    return [group.term_list for group in Synonym.objects.all() if len(group.term_list) > 1]

