"""Method files uploaded in the admin: same format, validation and report as import_methods.

Uploads are read from a temporary folder (zip members are read in memory by
catalogue_format, never extracted). Paths in the report are the uploaded names.
"""

import dataclasses
import tempfile
from pathlib import Path, PurePath

from django.utils.translation import gettext as _

from methods import catalogue_format as fmt
from methods.rating_rules import refused_kinds
from methods.importer import import_files, method_index
from methods.models import MethodPage

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 500


class UploadError(ValueError):
    pass


def check_uploads(files):
    if not files:
        raise UploadError(_("Kies een .zip-bestand of een of meer .md-bestanden."))
    if len(files) > MAX_FILES:
        raise UploadError(_("Te veel bestanden (%(n)s); maximaal %(max)s.") % {"n": len(files), "max": MAX_FILES})
    total = sum(upload.size for upload in files)
    if total > MAX_UPLOAD_BYTES:
        raise UploadError(_("De bestanden zijn samen te groot; maximaal %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20})
    for upload in files:
        if PurePath(upload.name).suffix.lower() not in (".md", ".zip"):
            raise UploadError(_("%(name)s is geen .md- of .zip-bestand.") % {"name": upload.name})


def parse_uploads(files, folder):
    """ParsedFile tuples for the uploads, saved under `folder` with their base names."""
    folder = Path(folder)
    parsed, seen = [], set()
    for position, upload in enumerate(files):
        name = PurePath(upload.name).name or f"bestand-{position}"
        if name in seen:
            name = f"{position}-{name}"
        seen.add(name)
        target = folder / name
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        if target.suffix.lower() == ".zip":
            parsed.extend(fmt.iter_folder(target))
        else:
            record, errors = fmt.parse_file(target)
            parsed.append(fmt.ParsedFile(str(target), record, errors))
    prefix = f"{folder}/"
    return [_shown(item, prefix) for item in parsed]


def _shown(item, prefix):
    def strip(path):
        return path.replace(prefix, "", 1)

    errors = [dataclasses.replace(error, path=strip(error.path)) for error in item.errors]
    return fmt.ParsedFile(strip(item.path), item.record, errors)


def refuse_rating_changes(parsed_files, user, index):
    """A file may only add, change or drop rating records if the user may do that in the
    admin form; otherwise the file is rejected with an error on `ratings`."""
    checked = []
    for item in parsed_files:
        # A file without 'ratings' keeps the page's ratings (the import merges).
        mentions_ratings = item.record is not None and (
            item.record.mentioned is None or "ratings" in item.record.mentioned)
        if mentions_ratings:
            existing = MethodPage.objects.child_of(index).filter(slug=item.record.slug).first()
            current = existing.specific.get_latest_revision_as_object().ratings.all() if existing else []
            if refused_kinds(user, current, item.record.ratings):
                error = fmt.FormatError(item.path, 0, "ratings", _(
                    "alleen een moderator mag beoordelingen toevoegen of wijzigen (en alleen een beheerder "
                    "verwijderen); laat ‘ratings’ gelijk aan wat er nu in de catalogus staat"))
                item = fmt.ParsedFile(item.path, item.record, [*item.errors, error])
        checked.append(item)
    return checked


def import_uploads(files, user):
    """Validate and import uploaded method files as drafts; returns the ImportReport."""
    check_uploads(files)
    index = method_index()
    with tempfile.TemporaryDirectory(prefix="methoden-upload-") as folder:
        parsed = parse_uploads(files, folder)
    parsed = refuse_rating_changes(parsed, user, index)
    # Uploads never publish or unpublish: what an editor brings in goes through
    # moderation like any edit.
    return import_files(parsed, publish=False, user=user, index=index, check=refuse_publication_changes)


def refuse_publication_changes(parsed, plan):
    """An upload whose 'live' differs from the page (or is true for a new page) is rejected."""
    if not (plan.publish or plan.unpublish):
        return []
    return [fmt.FormatError(parsed.path, 0, "live", _(
        "publiceren en offline halen gaan via de beoordeling in het beheer, niet via een upload; "
        "laat ‘live’ weg of gelijk aan de huidige status"))]
