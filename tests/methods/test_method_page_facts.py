"""What a policy officer reads on a method page: status, cost, contact, sections, ratings
with their date and source, in the reader's language. All from the demo catalogue."""

import re

import pytest
from django.test import Client

from methods.models import MethodPage

pytestmark = pytest.mark.django_db

SECTIONS = {"aanleiding": "problem", "doelen": "goals", "aanpak": "approach", "uitvoering": "delivery",
            "training": "training", "evaluatie": "evaluation", "borging": "embedding_notes"}


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """Every demo page rendered once (Dutch and English), for tests that only read them."""
    from methods.demo import load_demo

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo()
            client = Client()
            dutch = {p.slug: client.get(p.url).content.decode() for p in MethodPage.objects.live()}
            client.post("/taal/", {"language": "en", "next": "/"})
            english = {p.slug: client.get(p.url).content.decode()
                       for p in MethodPage.objects.filter(slug__in=["girls-talk", "terre-des-hommes-watch-sweetie"])}
            facts = {p.slug: p for p in MethodPage.objects.select_related("cost_band")}
            transaction.set_rollback(True)
    return dutch, english, facts


def glance(html, label):
    """The at-a-glance value for one label, as text."""
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", html, re.S)
    assert match, label
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_the_four_rated_methods_show_their_level_and_the_date_the_data_gives(pages):
    dutch, _, _ = pages
    assert glance(dutch["girls-talk"], "Bewijs").startswith("Goed onderbouwd · 14 april 2016")
    assert glance(dutch["lang-leve-de-liefde"], "Bewijs").startswith("Effectief volgens goede aanwijzingen")
    assert glance(dutch["toolkit-love-online"], "Bewijs").startswith("Goed onderbouwd")
    assert glance(dutch["merel-van-groningen-project"], "Bewijs").startswith("Goed beschreven")
    assert glance(dutch["buit-in-de-klas"], "Bewijs").startswith("Niet beoordeeld")


def test_a_ten_year_old_rating_without_valid_until_is_flagged(pages):
    dutch, _, _ = pages
    assert "jaar oud en heeft geen einddatum" in glance(dutch["girls-talk"], "Bewijs")
    assert "geen einddatum" not in glance(dutch["toolkit-love-online"], "Bewijs")  # undated: no age to flag


def test_ended_programmes_say_so_with_the_year_where_the_data_has_it(pages):
    dutch, _, _ = pages
    assert glance(dutch["terre-des-hommes-watch-sweetie"], "Status") == "Beëindigd in 2021"
    rups = glance(dutch["rups-uitstapprogrammas-sekswerkers"], "Status")
    assert rups.startswith("Beëindigd") and "1 januari 2021" in rups and "DUUP" in rups
    assert glance(dutch["helpwanted"], "Status") == "Actief"
    assert glance(dutch["buit-in-de-klas"], "Status") == "Niet vermeld"  # the data does not say


def test_costs_show_band_and_the_sources_words_or_ask_the_redactie(pages):
    dutch, _, facts = pages
    cost = glance(dutch["zorgcoordinatie-mensenhandel"], "Kosten")
    assert cost.startswith("€ 1.000 – € 10.000: Voorbeeld: de gemeente Moerdijk betaalde in 2020")
    assert "4.218 euro" in cost
    assert glance(dutch["helpwanted"], "Kosten") == "Gratis: Hulp is gratis en anoniem."
    unknown = glance(dutch["buit-in-de-klas"], "Kosten")
    assert unknown.startswith("Onbekend.") and "redactie" in unknown
    with_costs = [slug for slug, html in dutch.items() if not glance(html, "Kosten").startswith("Onbekend")]
    assert len(with_costs) == sum(1 for p in facts.values() if p.costs or p.cost_band) == 20


def test_contact_names_the_organisation_and_links_its_website(pages):
    dutch, _, _ = pages
    html = dutch["girls-talk"]
    assert glance(html, "Contact").startswith("Rutgers")
    assert '<a class="utrecht-link" href="https://www.nji.nl/interventies/girls-talk">Website: nji.nl</a>' in html
    assert glance(dutch["chat-met-fier"], "Contact") == "Fier"
    assert glance(html, "Laatst bekeken") == "december 2026"
    assert glance(html, "Training of licentie") == "Zie ‘Training en licentie’"


def test_every_page_shows_the_sections_its_data_has(pages):
    dutch, _, facts = pages
    for slug, html in dutch.items():
        page = facts[slug]
        for anchor, field in SECTIONS.items():
            has = f'id="{anchor}"' in html
            expected = bool(getattr(page, field)) or (anchor == "evaluatie" and page.evaluations.exists())
            assert has == expected or anchor == "borging", (slug, anchor)


def test_sources_read_as_domains_not_bare_urls(pages):
    dutch, _, _ = pages
    html = dutch["girls-talk"]
    assert '<a class="utrecht-link" href="https://www.movisie.nl/interventie/girls-talk">movisie.nl</a>' in html
    assert ">https://" not in html


def test_no_english_fragments_on_dutch_pages(pages):
    dutch, _, _ = pages
    offending = [slug for slug, html in dutch.items()
                 if re.search(r"\b(not rated|not independently rated|evaluated:)", html, re.I)]
    assert offending == []


def test_english_interface_shows_english_summary_and_marks_dutch_text(pages):
    _, english, facts = pages
    html = english["terre-des-hommes-watch-sweetie"]
    page = facts["terre-des-hommes-watch-sweetie"]
    assert f'lang="en">{page.summary_en[:40]}' in html.replace("&#x27;", "'")
    assert page.summary[:40] not in html
    assert '<div lang="nl"><p>Webcamseks met kinderen' in html  # the Dutch sections say they are Dutch


def test_a_method_without_organisation_or_website_still_renders(client):
    from tests.factories.methods import MethodPageFactory

    page = MethodPageFactory(title="Zonder aanbieder", summary="Niemand bekend.")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Niet vermeld" in response.content.decode()
