"""Back-up and restore of the whole site: database and uploads in one .tar.gz.

The archive holds
  manifest.json  format version, versions, applied migrations, rows per model, file hashes
  data.json      `dumpdata` of everything that matters, natural keys for foreign keys only
  media/...      the uploaded originals (images, documents, avatars)

Primary keys are kept as they are (no natural primary keys): revisions store their page's
content as JSON that refers to pages, images, documents and users by id, so those ids must
survive. Content types and permissions are referred to by natural key, because migrate
numbers them differently in every install.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "preventiecatalogus-backup"
FORMAT_VERSION = 1

# Not in the archive, each for a reason:
EXCLUDED = [
    "contenttypes",  # migrate creates them (other ids per install); referred to by natural key
    "auth.permission",  # idem
    "sessions",  # logins end with a restore; an old session could bind a cookie to another user's id
    "wagtailsearch",  # Wagtail's admin search index: rebuilt after the restore
    "wagtailcore.referenceindex",  # "usage" index: rebuilt after the restore
    "wagtailimages.rendition",  # resized copies: Wagtail makes them again on first view
    "search.pendingindexupdate",  # the engine index is rebuilt after the restore
    "django_tasks_database",  # the background queue: old tasks must not run on restored data
    "wagtailadmin.editingsession",  # who has a page open right now
]
# Kept by a restore: migrate made them, the dump refers to them by natural key.
KEPT = {"contenttypes.contenttype", "auth.permission"}
RENDITIONS_DIR = "images"  # Wagtail's upload folder for renditions (originals go to original_images)


class BackupError(Exception):
    """The backup or restore cannot go ahead; for a restore: nothing was changed."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations():
    """{app label: sorted migration names} as recorded in this database."""
    found = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        found.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(found.items())}


def _excluded(model):
    return model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED


def backed_up_models():
    return [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed and not _excluded(m)]


def model_counts():
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def media_files(storage=default_storage):
    """Names of every stored upload except renditions, recursively."""
    def walk(folder):
        try:
            dirs, files = storage.listdir(folder)
        except FileNotFoundError:  # no upload yet: MEDIA_ROOT does not exist
            return
        for name in sorted(files):
            yield f"{folder}/{name}" if folder else name
        for name in sorted(dirs):
            if not folder and name == RENDITIONS_DIR:
                continue
            yield from walk(f"{folder}/{name}" if folder else name)

    yield from walk("")


def in_use():
    """What makes this database more than a fresh install (after `migrate`), as Dutch phrases.

    migrate itself creates the root and home page, the site, groups, the workflow,
    municipalities and the standard synonyms; restoring over those loses nothing."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    found = []
    for label, count in (
        ("gebruiker(s)", get_user_model().objects.count()),
        ("pagina('s) naast de startpagina", max(Page.objects.count() - 2, 0)),
        ("paginaversie(s)", Revision.objects.count()),
        ("afbeelding(en)", get_image_model().objects.count()),
        ("document(en)", get_document_model().objects.count()),
    ):
        if count:
            found.append(f"{count} {label}")
    return found


def backup(target, stdout=None):
    """Write the archive to `target` (a file path that must not exist). Returns the manifest."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} bestaat al; kies een nieuwe bestandsnaam.")
    if not target.parent.is_dir():
        raise BackupError(f"De map {target.parent} bestaat niet.")
    with tempfile.TemporaryDirectory(prefix="backup-") as work:
        data = Path(work) / "data.json"
        # One consistent snapshot while editors keep working: on PostgreSQL each query
        # would otherwise see the latest commit (a revision without its page, say).
        # (Inside a caller's transaction, such as a test's, that one already decides.)
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, use_base_manager=True,
                         format="json", output=str(data), verbosity=0)
            counts = model_counts()
            migrations = applied_migrations()
        names = list(media_files())
        files = {}
        for name in names:
            with default_storage.open(name, "rb") as handle:
                digest = hashlib.sha256()
                size = 0
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
            files[name] = {"size": size, "sha256": digest.hexdigest()}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": connection.vendor,
            "migrations": migrations,
            "counts": counts,
            "data_sha256": sha256(data),
            "media": files,
        }
        manifest_path = Path(work) / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        # Written beside the target and renamed at the end: a half-written archive never
        # carries the final name.
        partial = target.with_name(target.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(manifest_path, "manifest.json")
                archive.add(data, "data.json")
                for name in names:
                    with default_storage.open(name, "rb") as handle:
                        info = tarfile.TarInfo(f"media/{name}")
                        info.size = files[name]["size"]
                        info.mtime = int(timezone.now().timestamp())
                        archive.addfile(info, handle)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


def unpack(archive_path, into):
    """Read and verify the whole archive into the folder `into`. Returns the manifest.

    Everything is checked before the database is touched: a truncated or corrupt archive
    fails here."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} bestaat niet of is geen bestand.")
    into = Path(into)
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive:
                # Only plain files inside the folder: no links, devices or ../ paths.
                if not _safe_member_name(member.name) or not (member.isfile() or member.isdir()):
                    raise BackupError(f"het archief bevat een onverwacht onderdeel: {member.name!r}")
                if member.isdir():
                    continue
                destination = into / member.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(destination, "wb") as out:
                    shutil.copyfileobj(source, out)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"het archief is beschadigd of onvolledig ({exc})") from exc
    try:
        manifest = json.loads((into / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError("het archief heeft geen leesbaar manifest.json; is dit een back-up van deze site?") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("dit archief is geen back-up van de preventiecatalogus.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"back-upformaat {manifest.get('format_version')} wordt niet ondersteund "
                          f"(deze versie leest formaat {FORMAT_VERSION}).")
    data = into / "data.json"
    if not data.is_file() or sha256(data) != manifest["data_sha256"]:
        raise BackupError("data.json ontbreekt of is beschadigd (controlegetal klopt niet).")
    for name, meta in manifest["media"].items():
        path = into / "media" / name
        if not path.is_file() or sha256(path) != meta["sha256"]:
            raise BackupError(f"mediabestand {name} ontbreekt of is beschadigd (controlegetal klopt niet).")
    return manifest


def migration_differences(manifest):
    """Dutch lines describing where this database's migrations differ from the backup's."""
    here, there = applied_migrations(), manifest["migrations"]
    lines = []
    for app in sorted(set(here) | set(there)):
        missing = sorted(set(there.get(app, [])) - set(here.get(app, [])))
        extra = sorted(set(here.get(app, [])) - set(there.get(app, [])))
        if missing:
            lines.append(f"{app}: ontbreekt hier: {', '.join(missing)}")
        if extra:
            lines.append(f"{app}: niet in de back-up: {', '.join(extra)}")
    return lines


def _clear_tables():
    """Empty every table except content types and permissions, without signals or cascades.

    Foreign keys are checked at commit on SQLite and PostgreSQL (Django creates them
    DEFERRABLE INITIALLY DEFERRED), so the order does not matter; what is left must be
    consistent by then. Excluded tables are emptied too: they describe the old data."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed or model._meta.label_lower in KEPT:
            continue
        model._base_manager.all()._raw_delete(connection.alias)


def restore(archive_path, *, replace=False, stdout=None):
    """Replace the database and uploads by the archive's. Returns the manifest.

    Raises BackupError before changing anything when the archive is unreadable, the
    migrations differ, or (without `replace`) the database is already in use."""
    with tempfile.TemporaryDirectory(prefix="restore-") as work:
        manifest = unpack(archive_path, work)
        differences = migration_differences(manifest)
        if differences:
            raise BackupError(
                "de migraties van deze database verschillen van die in de back-up. Herstel in een "
                "installatie met dezelfde versie van de code, na `manage.py migrate`.\n  " + "\n  ".join(differences))
        if not replace:
            found = in_use()
            if found:
                raise BackupError(
                    "deze database is geen verse installatie: er staan al " + ", ".join(found) + " in. "
                    "Herstellen vervangt alles; gebruik --replace als dat de bedoeling is.")
        try:
            _load(manifest, work)
        except (DeserializationError, DatabaseError) as exc:
            # E.g. a content type this code no longer has; the transaction was rolled back.
            raise BackupError(f"de gegevens konden niet worden ingelezen: {exc}") from exc
    rebuild_derived(stdout)
    return manifest


def _load(manifest, work):
    """Replace every table's rows and the uploads in one transaction."""
    with transaction.atomic():
        _clear_tables()
        call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
        counts = model_counts()
        wrong = [f"{label}: {counts.get(label)} in plaats van {n}"
                 for label, n in manifest["counts"].items() if counts.get(label) != n]
        if wrong:
            raise BackupError("na het inlezen klopt het aantal rijen niet: " + "; ".join(wrong))
        # Inside the transaction: if a file cannot be written, the database stays as it was.
        for name in manifest["media"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(Path(work) / "media" / name, "rb") as handle:
                saved = default_storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"mediabestand {name} is opgeslagen als {saved}")


def rebuild_derived(stdout=None):
    """After a restore: the indexes that were left out of the archive."""
    from wagtail.models import Site

    from search import engine, indexing
    from search.models import PendingIndexUpdate

    out = stdout or io.StringIO()
    Site.clear_site_root_paths_cache()
    call_command("wagtail_update_index", verbosity=0, stdout=out)
    call_command("rebuild_references_index", verbosity=0, stdout=out)
    if engine.configured():
        try:
            indexing.rebuild(quiet=True)
        except engine.errors() as exc:
            # Remembered like any failed rebuild: `search_index sync` (or the next index
            # update) finishes it once the engine answers.
            PendingIndexUpdate.objects.create(action=PendingIndexUpdate.REBUILD, last_error=str(exc)[:2000])
            if stdout:
                stdout.write(f"Let op: zoekmachine niet bereikbaar ({exc}); draai later `manage.py search_index sync`.")
