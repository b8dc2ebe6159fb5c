"""Export -> import is lossless: every field an editor can set survives, an unchanged file
changes nothing, a file with one field changed changes exactly that field, and an import
never publishes a draft or an unpublished page unless the file says so."""

import io
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image

from methods import catalogue_format as fmt
from methods.demo import DEMO_DATA, ensure_page_tree, load_taxonomies
from methods.models import Material, MethodPage
from methods.records import record_from_page
from tests.methods.test_images import png


@pytest.fixture
def index(db):
    load_taxonomies(DEMO_DATA / "taxonomies.yaml")
    return ensure_page_tree()


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
    return out.getvalue() + err.getvalue()


def import_demo(index, tmp_path, slug="girls-talk", publish=True):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / f"{slug}.md").write_text((DEMO_DATA / "methods" / f"{slug}.md").read_text())
    assert "1 nieuw" in run("import_methods", str(folder), *(["--publish"] if publish else []))
    return MethodPage.objects.get(slug=slug)


def edit_as_editor(page, publish=True, **changes):
    """What the admin does on save: change the newest revision, save a new revision."""
    latest = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(latest, name, value)
    revision = latest.save_revision()
    if publish:
        revision.publish()
    return MethodPage.objects.get(pk=page.pk)


def export(tmp_path, name="out"):
    target = tmp_path / name
    run("export_methods", str(target))
    return target


def latest_record(page):
    return record_from_page(MethodPage.objects.get(pk=page.pk).get_latest_revision_as_object())


def every_block_page(index, tmp_path):
    page = import_demo(index, tmp_path)
    image = Image(title="Klas", file=ImageFile(io.BytesIO(png(64, 48)), name="klas.png"))
    image.save()
    document = Document(title="Rapport", file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf"))
    document.save()
    latest = page.get_latest_revision_as_object()
    latest.body = [
        ("markdown", "Eerste tekst met **vet**."),
        ("quote", "Een citaat van een deelnemer."),
        # Separate instances, as the admin form gives: ImageBlock keeps alt text on the image.
        ("image", {"image": Image.objects.get(pk=image.pk), "decorative": False, "alt_text": "Leerlingen in een klas"}),
        ("markdown", "Tweede tekst.\n\n```\n## geen kop\n```"),
        ("image", {"image": Image.objects.get(pk=image.pk), "decorative": True, "alt_text": ""}),
    ]
    latest.seo_title = "Girls' Talk | Preventiecatalogus"
    latest.search_description = "Groepsprogramma voor meiden."
    latest.hero_image, latest.hero_image_alt = image, "Een groep meiden"
    latest.materials = [Material(document=document, title="Handleiding")]
    sources = list(latest.sources.all())
    sources[0].title = "NJi: Girls' Talk"
    latest.sources = sources
    evaluations = list(latest.evaluations.all())
    evaluations[0].document = document
    latest.evaluations = evaluations
    latest.save_revision().publish()
    return MethodPage.objects.get(pk=page.pk), image, document


def test_every_block_type_and_field_survives_export_and_import(index, tmp_path):
    page, image, document = every_block_page(index, tmp_path)
    before = latest_record(page)
    revision = page.latest_revision_id

    folder = export(tmp_path)
    text = (folder / "girls-talk.md").read_text()
    assert "<!-- citaat -->\n\nEen citaat van een deelnemer." in text
    assert f'<!-- afbeelding {{"id": {image.pk}, "alt": "Leerlingen in een klas"}} -->' in text
    assert f'<!-- afbeelding {{"id": {image.pk}, "decoratief": true}} -->' in text
    assert "title: \"NJi: Girls' Talk\"" in text and "seo_title:" in text and "live: true" in text
    assert f"document: {document.pk}" in text

    assert "0 nieuw, 0 bijgewerkt, 1 ongewijzigd" in run("import_methods", str(folder))
    assert MethodPage.objects.get(pk=page.pk).latest_revision_id == revision

    # One word of the summary changed: that is the only difference afterwards.
    path = folder / "girls-talk.md"
    path.write_text(text.replace("Groepsprogramma waarin", "Groepsprogramma, waarin", 1))
    assert "0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in run("import_methods", str(folder), "--publish")
    after = latest_record(page)
    changed = {name for name in vars(before) if getattr(before, name) != getattr(after, name)}
    assert changed == {"summary"}
    page = MethodPage.objects.get(pk=page.pk)
    assert page.live and not page.has_unpublished_changes
    assert page.summary.startswith("Groepsprogramma, waarin")
    # What the format does not carry stays on the page.
    assert page.hero_image_id == image.pk and page.hero_image_alt == "Een groep meiden"
    assert [(m.document_id, m.title) for m in page.materials.all()] == [(document.pk, "Handleiding")]
    assert [b.block_type for b in page.body] == ["markdown", "quote", "image", "markdown", "image"]


@pytest.mark.parametrize("field, old, new", [
    ("owner", "owner: Rutgers", "owner: Rutgers Kenniscentrum"),
    ("age_to", "age_to: 20", "age_to: 19"),
    ("seo_title", "title_en:", "seo_title: Meidenprogramma\ntitle_en:"),
    ("sources", "  - https://www.movisie.nl/interventie/girls-talk\n",
     "  - url: https://www.movisie.nl/interventie/girls-talk\n    title: Movisie\n"),
    ("embedding_notes", "## Borging\n\nTwee", "## Borging\n\nDrie"),
])
def test_changing_one_field_in_an_export_changes_exactly_that_field(index, tmp_path, field, old, new):
    page = import_demo(index, tmp_path)
    before = latest_record(page)
    path = export(tmp_path) / "girls-talk.md"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert "1 bijgewerkt" in run("import_methods", str(path.parent))
    after = latest_record(page)
    assert {name for name in vars(before) if getattr(before, name) != getattr(after, name)} == {field}


def test_a_file_that_leaves_fields_out_keeps_them(index, tmp_path):
    page = import_demo(index, tmp_path)
    before = latest_record(page)
    folder = tmp_path / "klein"
    folder.mkdir()
    (folder / "girls-talk.md").write_text(
        "---\nslug: girls-talk\ntitle: Girls' Talk\nsummary: Korter.\n"
        "sources:\n  - https://www.nji.nl/interventies/girls-talk\n---\n")
    assert "1 bijgewerkt" in run("import_methods", str(folder))
    after = latest_record(page)
    assert {name for name in vars(before) if getattr(before, name) != getattr(after, name)} == {
        "title", "summary", "sources"}
    assert after.ratings == before.ratings and after.embedding_notes == before.embedding_notes
    # Clearing is explicit: an empty value or an empty section.
    (folder / "girls-talk.md").write_text(
        "---\nslug: girls-talk\ntitle: Girls' Talk\nsummary: Korter.\nowner: ''\n"
        "sources:\n  - https://www.nji.nl/interventies/girls-talk\n---\n\n## Borging\n")
    run("import_methods", str(folder))
    cleared = latest_record(page)
    assert cleared.owner == "" and cleared.embedding_notes == "" and cleared.ratings == before.ratings


def test_an_unknown_image_rejects_the_file_naming_the_block(index, tmp_path):
    import_demo(index, tmp_path)
    path = export(tmp_path) / "girls-talk.md"
    path.write_text(path.read_text() + '\n## Meer informatie\n\n<!-- afbeelding {"id": 9999, "alt": "x"} -->\n')
    output = run("import_methods", str(path.parent))
    assert "girls-talk.md:1: body[0].image: er is geen afbeelding met nummer 9999" in output
    assert "1 afgewezen" in output


def test_a_draft_in_moderation_is_neither_published_nor_changed(index, tmp_path):
    page = import_demo(index, tmp_path)
    page = edit_as_editor(page, publish=False, seo_title="Nog niet goedgekeurd")
    workflow = page.get_workflow()
    assert workflow is not None
    workflow.start(page, user=None)
    folder = export(tmp_path)
    assert "seo_title: Nog niet goedgekeurd" in (folder / "girls-talk.md").read_text()
    output = run("import_methods", str(folder), "--publish")
    assert "1 ongewijzigd" in output
    page = MethodPage.objects.get(pk=page.pk)
    assert page.seo_title == "" and page.has_unpublished_changes and page.workflow_in_progress

    # A change in the file is saved as a new draft, still not published with --publish.
    path = folder / "girls-talk.md"
    path.write_text(path.read_text().replace("owner: Rutgers", "owner: Rutgers NL"))
    output = run("import_methods", str(folder), "--publish")
    assert "1 bijgewerkt" in output and "niet gepubliceerd: er staat al een concept" in output
    page = MethodPage.objects.get(pk=page.pk)
    assert page.seo_title == "" and page.workflow_in_progress
    assert page.get_latest_revision_as_object().seo_title == "Nog niet goedgekeurd"


def test_an_unpublished_page_stays_unpublished_unless_the_file_says_live_true(index, tmp_path):
    page = import_demo(index, tmp_path)
    page.unpublish()
    folder = export(tmp_path)
    path = folder / "girls-talk.md"
    assert "live: false" in path.read_text()
    assert "1 ongewijzigd" in run("import_methods", str(folder), "--publish")
    path.write_text(path.read_text().replace("owner: Rutgers", "owner: Rutgers NL"))
    assert "1 bijgewerkt" in run("import_methods", str(folder), "--publish")
    assert not MethodPage.objects.get(pk=page.pk).live

    path.write_text(path.read_text().replace("live: false", "live: true"))
    assert "1 bijgewerkt" in run("import_methods", str(folder))
    page = MethodPage.objects.get(pk=page.pk)
    assert page.live and page.owner_organisation.name == "Rutgers NL"

    path.write_text(path.read_text().replace("live: true", "live: false"))
    run("import_methods", str(folder))
    assert not MethodPage.objects.get(pk=page.pk).live


def test_the_admin_upload_refuses_a_change_of_publication(index, tmp_path):
    from moderation.importing import import_uploads
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.moderation.helpers import editor

    page = import_demo(index, tmp_path)
    user = editor()
    text = (export(tmp_path) / "girls-talk.md").read_text()
    report = import_uploads([SimpleUploadedFile("girls-talk.md", text.replace("live: true", "live: false").encode())],
                            user)
    assert report.rejected == ["girls-talk.md"]
    assert [(e.field, e.path) for e in report.errors] == [("live", "girls-talk.md")]
    assert MethodPage.objects.get(pk=page.pk).live

    report = import_uploads([SimpleUploadedFile("girls-talk.md", text.encode())], user)
    assert report.unchanged == ["girls-talk"]


def test_the_format_and_the_page_record_have_the_same_fields():
    assert [f.name for f in fmt.FIELDS] == list(fmt.FRONT_MATTER_KEYS)
