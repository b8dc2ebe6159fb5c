"""Mapping between the Markdown data format (catalogue_format.MethodRecord) and MethodPage.

load_demo, import_methods, export_methods and the admin import all go through
these two functions, so that export followed by import changes nothing.
"""

import dataclasses
import json
import uuid

from django.utils.text import slugify
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

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
# Front-matter fields copied as they are between the record and the page attribute of the
# same name; the others are mapped by hand below.
PLAIN_FIELDS = [f.name for f in fmt.FIELDS if f.plain]
SECTION_FIELDS = [name for name, _heading in fmt.SECTIONS if name != "body"]


class UnknownTerm(ValueError):
    def __init__(self, field, value,
                 message="onbekende waarde {value!r}; voeg die eerst toe in de taxonomie of kies een bestaande"):
        super().__init__(message.format(value=value))
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
    """Every taxonomy item, image and document a record names, or UnknownTerm for the
    first it cannot find."""
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
    blocks, _problems = fmt.split_body(record.body or "")
    for position, block in enumerate(blocks):
        if block.type == "image" and not get_image_model().objects.filter(pk=block.value["id"]).exists():
            raise UnknownTerm(f"body[{position}].image", block.value["id"],
                              "er is geen afbeelding met nummer {value}; kies een bestaande uit de afbeeldingen")
    for position, evaluation in enumerate(record.evaluations or []):
        if evaluation.document and not get_document_model().objects.filter(pk=evaluation.document).exists():
            raise UnknownTerm(f"evaluations[{position}].document", evaluation.document,
                              "er is geen document met nummer {value}; kies een bestaand uit de documenten")
    return resolved


def apply_record(page, record, terms):
    """Write a record's values onto a (possibly unsaved) MethodPage, children included.
    Pass a complete record (see merged()): what the record leaves empty is emptied."""
    page.slug = record.slug
    for field in PLAIN_FIELDS:
        value = getattr(record, field)
        setattr(page, field, value if value is not None else _empty(page, field))
    for field in SECTION_FIELDS:
        setattr(page, field, getattr(record, field) or "")
    page.body = json.dumps([_raw_block(block) for block in fmt.split_body(record.body or "")[0]])
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
                   finding=e.finding or "", url=e.url or "", document_id=e.document)
        for e in record.evaluations
    ]
    page.sources = [Source(url=s.url, title=s.title) for s in map(_source, record.sources)]
    # Orderable children keep the file's order only with an explicit sort_order;
    # without it PostgreSQL returns them in any order.
    for relation in ("ratings", "embedding_items", "evaluations", "sources"):
        for position, child in enumerate(getattr(page, relation).all()):
            child.sort_order = position
    return page


def _source(value):
    return fmt.SourceRecord(value) if isinstance(value, str) else value


def _raw_block(block):
    if block.type == "image":
        value = {"image": block.value["id"], "decorative": block.value["decorative"],
                 "alt_text": "" if block.value["decorative"] else block.value["alt"]}
    else:
        value = block.value
    return {"type": block.type, "value": value, "id": str(uuid.uuid4())}


def _page_blocks(page):
    """The page's body as format blocks (from the stored JSON: ids, not image objects)."""
    if not isinstance(page.body, StreamValue):
        return []
    blocks = []
    for raw in page.body.raw_data:
        kind, value = raw["type"], raw["value"]
        if kind == "image":
            value = value if isinstance(value, dict) else {"image": value}
            if not value.get("image"):
                continue  # an image that was deleted from the library: nothing to write
            decorative = bool(value.get("decorative"))
            blocks.append(fmt.Block("image", {"id": value["image"], "decorative": decorative,
                                              "alt": "" if decorative else (value.get("alt_text") or "").strip()}))
        elif kind in ("markdown", "quote") and (value or "").strip():
            blocks.append(fmt.Block(kind, value))
    return blocks


def _empty(page, field):
    model_field = page._meta.get_field(field)
    if model_field.null:
        return None
    return model_field.default if model_field.has_default() else ""


def record_from_page(page):
    """The MethodRecord a page's current content corresponds to (every field)."""
    # None means "not stated" for ages, years and dates; 0 is a real age.
    values = {
        field: getattr(page, field) if fmt.FIELDS_BY_NAME[field].default is None else getattr(page, field) or ""
        for field in PLAIN_FIELDS
    }
    for field in SECTION_FIELDS:
        values[field] = getattr(page, field) or ""
    values["body"] = fmt.join_body(_page_blocks(page))
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
        fmt.EvaluationRecord(title=e.title, year=e.year, design=e.design, finding=e.finding, url=e.url,
                             document=e.document_id)
        for e in page.evaluations.all()
    ]
    values["sources"] = [fmt.SourceRecord(s.url, s.title or "") for s in page.sources.all()]
    values["slug"] = page.slug
    values["live"] = bool(page.live) if page.pk else None
    return fmt.MethodRecord(**values)


def merged(current, incoming):
    """The record an import makes of `current` (a page's record, or None for a new page):
    every field `incoming` mentions, and the current value of every field it leaves out."""
    base = current if current is not None else fmt.MethodRecord()
    if incoming.mentioned is None:
        return dataclasses.replace(incoming, mentioned=None)
    values = {
        f.name: getattr(incoming if f.name in incoming.mentioned else base, f.name)
        for f in dataclasses.fields(incoming) if f.name != "mentioned"
    }
    return fmt.MethodRecord(**values)


def normalised(record, terms):
    """The record as a page would give it back: taxonomy values as slugs in display order,
    body blocks in canonical form.

    Comparing dump(normalised(incoming)) with dump(record_from_page(page)) tells
    whether an import would change anything."""
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "mentioned"}
    for field in TAXONOMY_FIELDS:
        values[field] = [item.slug for item in sorted(set(terms[field]), key=lambda i: (i.sort_order, i.name))]
    values["cost_band"] = terms["cost_band"].slug if terms["cost_band"] else ""
    values["owner"] = (record.owner or "").strip()
    values["sources"] = [_source(s) for s in record.sources]
    values["body"] = fmt.join_body(fmt.split_body(record.body or "")[0])
    return fmt.MethodRecord(**values)
