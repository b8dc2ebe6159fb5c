"""The demo catalogue: complete, faithful to the data, idempotent, all-or-nothing."""

import datetime
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from home.models import HomePage
from methods.demo import DEMO_DATA, ensure_page_tree, load_taxonomies
from methods.models import DemoMethod, EvidenceLevel, MethodPage, RatingRecord

SLUGS = sorted(p.stem for p in (DEMO_DATA / "methods").glob("*.md"))


def test_the_project_ships_all_59_methods():
    assert len(SLUGS) == 59


@pytest.mark.django_db
def test_load_demo_builds_every_method_with_its_slug(demo_catalogue):
    pages = MethodPage.objects.live()
    assert pages.count() == 59
    assert sorted(pages.values_list("slug", flat=True)) == SLUGS
    assert demo_catalogue.counts == {"created": 59, "updated": 0, "unchanged": 0, "rejected": 0, "skipped": 0}
    # Each recorded as load_demo left it, so a later run can tell whether an editor touched it.
    assert sorted(DemoMethod.objects.filter(page__live=True).values_list("slug", flat=True)) == SLUGS


@pytest.mark.django_db
def test_a_second_run_changes_nothing(demo_catalogue, capsys):
    revisions_before = {p.pk: p.latest_revision_id for p in MethodPage.objects.all()}
    call_command("load_demo")
    assert "0 nieuw, 0 bijgewerkt, 59 ongewijzigd, 0 afgewezen, 0 overgeslagen" in capsys.readouterr().out
    assert {p.pk: p.latest_revision_id for p in MethodPage.objects.all()} == revisions_before


# The shared data sits beside the checkout (/work/main -> /work/shared); a helper's
# worktree is one level deeper.
_REPO = Path(__file__).resolve().parents[2]
SEED = next((p for p in (_REPO.parent / "shared" / "data" / "seed-catalogue.json",
                         _REPO.parent.parent / "shared" / "data" / "seed-catalogue.json") if p.exists()),
            _REPO.parent / "shared" / "data" / "seed-catalogue.json")


@pytest.mark.django_db
def test_evidence_is_only_mapped_where_the_source_names_a_level(demo_catalogue):
    rated = dict(MethodPage.objects.exclude(evidence_level=EvidenceLevel.NOT_ASSESSED)
                 .values_list("slug", "evidence_level"))
    if SEED.exists():  # the shared data sits beside the checkout in CI and for developers
        seed = {entry["slug"]: entry for entry in json.loads(SEED.read_text())}
        assert set(rated) == {slug for slug, entry in seed.items() if entry.get("rating")}
    assert rated == {
        "girls-talk": EvidenceLevel.WELL_FOUNDED,
        "lang-leve-de-liefde": EvidenceLevel.GOOD_INDICATIONS,
        "merel-van-groningen-project": EvidenceLevel.WELL_DESCRIBED,
        "toolkit-love-online": EvidenceLevel.WELL_FOUNDED,
    }


@pytest.mark.django_db
def test_ratings_carry_the_date_and_source_the_data_gives(demo_catalogue):
    girls_talk = MethodPage.objects.get(slug="girls-talk").ratings.get()
    assert girls_talk.date == datetime.date(2016, 4, 14)
    assert girls_talk.valid_until is None  # the data gives none; none is made up
    assert girls_talk.source_url.startswith("https://interventies.loketgezondleven.nl/")
    # The other three: no date in the data, so none on the page.
    undated = RatingRecord.objects.exclude(page__slug="girls-talk")
    assert undated.count() == 3 and not undated.exclude(date=None).exists()
    assert not undated.filter(source_url="").exists()


@pytest.mark.django_db
def test_every_field_of_the_data_reaches_the_pages(demo_catalogue):
    if not SEED.exists():
        pytest.skip("the shared seed is not beside this checkout")
    pages = {page.slug: page for page in MethodPage.objects.select_related("cost_band")}
    for entry in json.loads(SEED.read_text()):
        page = pages[entry["slug"]]
        for seed_key, field in [("problem", "problem"), ("goals", "goals"), ("approach", "approach"),
                                ("delivery", "delivery"), ("training", "training"),
                                ("evaluation", "evaluation"), ("embedding_notes", "embedding_notes"),
                                ("costs", "costs"), ("website", "website"),
                                ("contact_org", "contact_organisation"),
                                ("details_confidence", "details_confidence"),
                                ("age_min", "age_from"), ("age_max", "age_to"), ("status", "status")]:
            gap = None if field in ("age_from", "age_to") else ""  # not in the data: left empty
            assert getattr(page, field) == entry.get(seed_key, gap), (entry["slug"], field)
        assert [s.url for s in page.sources.all()] == entry["sources"]
        assert bool(page.cost_band) == bool(entry.get("cost_band"))
        # Reviewed when the data was (its README: December 2026), not when it was loaded.
        assert page.last_reviewed == datetime.date(2026, 12, 1)
    assert pages["terre-des-hommes-watch-sweetie"].ended_year == 2021
    assert pages["rups-uitstapprogrammas-sekswerkers"].ended_year is None  # the data gives no end year


@pytest.mark.django_db
def test_no_english_fragments_in_the_dutch_evidence_notes(demo_catalogue):
    notes = MethodPage.objects.values_list("slug", "evidence_note")
    assert [slug for slug, note in notes if re.search(r"\b(not rated|rated|evaluated)\b", note, re.I)] == []
    assert MethodPage.objects.get(slug="rups-uitstapprogrammas-sekswerkers").evidence_note.startswith("Geëvalueerd:")


@pytest.mark.django_db
def test_a_broken_file_stops_the_load_with_file_and_field_and_writes_nothing(tmp_path):
    data = tmp_path / "demo"
    shutil.copytree(DEMO_DATA, data)
    broken = data / "methods" / "girls-talk.md"
    broken.write_text(broken.read_text().replace("summary: ", "summry: ", 1))
    with pytest.raises(CommandError) as error:
        call_command("load_demo", data=str(data))
    message = str(error.value)
    assert "girls-talk.md" in message and "summary" in message
    assert MethodPage.objects.count() == 0


@pytest.mark.django_db
def test_malformed_yaml_is_reported_not_raised(tmp_path):
    data = tmp_path / "demo"
    shutil.copytree(DEMO_DATA, data)
    (data / "methods" / "kapot.md").write_text("---\nslug: [unclosed\n---\n")
    with pytest.raises(CommandError) as error:
        call_command("load_demo", data=str(data))
    assert "kapot.md" in str(error.value)
    assert MethodPage.objects.count() == 0


# load_demo on a site where editors have worked (issue 9): it updates only the demo
# methods it wrote itself and nobody touched since, and says what it skipped and why.

SMALL = ["girls-talk", "fairwork", "buit-in-de-klas", "chat-met-fier", "barrieremodel-mensenhandel"]


@pytest.fixture
def small_demo(tmp_path):
    """A demo data folder with five of the real methods; returns a loader printing the report."""
    data = tmp_path / "demo"
    (data / "methods").mkdir(parents=True)
    shutil.copy(DEMO_DATA / "taxonomies.yaml", data)
    for slug in SMALL:
        shutil.copy(DEMO_DATA / "methods" / f"{slug}.md", data / "methods")

    def load():
        out = StringIO()
        call_command("load_demo", data=str(data), stdout=out)
        return out.getvalue()

    load.data = data
    return load


def newer_demo_file(data, slug, live=None):
    """What a newer version of the demo data does to a method: a new summary (and a live key)."""
    path = data / "methods" / f"{slug}.md"
    text = re.sub(r"^summary: .*$", f"summary: Nieuwe demotekst voor {slug}.", path.read_text(), count=1,
                  flags=re.MULTILINE)
    if live is not None:
        text = text.replace(f"slug: {slug}\n", f"slug: {slug}\nlive: {str(live).lower()}\n", 1)
    path.write_text(text)


def page(slug):
    return MethodPage.objects.get(slug=slug)


@pytest.mark.django_db
def test_load_demo_on_an_edited_site_changes_nothing_an_editor_touched(small_demo):
    from tests.moderation.helpers import editor, moderator

    small_demo()
    user, chief = editor(), moderator()
    edited = page("girls-talk").get_latest_revision_as_object()
    edited.summary = "Door de redactie herschreven."
    edited.save_revision(user=user).publish(user=chief)
    page("fairwork").unpublish(user=chief)
    page("buit-in-de-klas").unpublish(user=chief)
    draft = page("chat-met-fier").get_latest_revision_as_object()
    draft.seo_title = "Nog niet goedgekeurd"
    draft.save_revision(user=user)
    page("chat-met-fier").get_workflow().start(page("chat-met-fier"), user=user)
    # A newer demo data version changes every method; one file even says live: true.
    for slug in SMALL:
        newer_demo_file(small_demo.data, slug, live=True if slug == "fairwork" else None)
    revisions = {slug: page(slug).revisions.count() for slug in SMALL}

    out = small_demo()

    assert page("girls-talk").summary == "Door de redactie herschreven."
    assert page("girls-talk").get_latest_revision_as_object().summary == "Door de redactie herschreven."
    assert not page("fairwork").live and not page("buit-in-de-klas").live
    chat = page("chat-met-fier")
    assert chat.seo_title == "" and chat.workflow_in_progress and chat.has_unpublished_changes
    assert chat.get_latest_revision_as_object().seo_title == "Nog niet goedgekeurd"
    for slug in SMALL[:4]:
        assert page(slug).revisions.count() == revisions[slug], slug
    assert "girls-talk: overgeslagen, door de redactie bewerkt sinds de vorige demolading" in out
    assert "fairwork: overgeslagen, door de redactie offline gehaald sinds de vorige demolading" in out
    assert "buit-in-de-klas: overgeslagen, door de redactie offline gehaald sinds de vorige demolading" in out
    assert "chat-met-fier: overgeslagen, er staat een concept ter beoordeling" in out
    # The one nobody touched does follow the newer file.
    assert "1 bijgewerkt, 0 ongewijzigd, 0 afgewezen, 4 overgeslagen" in out
    assert "bijgewerkt: barrieremodel-mensenhandel" in out
    untouched = page("barrieremodel-mensenhandel")
    assert untouched.live and untouched.summary == "Nieuwe demotekst voor barrieremodel-mensenhandel."


@pytest.mark.django_db
def test_an_untouched_demo_method_follows_a_newer_demo_file_and_stays_ours(small_demo):
    small_demo()
    before = page("girls-talk").revisions.count()
    newer_demo_file(small_demo.data, "girls-talk")
    assert "1 bijgewerkt, 4 ongewijzigd, 0 afgewezen, 0 overgeslagen" in small_demo()
    updated = page("girls-talk")
    assert updated.live and not updated.has_unpublished_changes
    assert updated.summary == "Nieuwe demotekst voor girls-talk." and updated.revisions.count() == before + 1
    # What this run wrote is what the next compares with: still untouched, not skipped.
    path = small_demo.data / "methods" / "girls-talk.md"
    path.write_text(path.read_text().replace("Nieuwe demotekst", "Derde demotekst"))
    assert "1 bijgewerkt, 4 ongewijzigd, 0 afgewezen, 0 overgeslagen" in small_demo()
    assert page("girls-talk").summary == "Derde demotekst voor girls-talk."


@pytest.mark.django_db
def test_a_deleted_or_renamed_demo_method_does_not_come_back(small_demo):
    small_demo()
    page("girls-talk").delete()
    renamed = page("fairwork").get_latest_revision_as_object()
    renamed.slug = "fairwork-nl"
    renamed.save_revision().publish()
    out = small_demo()
    assert not MethodPage.objects.filter(slug__in=["girls-talk", "fairwork"]).exists()
    assert MethodPage.objects.filter(slug="fairwork-nl").count() == 1
    assert "girls-talk: overgeslagen, door de redactie verwijderd; wordt niet opnieuw aangemaakt" in out
    assert "fairwork: overgeslagen, door de redactie verplaatst of van slug veranderd" in out


@pytest.mark.django_db
def test_a_page_load_demo_did_not_write_is_left_alone(small_demo):
    from tests.factories.methods import MethodPageFactory

    load_taxonomies(DEMO_DATA / "taxonomies.yaml")
    own = MethodPageFactory(parent=ensure_page_tree(), slug="girls-talk", title="Eigen Girls' Talk",
                            summary="Van de redactie.")
    out = small_demo()
    own.refresh_from_db()
    assert own.title == "Eigen Girls' Talk" and own.summary == "Van de redactie." and own.revisions.count() == 1
    assert ("girls-talk: overgeslagen, bestond al, maar is niet door load_demo aangemaakt "
            "(of van vóór de registratie); blijft van de redactie") in out
    assert "4 nieuw" in out and "begint met een lege database" in out


@pytest.mark.django_db
def test_the_home_intro_is_written_once_never_over_an_editors_choice(small_demo):
    home = HomePage.objects.get()
    home.intro = ""
    home.save_revision().publish()  # an editor emptied the intro on purpose
    small_demo()
    home.refresh_from_db()
    assert home.intro == "" and home.revisions.count() == 1


@pytest.mark.django_db
def test_a_renamed_taxonomy_item_is_neither_duplicated_nor_fatal(small_demo):
    from methods.models import ExploitationForm

    small_demo()
    term = ExploitationForm.objects.get(slug="seksuele-uitbuiting")
    term.slug = "seksuele-uitbuiting-nl"  # an editor's choice; the name still matches the demo data
    term.save()
    small_demo()
    assert list(ExploitationForm.objects.filter(name__iexact="seksuele uitbuiting").values_list("slug", flat=True)) \
        == ["seksuele-uitbuiting-nl"]
