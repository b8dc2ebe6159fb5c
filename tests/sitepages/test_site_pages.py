"""The fixed pages: created by load_demo, linked from the footer and the evidence badges, editable."""

import re
import time

import pytest
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from methods.demo import load_demo
from methods.models import EvidenceLevel, MethodPage
from sitepages.demo import ensure_site_pages
from sitepages.models import STARTED_FIELD, TRAP_FIELD, ContactPage, InfoPage, _signer
from tests.factories.methods import MethodPageFactory, rating

pytestmark = pytest.mark.django_db

PATHS = {
    "/hoe-beoordelen-we-bewijs/": "Hoe beoordelen we bewijs?",
    "/over-de-catalogus/": "Over de catalogus",
    "/contact/": "Contact",
    "/privacy/": "Privacy en cookies",
    "/toegankelijkheidsverklaring/": "Toegankelijkheidsverklaring",
}


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def site(db):
    """The fixed pages as load_demo creates them, and two methods (one rated)."""
    created = ensure_site_pages()
    MethodPageFactory(slug="girls-talk", title="Girls' Talk", ratings=[rating()])
    MethodPageFactory(slug="onbeoordeeld", title="Nog een methode")
    return created


def test_every_fixed_page_is_reachable_from_the_footer(site, client):
    html = client.get("/methoden/girls-talk/").content.decode()
    footer = html[html.index("<footer"):]
    for path, title in PATHS.items():
        assert f'href="{path}"' in footer
        page = client.get(path)
        assert page.status_code == 200
        assert f"<h1 class=\"utrecht-heading-1\">{title}</h1>" in page.content.decode()


def test_evidence_page_explains_every_level_and_where_they_come_from(site, client):
    html = client.get("/hoe-beoordelen-we-bewijs/").content.decode()
    for level in EvidenceLevel:
        assert f"<h3>{level.label}</h3>" in html
    assert "Niet beoordeeld betekent niet dat de methode niet werkt" in html
    for source in ("Erkenningscommissie", "Nederlands Jeugdinstituut (NJi)", "Movisie", "Loket Gezond Leven"):
        assert source in html


@pytest.mark.parametrize("path", ["/methoden/girls-talk/", "/methoden/", "/", "/zoeken/?q=methode"])
def test_evidence_badges_link_to_the_explanation(site, client, path):
    html = client.get(path).content.decode()
    badges = re.findall(r'(<a class="evidence-badge-link" href="([^"]+)">)?<span class="evidence-badge ', html)
    assert badges, "no evidence badge on the page"
    assert all(href == "/hoe-beoordelen-we-bewijs/" for _a, href in badges)


def test_accessibility_statement_names_the_automated_audit_and_no_manual_one(site, client):
    html = client.get("/toegankelijkheidsverklaring/").content.decode()
    assert "make a11y" in html and "axe-core" in html
    assert "eerste maatregelen genomen" in html
    assert "nog geen volledig onderzoek" in html


def test_loading_again_never_overwrites_an_editors_changes(site):
    page = InfoPage.objects.get(role="privacy")
    page.title = "Privacyverklaring"
    page.body = "<p>Door de redactie herschreven.</p>"
    page.save_revision().publish()
    contact = ContactPage.objects.get()
    contact.unpublish()
    revisions = page.revisions.count()

    assert ensure_site_pages() == []

    page.refresh_from_db()
    assert page.title == "Privacyverklaring" and "herschreven" in page.body
    assert page.revisions.count() == revisions
    assert InfoPage.objects.filter(role="privacy").count() == 1
    assert ContactPage.objects.count() == 1 and not ContactPage.objects.get().live


def test_load_demo_creates_the_pages_and_brings_a_deleted_one_back(demo_catalogue):
    assert InfoPage.objects.live().count() == 4 and ContactPage.objects.live().count() == 1
    InfoPage.objects.get(role="evidence").delete()
    load_demo()
    assert InfoPage.objects.filter(role="evidence", live=True).count() == 1


def _form_data(**extra):
    data = {
        "waar_gaat_uw_bericht_over": "Een methode voorstellen",
        "uw_bericht": "Kent u de methode X? Zie de website van de aanbieder.",
        "e_mailadres": "redactie-test@example.nl",
        TRAP_FIELD: "",
        STARTED_FIELD: _signer.sign(str(int(time.time()) - 30)),
    }
    data.update(extra)
    return data


def test_a_proposal_reaches_the_redactie(site, client):
    response = client.post("/contact/", _form_data())
    assert response.status_code == 200
    assert "Bericht verstuurd" in response.content.decode()
    submission = FormSubmission.objects.get()
    data = submission.get_data()
    assert data["uw_bericht"].startswith("Kent u de methode X?")
    assert TRAP_FIELD not in data and STARTED_FIELD not in data


@pytest.mark.parametrize("spam, message", [
    ({TRAP_FIELD: "http://spam.example"}, "Laat het verborgen veld leeg"),
    ({STARTED_FIELD: ""}, "niet volledig geladen"),
    ({STARTED_FIELD: "123:forged"}, "niet volledig geladen"),
    ({STARTED_FIELD: lambda: _signer.sign(str(int(time.time())))}, "Dat ging wel erg snel"),
    ({STARTED_FIELD: lambda: _signer.sign(str(int(time.time()) - 3 * 24 * 3600))}, "Het formulier is verlopen"),
])
def test_spam_is_refused_with_a_clear_message(site, client, spam, message):
    spam = {key: value() if callable(value) else value for key, value in spam.items()}
    response = client.post("/contact/", _form_data(**spam))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert FormSubmission.objects.count() == 0


def test_missing_message_is_linked_to_its_field(site, client):
    html = client.post("/contact/", _form_data(uw_bericht="")).content.decode()
    assert 'id="id_uw_bericht-error"' in html
    assert re.search(r'<textarea[^>]*aria-describedby="id_uw_bericht-help id_uw_bericht-error"', html)
    assert FormSubmission.objects.count() == 0


def test_editors_see_submissions_in_the_admin(site, client, django_user_model):
    client.post("/contact/", _form_data())
    client.force_login(django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "pw"))
    page = ContactPage.objects.get()
    html = client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    assert "Kent u de methode X?" in html


def test_home_title_names_the_site_once(site, client):
    html = client.get("/").content.decode()
    assert re.search(r"<title>\s*Preventiecatalogus Mensenhandel\s*</title>", html)
    assert "<title>Over de catalogus | Preventiecatalogus Mensenhandel</title>" in client.get(
        "/over-de-catalogus/").content.decode()


def test_language_switch_is_a_shareable_link(site, client):
    html = client.get("/methoden/girls-talk/").content.decode()
    assert 'href="/taal/en/?next=/methoden/girls-talk/"' in html
    response = client.get("/taal/en/?next=/methoden/girls-talk/")
    assert response.status_code == 302 and response["Location"] == "/methoden/girls-talk/"
    assert client.get("/methoden/girls-talk/").headers["Content-Language"] == "en"
    # Never an open redirect; unknown languages are a 404.
    assert client.get("/taal/nl/?next=https://evil.example/")["Location"] == "/"
    assert client.get("/taal/fr/").status_code == 404


def test_method_pages_still_render_with_badges(site, client):
    page = MethodPage.objects.get(slug="girls-talk")
    assert client.get(page.url).status_code == 200


def test_search_filters_sit_behind_a_disclosure_that_needs_no_javascript(site, client):
    html = client.get("/zoeken/?q=methode&bewijs=goed-onderbouwd").content.decode()
    details = html[html.index('<details class="filters-disclosure">'):]
    assert re.match(r'<details class="filters-disclosure">\s*<summary class="filters-disclosure__summary">Filters</summary>',
                    details)
    assert details.index('id="search-filters"') < details.index("</details>")
    # The filters are still plain GET inputs: their state lives in the URL.
    assert re.search(r'<input[^>]*name="bewijs"[^>]*value="goed-onderbouwd"[^>]*checked', html)
