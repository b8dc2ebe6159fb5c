"""The facets of the catalogue search, shared by the engine, the database fallback,
the GET parameters and the templates.

Each facet has the URL parameter (Dutch, as already linked from other pages), the
index field, a label and its options (value, label) in display order. Values are what
URLs, the index and the API carry: taxonomy slugs, evidence-level slugs, age-group
slugs and organisation ids.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from methods.models import (
    ApproachType,
    CostBand,
    EvidenceLevel,
    ExploitationForm,
    Organisation,
    Setting,
    TargetGroup,
)
from methods.models.evidence import LEVEL_SLUGS
from methods.models.pages import AGE_GROUPS


@dataclass(frozen=True)
class Facet:
    param: str
    field: str
    label: str
    kind: str  # "taxonomy", "evidence", "age", "organisation", "cost"
    model: type | None = None

    def options(self):
        """(value, label) pairs for every possible value, in display order."""
        if self.kind == "evidence":
            # Highest level first: that is what people look for.
            return [(LEVEL_SLUGS[level.value], level.label) for level in reversed(EvidenceLevel)]
        if self.kind == "age":
            return [(slug, label) for slug, label, _low, _high in AGE_GROUPS]
        if self.kind == "organisation":
            return [(str(pk), name) for pk, name in Organisation.objects.order_by("name").values_list("pk", "name")]
        return list(self.model.objects.order_by("sort_order", "name").values_list("slug", "name"))

    def page_values(self, page):
        """This facet's values for one MethodPage (prefetch taxonomies for many pages)."""
        if self.kind == "evidence":
            return [page.evidence_level_slug]
        if self.kind == "age":
            return page.age_groups
        if self.kind == "organisation":
            return [str(page.owner_organisation_id)] if page.owner_organisation_id else []
        if self.kind == "cost":
            return [page.cost_band.slug] if page.cost_band_id else []
        return [item.slug for item in getattr(page, self.field).all()]


FACETS = (
    Facet("vorm", "forms_of_exploitation", _("Vorm van uitbuiting"), "taxonomy", ExploitationForm),
    Facet("doelgroep", "target_groups", _("Doelgroep"), "taxonomy", TargetGroup),
    Facet("aanpak", "approach_types", _("Soort aanpak"), "taxonomy", ApproachType),
    Facet("setting", "settings", _("Setting"), "taxonomy", Setting),
    Facet("bewijs", "evidence", _("Bewijsniveau"), "evidence"),
    Facet("kosten", "cost_band", _("Kosten"), "cost", CostBand),
    Facet("leeftijd", "age_groups", _("Leeftijd"), "age"),
    Facet("organisatie", "owner_organisation", _("Eigenaar"), "organisation"),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


def facet_catalogue():
    """{param: {value: label}} of every known facet value, in display order (a few small queries)."""
    return {facet.param: {value: label for value, label in facet.options()} for facet in FACETS}
