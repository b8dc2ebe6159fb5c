"""The evidence ladder and the rating records that place a method on it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class EvidenceLevel(models.IntegerChoices):
    """The Dutch ladder (Erkenningscommissie Interventies), low to high.

    The integer is the rank, so sorting by evidence is sorting by this value.
    """

    NOT_ASSESSED = 0, _("Niet beoordeeld")
    WELL_DESCRIBED = 1, _("Goed beschreven")
    WELL_FOUNDED = 2, _("Goed onderbouwd")
    FIRST_INDICATIONS = 3, _("Effectief volgens eerste aanwijzingen")
    GOOD_INDICATIONS = 4, _("Effectief volgens goede aanwijzingen")
    STRONG_INDICATIONS = 5, _("Effectief volgens sterke aanwijzingen")

    @property
    def slug(self):
        return LEVEL_SLUGS[self.value]

    @classmethod
    def from_slug(cls, slug):
        return cls(SLUG_LEVELS[slug])


# Slugs are the stable names used in URLs, facets and the Markdown data format.
LEVEL_SLUGS = {
    0: "niet-beoordeeld",
    1: "goed-beschreven",
    2: "goed-onderbouwd",
    3: "effectief-eerste-aanwijzingen",
    4: "effectief-goede-aanwijzingen",
    5: "effectief-sterke-aanwijzingen",
}
SLUG_LEVELS = {slug: value for value, slug in LEVEL_SLUGS.items()}


class RatingRecord(Orderable):
    """One assessment. The newest (by date) is the method's current rating;
    older ones stay public as the rating's history."""

    page = ParentalKey("methods.MethodPage", related_name="ratings", on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=EvidenceLevel.choices)
    assessor = models.CharField(_("beoordelaar of databank"), max_length=255)
    date = models.DateField(_("datum van het oordeel"), null=True, blank=True,
                            help_text=_("Leeg laten als de bron geen datum noemt."))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    reason = models.TextField(_("toelichting"), blank=True)
    source_url = models.URLField(_("bron van het oordeel"), max_length=500, blank=True,
                                 help_text=_("De pagina van de databank waar het oordeel staat."))

    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("assessor")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("valid_until")]),
        FieldPanel("source_url"),
        FieldPanel("reason"),
    ]

    # An assessment this old without a validity date may no longer stand; the page says so.
    STALE_AFTER_YEARS = 5

    class Meta(Orderable.Meta):
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")

    def __str__(self):
        return f"{self.get_level_display()} ({self.assessor})"

    @property
    def level_slug(self):
        return LEVEL_SLUGS[self.level]

    @property
    def is_expired(self):
        return self.valid_until is not None and self.valid_until < datetime.date.today()

    @property
    def is_stale(self):
        """Old, with no 'valid until' to say it still holds."""
        return self.valid_until is None and self.date is not None and self.age_years >= self.STALE_AFTER_YEARS

    @property
    def age_years(self):
        if self.date is None:
            return None
        today = datetime.date.today()
        return today.year - self.date.year - ((today.month, today.day) < (self.date.month, self.date.day))

    def clean(self):
        errors = {}
        today = datetime.date.today()
        if self.date and self.date > today:
            errors["date"] = _("De datum van een oordeel kan niet in de toekomst liggen.")
        if self.date and self.valid_until and self.valid_until <= self.date:
            errors["valid_until"] = _("‘Geldig tot’ moet na de datum van het oordeel liggen.")
        if errors:
            raise ValidationError(errors)


def newest_rating(ratings):
    """The current rating among records: the latest date wins; undated records
    count as oldest, and among equals the one added last wins."""
    ratings = list(ratings)
    if not ratings:
        return None
    return max(
        enumerate(ratings),
        key=lambda pair: (pair[1].date or datetime.date.min, pair[1].sort_order or 0, pair[0]),
    )[1]
