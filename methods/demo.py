"""The demo catalogue: page tree, taxonomies and the methods shipped in methods/demo_data."""

from pathlib import Path

import yaml
from django.db import transaction

from home.models import HomePage

from . import catalogue_format as fmt
from .importer import import_files
from .models import ApproachType, CostBand, ExploitationForm, MethodIndexPage, Setting, TargetGroup

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
            _, was_created = model.objects.get_or_create(
                slug=item["slug"],
                defaults={"name": item["name"], "description": item.get("description") or "",
                          "sort_order": position},
            )
            created += was_created
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
    if not home.intro:
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
        parsed = list(fmt.iter_folder(data_dir / "methods"))
        report = import_files(parsed, publish=True, index=index)
        if report.errors:
            lines = "\n".join(f"  {error}" for error in report.errors)
            raise DemoDataError(f"De demodata bevat fouten; er is niets opgeslagen:\n{lines}")
    return report, extra


def _load_extras(data_dir):
    """Hook for other apps' demo data (municipalities, pilot results); see their demo modules."""
    from django.apps import apps

    results = {}
    for config in apps.get_app_configs():
        loader = getattr(config, "load_demo_data", None)
        if loader is not None:
            results[config.label] = loader(data_dir)
    return results
