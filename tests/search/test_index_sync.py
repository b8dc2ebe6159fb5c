"""The engine's index follows the editors: publish, unpublish, move, delete, taxonomy,
organisation and synonym edits. Runs against the live engine only."""

import io

import pytest
from django.core.management import CommandError, call_command

from search.models import Synonym
from tests.factories.methods import (
    ExploitationFormFactory,
    MethodPageFactory,
    OrganisationFactory,
    method_index,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


@pytest.fixture
def indexed(live_engine):
    """A built (empty) index; returns a function giving the documents by page id."""
    from search.documents import index_alias
    from search.indexing import rebuild

    rebuild(quiet=True)

    def documents():
        conn = live_engine.client()
        conn.indices.refresh(index=index_alias())
        search = live_engine.dsl().Search(using=conn, index=index_alias()).params(size=1000)
        return {int(hit.meta.id): hit.to_dict() for hit in search.scan()}

    return documents


def api_titles(client, **params):
    return [r["title"] for r in client.get("/api/search/", params).json()["results"]]


def test_publish_and_unpublish(indexed, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = MethodPageFactory(title="Weerbaarheidstraining meiden", summary="Training voor meisjes.")
    assert indexed()[page.pk]["title"] == "Weerbaarheidstraining meiden"
    assert api_titles(client, q="weerbaarheidstraining") == ["Weerbaarheidstraining meiden"]

    page.title = "Weerbaarheidstraining voor meiden en jongens"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert indexed()[page.pk]["title"] == "Weerbaarheidstraining voor meiden en jongens"

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.pk not in indexed()
    assert api_titles(client, q="weerbaarheidstraining") == []


def test_drafts_never_reach_the_index(indexed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = MethodPageFactory(title="Concept", live=False)
    assert draft.pk not in indexed()


def test_move_updates_the_url_and_delete_removes(indexed, django_capture_on_commit_callbacks):
    from methods.models import MethodIndexPage

    with django_capture_on_commit_callbacks(execute=True):
        page = MethodPageFactory(title="Te verplaatsen", slug="te-verplaatsen")
    home = method_index().get_parent()
    other = MethodIndexPage(title="Archief", slug="archief")
    home.add_child(instance=other)
    other.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    assert indexed()[page.pk]["url"].endswith("/archief/te-verplaatsen/")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert page.pk not in indexed()


def test_taxonomy_and_organisation_edits_reach_their_methods(indexed, client, django_capture_on_commit_callbacks):
    form = ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")
    owner = OrganisationFactory(name="Stichting Oud")
    with django_capture_on_commit_callbacks(execute=True):
        page = MethodPageFactory(title="Keurmerk", forms_of_exploitation=[form], owner_organisation=owner)
    assert indexed()[page.pk]["forms_of_exploitation"] == ["arbeidsuitbuiting"]

    form.slug = "arbeidsuitbuiting-nieuw"
    form.name = "uitbuiting in arbeid"
    owner.name = "Stichting Nieuw"
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
        owner.save()
    doc = indexed()[page.pk]
    assert doc["forms_of_exploitation"] == ["arbeidsuitbuiting-nieuw"]
    assert "Stichting Nieuw" in doc["tags"]
    assert api_titles(client, vorm="arbeidsuitbuiting-nieuw") == ["Keurmerk"]

    with django_capture_on_commit_callbacks(execute=True):
        form.delete()
    assert indexed()[page.pk]["forms_of_exploitation"] == []


def test_synonyms_edited_in_the_admin_change_what_is_found(indexed, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        MethodPageFactory(title="Aanpak van ronselaars bij de schoolpoort", summary="Signaleren van ronselen.")
    assert api_titles(client, q="werver") == []
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(terms="ronselaar, werver")
    assert api_titles(client, q="werver") == ["Aanpak van ronselaars bij de schoolpoort"]


def test_rebuild_swaps_the_alias_and_removes_the_old_index(live_engine, client):
    from search.documents import index_alias
    from search.indexing import rebuild

    MethodPageFactory(title="Eerste")
    rebuild(quiet=True)
    conn = live_engine.client()
    first = set(conn.indices.get_alias(name=index_alias()))
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    second = set(conn.indices.get_alias(name=index_alias()))
    assert len(first) == len(second) == 1 and first != second
    assert not conn.indices.exists(index=first.pop())
    assert "1/1 documenten" in out.getvalue()
    assert api_titles(client, q="eerste") == ["Eerste"]


def test_status_reports_drift_and_sync_repairs_it(live_engine):
    from search.indexing import rebuild

    kept = MethodPageFactory(title="Blijft")
    gone = MethodPageFactory(title="Verdwijnt")
    rebuild(quiet=True)
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "Live methoden in de database: 2" in out.getvalue()
    assert "Documenten in de index" in out.getvalue() and ": 2" in out.getvalue()

    # Changes made while no engine was configured leave the index behind.
    live_engine_url = live_engine.client  # noqa: F841 - the engine stays up; only the signals are bypassed
    from django.test import override_settings

    with override_settings(SEARCH_URL=""):
        gone.unpublish()
        added = MethodPageFactory(title="Nieuw")
        kept.title = "Blijft, aangepast"
        kept.save_revision().publish()
    out = io.StringIO()
    with pytest.raises(CommandError, match="wijkt af"):
        call_command("search_index", "status", stdout=out)
    report = out.getvalue()
    assert "1 pagina's ontbreken in de index" in report and str(added.pk) in report
    assert "1 pagina's staan ten onrechte in de index" in report
    assert "1 pagina's zijn verouderd in de index" in report

    call_command("search_index", "sync", stdout=io.StringIO())
    call_command("search_index", "status", stdout=io.StringIO())  # no drift: no error


def test_a_stray_write_cannot_create_an_unmapped_index(live_engine, django_capture_on_commit_callbacks):
    """The first publish without any index builds a proper one instead of letting the engine
    auto-create an index with guessed mappings under the alias name."""
    from search.documents import index_alias

    with django_capture_on_commit_callbacks(execute=True):
        page = MethodPageFactory(title="Allereerste")
    conn = live_engine.client()
    assert conn.indices.exists_alias(name=index_alias())
    mapping = next(iter(conn.indices.get_mapping(index=index_alias()).values()))["mappings"]
    assert mapping["properties"]["forms_of_exploitation"]["type"] == "keyword"
    assert conn.get(index=index_alias(), id=page.pk)["found"]
