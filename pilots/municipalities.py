"""The municipality register file: CBS codes, names and provinces on a reference date.

Used by the data migration (so every fresh install has all municipalities) and by
load_demo. Both only add what is missing: editors own the register once it is loaded.
"""

import json
from pathlib import Path

from django.conf import settings

FILE_NAME = "gemeenten-2025.json"
# The copy in the repository first; the shared data folder next to the checkout is the original.
CANDIDATES = [
    Path(__file__).resolve().parent.parent / "methods" / "demo_data" / FILE_NAME,
    Path(settings.BASE_DIR).parent / "shared" / "data" / FILE_NAME,
]


class RegisterError(Exception):
    pass


def find_register(data_dir=None):
    paths = ([Path(data_dir) / FILE_NAME] if data_dir else []) + CANDIDATES
    for path in paths:
        if path.is_file():
            return path
    raise RegisterError(f"Gemeentebestand {FILE_NAME} niet gevonden; gezocht in: {', '.join(map(str, paths))}")


def read_register(path):
    """Rows {code, name, province} from either the wrapped form
    ({"reference_date", "source", "municipalities": [...]}) or a plain list."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = data["municipalities"] if isinstance(data, dict) else data
    for position, row in enumerate(rows):
        missing = [key for key in ("code", "name", "province") if not row.get(key)]
        if missing:
            raise RegisterError(f"{path}: rij {position}: {', '.join(missing)} ontbreekt")
    return rows


def load_municipalities(model, data_dir=None):
    """Create the municipalities the register has and the database lacks; returns how many."""
    rows = read_register(find_register(data_dir))
    existing = set(model.objects.values_list("code", flat=True))
    new = [model(code=row["code"], name=row["name"], province=row["province"], active=True)
           for row in rows if row["code"] not in existing]
    model.objects.bulk_create(new)
    return len(new)


def index_municipalities(**kwargs):
    """Put municipalities in Wagtail's search index, which the admin chooser searches.

    The data migration inserts them in bulk, which sends no save signals, so they would
    be unfindable in the chooser. Connected to post_migrate; cheap when already indexed."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from .models import Municipality

    total = Municipality.objects.count()
    if not total:
        return 0
    indexed = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Municipality)).count()
    if indexed >= total:
        return 0
    get_search_backend().add_bulk(Municipality, Municipality.objects.all())
    return total
