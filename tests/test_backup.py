"""`manage.py backup PATH` / `manage.py restore PATH` (methods/backup.py)."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, WorkflowState

from methods.backup import media_files, model_counts
from methods.models import MethodPage
from pilots.models import PilotResultPage
from search.models import Synonym
from tests.factories.methods import MethodPageFactory
from tests.factories.pilots import PilotResultPageFactory, indicator

BASE_DIR = Path(__file__).resolve().parent.parent


def snapshot():
    """What a restore must bring back, as plain JSON data (also run in the restored install).

    Revision content is compared without its "content_type": that is a content type id,
    which differs per install; Wagtail takes the page's own content type when it reads a
    revision (Page.with_content_json), so the stale number is never used."""
    from django.core.files.storage import default_storage

    pages = []
    for page in Page.objects.order_by("path"):
        latest = page.latest_revision
        content = dict(latest.content) if latest else None
        if content:
            content.pop("content_type", None)
        pages.append({
            "id": page.pk, "path": page.path, "url_path": page.url_path, "type": page.specific_class._meta.label,
            "title": page.title, "draft_title": page.draft_title, "live": page.live,
            "has_unpublished_changes": page.has_unpublished_changes,
            "live_revision": page.live_revision_id, "latest_revision": page.latest_revision_id,
            "latest_content": content, "revisions": page.revisions.count(),
        })
    pilots = [{"id": p.pk, "title": p.title, "municipality": p.municipality.code, "live": p.live,
               "indicators": [(i.name, str(i.baseline), str(i.result)) for i in p.indicators.all()]}
              for p in PilotResultPage.objects.order_by("pk")]
    workflows = [{"page": w.object_id, "status": w.status,
                  "task": w.current_task_state.task.name if w.current_task_state else None}
                 for w in WorkflowState.objects.order_by("pk")]
    media = {}
    for name in media_files():
        with default_storage.open(name, "rb") as handle:
            media[name] = hashlib.sha256(handle.read()).hexdigest()
    result = {
        "pages": pages,
        "pilots": pilots,
        "workflows": workflows,
        "synonyms": list(Synonym.objects.order_by("pk").values_list("pk", "terms", "note")),
        "users": [{"username": u.username, "id": u.pk, "email": u.email, "password": u.password,
                   "superuser": u.is_superuser, "groups": sorted(u.groups.values_list("name", flat=True))}
                  for u in User.objects.order_by("pk")],
        "groups": {g.name: sorted(f"{p.content_type.app_label}.{p.codename}" for p in g.permissions.all())
                   for g in Group.objects.all()},
        "images": list(Image.objects.order_by("pk").values_list("pk", "title", "file", "width", "height")),
        "documents": list(Document.objects.order_by("pk").values_list("pk", "title", "file")),
        "media": media,
        "counts": model_counts(),
    }
    return json.loads(json.dumps(result, default=str))


def png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def add_site_content(method):
    """What the demo catalogue lacks: users, a pilot result, a synonym, uploads, and a draft
    in moderation (a revision newer than the live one, with a workflow state)."""
    editor = User.objects.create_user("redacteur", "redacteur@example.org", "geheim-wachtwoord-1")
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-2")
    PilotResultPageFactory(parent=method, title="Pilot Utrecht", slug="pilot-utrecht",
                           indicators=[indicator()])
    Synonym.objects.create(terms="arbeidsuitbuiting, uitbuiting op het werk", note="test")
    image = Image(title="Klas", file=ImageFile(io.BytesIO(png()), name="klas.png"))
    image.save()
    image.get_rendition("fill-20x20")  # a rendition is not backed up; it is made again when viewed
    Document.objects.create(title="Evaluatie", file=ContentFile(b"evaluatierapport\n", name="evaluatie.txt"))
    method = MethodPage.objects.get(pk=method.pk)
    method.title = f"{method.title} (concept)"
    method.hero_image = image
    method.hero_image_alt = "Een klas met leerlingen"
    revision = method.save_revision(user=editor)
    method.get_workflow().start(method, editor)
    return revision


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def manage(*args, database_url, media_root):
    """Run manage.py in a separate process on another database, as an operator would."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEARCH_", "DJANGO_"))}
    env.update(DATABASE_URL=database_url, DJANGO_MEDIA_ROOT=str(media_root),
               DJANGO_SETTINGS_MODULE="catalogue.settings.dev", SEARCH_URL="")
    done = subprocess.run([sys.executable, "manage.py", *args], check=False, cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database on the same engine as the tests, for a fresh install."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    params = connection.get_connection_params()
    params.pop("dbname", None)
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = django_settings.DATABASES["default"]
        yield (f"postgres://{url['USER']}:{url['PASSWORD']}@{url['HOST'] or 'localhost'}:{url['PORT'] or 5432}/{name}")
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_round_trip_into_a_fresh_install(demo_catalogue, media_root, tmp_path, fresh_database_url):
    """Backup of the demo catalogue plus a pilot, a synonym, users, uploads and a draft in
    moderation; restore into a fresh install; the same site.

    The fresh install is real: a new, empty database (SQLite file, or a new PostgreSQL
    database) on which `manage.py migrate` runs in its own process, so it has the root and
    home page, site, groups, workflow and seeded synonyms that migrate creates, with its
    own content type ids. `manage.py restore` and the comparison run there as well, with
    their own MEDIA_ROOT."""
    method = MethodPage.objects.order_by("path").first()
    draft = add_site_content(method)
    before = snapshot()
    assert before["pilots"] and before["workflows"] and len(before["media"]) == 2
    drafted = next(p for p in before["pages"] if p["id"] == method.pk)
    assert drafted["has_unpublished_changes"] and drafted["latest_revision"] == draft.pk != drafted["live_revision"]

    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    target_media = tmp_path / "media-restored"
    manage("migrate", "-v0", database_url=fresh_database_url, media_root=target_media)
    out = manage("restore", str(archive), database_url=fresh_database_url, media_root=target_media)
    assert "Hersteld uit" in out
    after = json.loads(manage("shell", "-v0", "-c",
                              "import json; from tests.test_backup import snapshot; print(json.dumps(snapshot()))",
                              database_url=fresh_database_url, media_root=target_media).strip().splitlines()[-1])

    for key in before:
        assert after[key] == before[key], key
    assert not (target_media / "images").exists()  # renditions were left out

    # The restored site works: pages render, renditions are made again from the restored
    # original, and new rows get fresh ids (PostgreSQL's sequences were moved past the restored ones).
    check = (
        "from django.test import Client; from django.contrib.auth.models import User; "
        "from search.models import Synonym; from methods.models import MethodPage; "
        "from wagtail.images.models import Image; Image.objects.get().get_rendition('fill-20x20'); "
        f"page = MethodPage.objects.get(pk={method.pk}); client = Client(HTTP_HOST='localhost'); "
        "assert client.get('/').status_code == 200; assert client.get(page.url).status_code == 200; "
        "User.objects.create_user('na-herstel'); Synonym.objects.create(terms='een, twee'); "
        "page.save_revision(); print('werkt')"
    )
    assert "werkt" in manage("shell", "-v0", "-c", check, database_url=fresh_database_url, media_root=target_media)


def small_site(media_root):
    method = MethodPageFactory(title="Lespakket", slug="lespakket")
    add_site_content(method)


def test_restore_replaces_a_changed_site(db, media_root, tmp_path):
    """--replace in the same database: changes after the backup are undone, ids kept."""
    small_site(media_root)
    before = snapshot()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    Synonym.objects.all().delete()
    User.objects.create_user("nieuw")
    method = MethodPage.objects.get(slug="lespakket")
    method.get_latest_revision().publish()
    (media_root / "original_images" / "klas.png").write_bytes(b"overschreven")

    call_command("restore", str(archive), "--replace", stdout=io.StringIO())
    assert snapshot() == before


def test_restore_refuses_a_database_in_use(db, media_root, tmp_path):
    small_site(media_root)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Synonym.objects.create(terms="na de back-up, later toegevoegd")
    before = snapshot()

    with pytest.raises(CommandError, match="geen verse installatie.*--replace"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert snapshot() == before


def repack(archive, tmp_path, edit):
    """Unpack a backup, let `edit(folder)` change its files, and pack it again in place."""
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    edit(unpacked)
    archive.unlink()
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("manifest.json", "data.json", "media"):
            tar.add(unpacked / name, name)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "tampered"])
def test_a_damaged_archive_changes_nothing(db, media_root, tmp_path, damage):
    small_site(media_root)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    data = archive.read_bytes()
    if damage == "truncated":
        archive.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        archive.write_bytes(b"dit is geen archief" * 100)
    else:  # a valid .tar.gz whose data no longer matches its manifest
        repack(archive, tmp_path, lambda unpacked: (unpacked / "data.json").write_text("[]"))
    Synonym.objects.create(terms="na de back-up, later toegevoegd")
    before = snapshot()

    with pytest.raises(CommandError, match="Niet hersteld, er is niets veranderd: .*(beschadigd|onvolledig)"):
        call_command("restore", str(archive), "--replace", stdout=io.StringIO())
    assert snapshot() == before


def test_data_that_does_not_fit_this_code_changes_nothing(db, media_root, tmp_path):
    """An intact archive whose data names a model this code does not have (say, from a
    removed app): loading fails half-way, the whole transaction is rolled back."""
    small_site(media_root)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    def unknown_model(unpacked):
        rows = json.loads((unpacked / "data.json").read_text())
        page = next(row for row in rows if row["model"] == "wagtailcore.page" and row["fields"]["depth"] > 2)
        page["fields"]["content_type"] = ["verdwenen", "methode"]
        (unpacked / "data.json").write_text(json.dumps(rows))
        manifest = json.loads((unpacked / "manifest.json").read_text())
        manifest["data_sha256"] = hashlib.sha256((unpacked / "data.json").read_bytes()).hexdigest()
        (unpacked / "manifest.json").write_text(json.dumps(manifest))

    repack(archive, tmp_path, unknown_model)
    Synonym.objects.create(terms="na de back-up, later toegevoegd")
    before = snapshot()

    with pytest.raises(CommandError, match="Niet hersteld, er is niets veranderd: de gegevens konden niet"):
        call_command("restore", str(archive), "--replace", stdout=io.StringIO())
    assert snapshot() == before


def test_backup_refuses_to_overwrite(db, media_root, tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"oud")
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == b"oud"


def test_restore_refuses_other_migrations(db, media_root, tmp_path):
    small_site(media_root)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder(connection).record_applied("search", "9999_from_the_future")
    before = snapshot()
    with pytest.raises(CommandError, match="(?s)migraties.*search: niet in de back-up: 9999_from_the_future"):
        call_command("restore", str(archive), "--replace", stdout=io.StringIO())
    assert snapshot() == before


ENGINE_URL = os.environ.get("SEARCH_TEST_URL", "")


@pytest.fixture
def engine_settings(settings):
    from search import engine

    if not ENGINE_URL:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("search engine required under CI=true", pytrace=False)
        pytest.skip("SEARCH_TEST_URL is not set (run `make test`, which starts the engine)")
    prefix = f"test-backup-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_TIMEOUT = ENGINE_URL, prefix, 30.0
    engine.breaker.reset()
    yield settings
    settings.SEARCH_URL = ENGINE_URL
    conn = engine.client()
    for name in conn.indices.get(index=f"{prefix}*"):
        conn.indices.delete(index=name, ignore_unavailable=True)
    engine.breaker.reset()


@pytest.mark.search_engine
def test_restore_rebuilds_the_engine_index(media_root, tmp_path, engine_settings, db):
    from search import indexing
    from search.models import PendingIndexUpdate

    small_site(media_root)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("restore", str(archive), "--replace", stdout=io.StringIO())

    found = indexing.drift()
    assert found.ok and found.in_index == MethodPage.objects.live().count() == 1
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.search_engine
def test_restore_with_the_engine_down_leaves_a_rebuild_pending(media_root, tmp_path, engine_settings, db):
    from search import engine
    from search.models import PendingIndexUpdate

    small_site(media_root)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    engine_settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    engine_settings.SEARCH_TIMEOUT = 1.0
    out = io.StringIO()
    call_command("restore", str(archive), "--replace", stdout=out)

    assert "search_index sync" in out.getvalue() and "Hersteld uit" in out.getvalue()
    assert list(PendingIndexUpdate.objects.values_list("action", flat=True)) == [PendingIndexUpdate.REBUILD]
    engine.breaker.reset()
