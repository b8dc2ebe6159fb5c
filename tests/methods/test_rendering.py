"""Every page type renders with the demo catalogue, and shows what a reader needs."""

import pytest
from django.test import Client

from methods.models import MethodPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


def test_home_page_offers_search_and_browsing(shared_demo, client):
    html = client.get("/").content.decode()
    assert '<html lang="nl"' in html
    assert 'href="#inhoud"' in html  # skip link
    assert 'name="q"' in html and "Zoek in 59 methoden" in html
    assert "/zoeken/?vorm=arbeidsuitbuiting" in html
    assert "/zoeken/?doelgroep=jongeren" in html
    assert "Nieuwste methoden" in html


def test_method_index_lists_all_methods_in_pages(shared_demo, client):
    first = client.get("/methoden/")
    assert first.status_code == 200
    assert "59 methoden" in first.content.decode()
    assert len(first.context["methods"]) == 20
    last = client.get("/methoden/?pagina=3")
    assert len(last.context["methods"]) == 19
    assert client.get("/methoden/?pagina=abc").context["methods"].number == 1
    assert client.get("/methoden/?pagina=999").context["methods"].number == 3


@pytest.mark.parametrize("slug", ["girls-talk", "merel-van-groningen-project", "rups-uitstapprogrammas-sekswerkers"])
def test_method_page_shows_the_standard_description(shared_demo, client, slug):
    page = MethodPage.objects.get(slug=slug)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "In het kort" in html and "Borging" in html and "Bronnen" in html
    for source in page.sources.all():
        assert source.url in html


def test_rated_method_shows_level_date_and_history(shared_demo, client):
    html = client.get("/methoden/girls-talk/").content.decode()
    assert "Goed onderbouwd" in html
    assert "14 april 2016" in html
    assert html.count("(huidig)") == 1
    # The source of the rating, by its domain; no internal note about how the date was stored.
    assert '>interventies.loketgezondleven.nl</a>' in html
    assert "eerste van die maand" not in html


def test_unrated_method_says_so_honestly(shared_demo, client):
    html = client.get("/methoden/buit-in-de-klas/").content.decode()
    assert "Niet beoordeeld" in html
    assert "niet beoordeeld door een erkenningscommissie" in html


def test_every_demo_method_renders(shared_demo, client):
    for page in MethodPage.objects.live():
        assert client.get(page.url).status_code == 200, page.slug


def test_unknown_page_is_a_friendly_404(shared_demo, client):
    response = client.get("/methoden/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_english_interface_on_request(shared_demo, client):
    client.post("/taal/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    # The English title and summary where they exist; the Dutch title and the Dutch
    # content are marked as Dutch so screen readers switch voice (WCAG 3.1.2).
    method = client.get("/methoden/girls-talk/").content.decode()
    assert "At a glance" in method
    assert '<h1 class="utrecht-heading-1" lang="en">Girls&#x27; Talk (group programme' in method
    assert '<p class="method__title-en" lang="nl">Girls&#x27; Talk (groepsprogramma' in method
