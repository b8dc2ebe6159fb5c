"""The demo catalogue: page tree, taxonomies and the methods shipped in methods/demo_data.

`make run` loads it on every start, also on a site where editors have worked, so it
creates what is missing and otherwise keeps its hands off: a demo method is updated
from its file only when load_demo created it and nobody has touched it since (same
newest revision, same publication as load_demo left; see DemoMethod). Everything
else is skipped and reported with the reason.
"""

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Q

from home.models import HomePage

from . import catalogue_format as fmt
from .importer import ImportReport, import_files
from .models import (
    ApproachType,
    CostBand,
    DemoMethod,
    ExploitationForm,
    MethodIndexPage,
    MethodPage,
    Setting,
    TargetGroup,
)

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
TAXONOMY_MODELS = {
    "forms_of_exploitation": ExploitationForm,
    "target_groups": TargetGroup,
    "approach_types": ApproachType,
    "settings": Setting,
    "cost_bands": CostBand,
}


class DemoDataError(Exception):
    """The demo data is broken; nothing was written."""


# Why a demo method was left alone (shown as "<slug>: overgeslagen, <reason>").
NOT_OURS = "bestond al, maar is niet door load_demo aangemaakt (of van vóór de registratie); blijft van de redactie"
DELETED = "door de redactie verwijderd; wordt niet opnieuw aangemaakt"
MOVED = "door de redactie verplaatst of van slug veranderd"
IN_MODERATION = "er staat een concept ter beoordeling"
UNPUBLISHED = "door de redactie offline gehaald sinds de vorige demolading"
EDITED = "door de redactie bewerkt sinds de vorige demolading"


@dataclass
class DemoReport(ImportReport):
    """The importer's report plus the demo methods load_demo skipped, as (slug, reason)."""

    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def counts(self):
        return {**super().counts, "skipped": len(self.skipped)}

    def summary(self):
        return f"{super().summary()}, {len(self.skipped)} overgeslagen"

    def lines(self, unchanged=False):
        """The per-slug details for the command's output."""
        lines = []
        for label, slugs in (("nieuw", self.created), ("bijgewerkt", self.updated),
                             ("ongewijzigd", self.unchanged if unchanged else [])):
            if slugs:
                lines.append(f"{label}: {', '.join(slugs)}")
        lines += [f"{slug}: overgeslagen, {reason}" for slug, reason in self.skipped]
        lines += self.notes
        if any(reason == NOT_OURS for _slug, reason in self.skipped):
            # Typically a database from before load_demo kept records: it keeps its pages.
            lines.append("Wie de democatalogus opnieuw wil laten bijwerken, begint met een lege database "
                         "(bijvoorbeeld: verwijder db.sqlite3 en draai `make run`).")
        return lines


def load_taxonomies(path):
    """Create missing taxonomy items; existing ones are the editors' and stay as they are."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DemoDataError(f"{path}: geen geldige YAML: {exc}") from exc
    created = 0
    for key, model in TAXONOMY_MODELS.items():
        for position, item in enumerate(data.get(key) or []):
            for required in ("name", "slug"):
                if not item.get(required):
                    raise DemoDataError(f"{path}: {key}[{position}]: veld '{required}' ontbreekt")
            # Present under its slug or its name: an editor may have renamed either (names
            # are unique too, so creating it again would fail the whole load). A term gone
            # under both is created again: the demo method files refer to it.
            if model.objects.filter(Q(slug=item["slug"]) | Q(name__iexact=item["name"])).exists():
                continue
            model.objects.create(slug=item["slug"], name=item["name"],
                                 description=item.get("description") or "", sort_order=position)
            created += 1
    return created


def ensure_page_tree():
    home = HomePage.objects.first()
    if home is None:
        raise DemoDataError("Er is geen startpagina; draai eerst `manage.py migrate`.")
    index = MethodIndexPage.objects.child_of(home).first()
    if index is None:
        index = MethodIndexPage(
            title="Methoden", slug="methoden",
            intro="Alle preventiemethoden in de catalogus, van lespakket tot bestuurlijk instrument.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    # Only on a home page nobody has saved since the migration made it (no revision):
    # an editor may have emptied the intro on purpose, or have a draft of it waiting.
    if not home.intro and home.latest_revision_id is None:
        home.intro = (
            "Gemeenten, professionals en iedereen die mensenhandel wil helpen voorkomen vinden hier "
            "bestaande preventiemethoden op één manier beschreven: voor wie ze zijn, wat ze kosten, "
            "wat er bekend is over hun effect en wat nodig is om ze blijvend in te bedden. "
            "Zo hoeft niemand het wiel opnieuw uit te vinden."
        )
        home.save_revision().publish()
    return index


def load_demo(data_dir=DEMO_DATA, stdout=None):
    """Build the demo catalogue in one transaction; any error leaves the database as it was."""
    data_dir = Path(data_dir)
    with transaction.atomic():
        load_taxonomies(data_dir / "taxonomies.yaml")
        extra = _load_extras(data_dir)
        index = ensure_page_tree()
        parsed, skipped = _untouched(list(fmt.iter_folder(data_dir / "methods")), index)
        imported = import_files(parsed, publish=True, index=index)
        if imported.errors:
            lines = "\n".join(f"  {error}" for error in imported.errors)
            raise DemoDataError(f"De demodata bevat fouten; er is niets opgeslagen:\n{lines}")
        # What load_demo now leaves is what the next run compares with.
        for slug in imported.created + imported.updated + imported.unchanged:
            DemoMethod.remember(MethodPage.objects.child_of(index).get(slug=slug), slug)
        report = DemoReport(**{f.name: getattr(imported, f.name) for f in fields(imported)}, skipped=skipped)
    return report, extra


def _untouched(parsed_files, index):
    """The files load_demo may import, and (slug, reason) for the ones it must leave alone."""
    known = {row.slug: row for row in DemoMethod.objects.all()}
    files, skipped = [], []
    for parsed in parsed_files:
        if parsed.record is None:  # unreadable: the importer reports the errors
            files.append(parsed)
            continue
        slug = parsed.record.slug
        reason = _reason_to_skip(slug, known.get(slug), index)
        if reason:
            skipped.append((slug, reason))
        else:
            files.append(parsed)
    return files, skipped


def _reason_to_skip(slug, known, index):
    page = MethodPage.objects.child_of(index).filter(slug=slug).first()
    if known is None:
        # Never written by load_demo: new (create it), or someone else's page with this
        # slug, or a page from before load_demo kept records. The page is not ours to update.
        return NOT_OURS if page is not None else None
    if known.page_id is None:
        # load_demo created it and the redactie deleted it. Recreating it would undo that
        # on every `make run`; a fresh database (no records) still gets the whole catalogue.
        return DELETED
    if page is None or page.pk != known.page_id:
        return MOVED
    if page.workflow_in_progress:
        return IN_MODERATION
    if known.live and not page.live:
        return UNPUBLISHED
    if (page.latest_revision_id, page.live_revision_id, page.live) != (
            known.revision_id, known.live_revision_id, known.live):
        return EDITED
    return None


def _load_extras(data_dir):
    """Hook for other apps' demo data (municipalities, pilot results); see their demo modules."""
    from django.apps import apps

    results = {}
    for config in apps.get_app_configs():
        loader = getattr(config, "load_demo_data", None)
        if loader is not None:
            results[config.label] = loader(data_dir)
    return results
