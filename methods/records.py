"""Mapping between the Markdown data format (catalogue_format.MethodRecord) and MethodPage.

load_demo, import_methods, export_methods and the admin import all go through
these two functions, so that export followed by import changes nothing.
"""

import dataclasses

from django.utils.text import slugify
from wagtail.blocks import StreamValue

from . import catalogue_format as fmt
from .models import (
    ApproachType,
    CostBand,
    EmbeddingItem,
    Evaluation,
    EvidenceLevel,
    ExploitationForm,
    MethodPage,
    Organisation,
    RatingRecord,
    Setting,
    Source,
    TargetGroup,
)
from .models.evidence import LEVEL_SLUGS

# front-matter key -> taxonomy model, for the many-to-many fields
TAXONOMY_FIELDS = {
    "forms_of_exploitation": ExploitationForm,
    "target_groups": TargetGroup,
    "approach_types": ApproachType,
    "settings": Setting,
}
SECTION_FIELDS = ["problem", "goals", "approach", "theory", "delivery", "training", "evaluation",
                  "embedding_notes"]
PLAIN_FIELDS = ["title", "title_en", "summary", "summary_en", "contact_organisation", "website",
                "age_from", "age_to", "age_note", "costs", "duration", "intensity",
                "status", "ended_year", "status_note", "last_reviewed", "confidence", "details_confidence",
                "evidence_note"]


class UnknownTerm(ValueError):
    def __init__(self, field, value):
        super().__init__(f"onbekende waarde {value!r}; voeg die eerst toe in de taxonomie of kies een bestaande")
        self.field = field
        self.value = value


def find_term(model, value):
    """A taxonomy item by slug, by name, or by the slug its name would have."""
    value = value.strip()
    for lookup in ({"slug": value}, {"name__iexact": value}, {"slug": slugify(value)}):
        item = model.objects.filter(**lookup).first()
        if item:
            return item
    return None


def resolve_terms(record):
    """Every taxonomy item a record names, or UnknownTerm for the first it cannot find."""
    resolved = {}
    for field, model in TAXONOMY_FIELDS.items():
        items = []
        for value in getattr(record, field) or []:
            item = find_term(model, value)
            if item is None:
                raise UnknownTerm(field, value)
            items.append(item)
        resolved[field] = items
    if record.cost_band:
        band = find_term(CostBand, record.cost_band)
        if band is None:
            raise UnknownTerm("cost_band", record.cost_band)
        resolved["cost_band"] = band
    else:
        resolved["cost_band"] = None
    return resolved


def apply_record(page, record, terms):
    """Write a record's values onto a (possibly unsaved) MethodPage, children included."""
    page.slug = record.slug
    for field in PLAIN_FIELDS:
        value = getattr(record, field)
        setattr(page, field, value if value is not None else _empty(page, field))
    for field in SECTION_FIELDS:
        setattr(page, field, getattr(record, field) or "")
    page.body = [("markdown", record.body)] if record.body else []
    for field in TAXONOMY_FIELDS:
        getattr(page, field).set(terms[field])
    page.cost_band = terms["cost_band"]
    page.owner_organisation = (
        Organisation.objects.get_or_create(name=record.owner.strip())[0] if record.owner else None
    )
    page.ratings = [
        RatingRecord(level=EvidenceLevel.from_slug(r.level).value, assessor=r.assessor or "",
                     date=r.date, valid_until=r.valid_until, reason=r.reason or "",
                     source_url=r.source or "")
        for r in record.ratings
    ]
    page.embedding_items = [EmbeddingItem(item=e.item, notes=e.notes or "") for e in record.embedding]
    page.evaluations = [
        Evaluation(title=e.title, year=e.year, design=e.design or Evaluation.Design.OTHER,
                   finding=e.finding or "", url=e.url or "")
        for e in record.evaluations
    ]
    page.sources = [Source(url=url) for url in record.sources]
    # Orderable children keep the file's order only with an explicit sort_order;
    # without it PostgreSQL returns them in any order.
    for relation in ("ratings", "embedding_items", "evaluations", "sources"):
        for position, child in enumerate(getattr(page, relation).all()):
            child.sort_order = position
    return page


def _empty(page, field):
    model_field = page._meta.get_field(field)
    if model_field.null:
        return None
    return model_field.default if model_field.has_default() else ""


def record_from_page(page):
    """The MethodRecord a page's current content corresponds to."""
    values = {field: getattr(page, field) or "" for field in PLAIN_FIELDS}
    # None means "not stated" for ages and dates; 0 is a real age.
    values["age_from"], values["age_to"] = page.age_from, page.age_to
    values["last_reviewed"] = page.last_reviewed
    values["ended_year"] = page.ended_year
    for field in SECTION_FIELDS:
        values[field] = getattr(page, field) or ""
    values["body"] = "\n\n".join(
        block.value for block in page.body if block.block_type == "markdown" and block.value
    ) if isinstance(page.body, StreamValue) else ""
    for field in TAXONOMY_FIELDS:
        values[field] = [item.slug for item in sorted(getattr(page, field).all(), key=lambda i: (i.sort_order, i.name))]
    values["cost_band"] = page.cost_band.slug if page.cost_band else ""
    values["owner"] = page.owner_organisation.name if page.owner_organisation else ""
    values["ratings"] = [
        fmt.RatingRecord(level=LEVEL_SLUGS[r.level], assessor=r.assessor, date=r.date,
                         valid_until=r.valid_until, reason=r.reason, source=r.source_url)
        for r in page.ratings.all()
    ]
    values["embedding"] = [fmt.EmbeddingItem(item=e.item, notes=e.notes) for e in page.embedding_items.all()]
    values["evaluations"] = [
        fmt.EvaluationRecord(title=e.title, year=e.year, design=e.design, finding=e.finding, url=e.url)
        for e in page.evaluations.all()
    ]
    values["sources"] = [s.url for s in page.sources.all()]
    values["slug"] = page.slug
    return fmt.MethodRecord(**values)


def normalised(record, terms):
    """The record as a page would give it back: taxonomy values as slugs in display order.

    Comparing dump(normalised(incoming)) with dump(record_from_page(page)) tells
    whether an import would change anything."""
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    for field in TAXONOMY_FIELDS:
        values[field] = [item.slug for item in sorted(set(terms[field]), key=lambda i: (i.sort_order, i.name))]
    values["cost_band"] = terms["cost_band"].slug if terms["cost_band"] else ""
    values["owner"] = record.owner.strip()
    return fmt.MethodRecord(**values)
