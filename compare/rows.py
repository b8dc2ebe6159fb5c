"""Side-by-side comparison of 2 to 4 methods: one row per field of the standard description.

Each row holds one value per method; a row "differs" when the methods' values are not all
the same, and in list rows every item that not all methods share is marked, so a reader
sees at a glance where the candidates part ways.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from methods.models import EvidenceLevel, MethodPage
from pilots.queries import live_pilots, under_methods
from wagtail.models import Page

MIN_METHODS, MAX_METHODS = 2, 4


@dataclass
class Value:
    kind: str  # "text", "markdown", "items", "evidence", "contact"
    text: str = ""
    items: list = field(default_factory=list)  # [(label, shared_by_all)]
    extra: dict = field(default_factory=dict)

    @property
    def key(self):
        if self.kind == "items":
            return tuple(sorted(label for label, _ in self.items))
        if self.kind == "evidence":
            return (self.extra.get("level"), self.extra.get("date"))
        if self.kind == "contact":
            return tuple(sorted(self.extra.items()))
        return " ".join(self.text.split()).casefold()

    @property
    def empty(self):
        if self.kind == "items":
            return not self.items
        if self.kind == "contact":
            return not any(self.extra.values())
        return self.kind != "evidence" and not self.text.strip()


@dataclass
class Row:
    key: str
    label: str
    values: list

    @property
    def differs(self):
        return len({value.key for value in self.values}) > 1


def methods_by_slug(slugs):
    """Live, public methods for these slugs, in the order asked; and the slugs not found."""
    found = (
        MethodPage.objects.live().public().filter(slug__in=slugs)
        .select_related("cost_band", "owner_organisation")
        .prefetch_related("forms_of_exploitation", "target_groups", "approach_types", "settings",
                          "ratings", "embedding_items")
    )
    # Slugs are unique among siblings only; the method index has all methods as children.
    found = {page.slug: page for page in reversed(found)}
    return [found[s] for s in slugs if s in found], [s for s in slugs if s not in found]


def _items(methods, per_method):
    """Item rows: every label, marked as shared when all methods have it."""
    lists = [per_method(method) for method in methods]
    common = set.intersection(*(set(items) for items in lists)) if lists else set()
    return [Value("items", items=[(label, label in common) for label in items]) for items in lists]


def _taxonomy(relation):
    return lambda method: [str(item.name) for item in getattr(method, relation).all()]


def _evidence(method):
    rating = method.current_rating
    if rating is None:
        return Value("evidence", text=str(EvidenceLevel.NOT_ASSESSED.label),
                     extra={"level": EvidenceLevel.NOT_ASSESSED.value, "date": None})
    return Value("evidence", text=rating.get_level_display(), extra={
        "level": rating.level, "date": rating.date, "assessor": rating.assessor,
        "date_text": date_format(rating.date, "j F Y") if rating.date else "",
        "expired": rating.is_expired,
    })


def _costs(method):
    band = method.cost_band.name if method.cost_band_id else ""
    return Value("text", text=": ".join(part for part in (band, method.costs) if part))


def _embedding(method):
    return [str(item.get_item_display()) for item in method.embedding_items.all()]


def _contact(method):
    owner = method.owner_organisation
    extra = {"name": owner.name, "website": owner.website, "person": owner.contact_name,
             "email": owner.email, "phone": owner.phone} if owner else {}
    if method.website:
        extra["website"] = method.website
    if method.contact_organisation:
        extra["contact"] = method.contact_organisation
    return Value("contact", extra=extra)


def _municipalities(methods):
    """Per method: names of the municipalities that reported a live pilot result with it."""
    paths = {method.path: method.pk for method in methods}
    names = {method.pk: [] for method in methods}
    ids = [method.pk for method in methods]
    pilots = under_methods(live_pilots(), MethodPage.objects.filter(pk__in=ids)).order_by("municipality__name")
    for pilot in pilots:
        method_id = paths.get(pilot.path[: -Page.steplen])
        if method_id and pilot.municipality.name not in names[method_id]:
            names[method_id].append(pilot.municipality.name)
    return names


def comparison_rows(methods):
    towns = _municipalities(methods)
    rows = [
        Row("samenvatting", _("Samenvatting"), [Value("text", text=m.summary) for m in methods]),
        Row("bewijs", _("Bewijsniveau"), [_evidence(m) for m in methods]),
        Row("doelgroepen", _("Doelgroepen"), _items(methods, _taxonomy("target_groups"))),
        Row("vormen", _("Vormen van uitbuiting"), _items(methods, _taxonomy("forms_of_exploitation"))),
        Row("soort-aanpak", _("Soort aanpak"), _items(methods, _taxonomy("approach_types"))),
        Row("setting", _("Setting"), _items(methods, _taxonomy("settings"))),
        Row("leeftijd", _("Leeftijd"), [Value("text", text=str(m.age_display or "")) for m in methods]),
        Row("aanpak", _("Aanpak"), [Value("markdown", text=m.approach) for m in methods]),
        Row("duur", _("Duur en intensiteit"),
            [Value("text", text="; ".join(p for p in (m.duration, m.intensity) if p)) for m in methods]),
        Row("kosten", _("Kosten"), [_costs(m) for m in methods]),
        Row("uitvoering", _("Uitvoering en deskundigheid"), [Value("markdown", text=m.delivery) for m in methods]),
        Row("training", _("Training en licentie"), [Value("markdown", text=m.training) for m in methods]),
        Row("borging", _("Borging"), _items(methods, _embedding)),
        Row("borging-toelichting", _("Borging: toelichting"),
            [Value("markdown", text=m.embedding_notes) for m in methods]),
        Row("status", _("Status"), [Value("text", text=str(m.get_status_display())) for m in methods]),
        Row("gemeenten", _("Gemeenten die het gebruiken"),
            [Value("items", items=[(name, False) for name in towns[m.pk]]) for m in methods]),
        Row("contact", _("Eigenaar en contact"), [_contact(m) for m in methods]),
    ]
    # Mark shared municipalities too (the generic helper needs the methods, not names).
    shared = set.intersection(*(set(towns[m.pk]) for m in methods)) if methods else set()
    for value in rows[-2].values:
        value.items = [(name, name in shared) for name, _ in value.items]
    return rows
