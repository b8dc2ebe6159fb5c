"""The fixed pages of the demo site, created once and then left to the redactie.

Rule (shared with methods.demo): create what is missing, never overwrite or
republish a page an editor may have changed. A page counts as present when a
page of its type with its role (or, for the contact form, any contact page)
exists anywhere, live or not, so a page an editor moved, renamed or
unpublished stays as they left it.
"""

import datetime

from django.utils.formats import date_format
from django.utils.html import escape

from home.models import HomePage
from methods.models import EvidenceLevel

from .models import ContactFormField, ContactPage, InfoPage, Role

# Plain-Dutch explanation of each level of the ladder (methods.models.evidence).
LEVEL_TEXTS = {
    EvidenceLevel.NOT_ASSESSED: (
        "Geen van de databanks heeft deze methode beoordeeld, of de redactie kent zo'n oordeel niet. "
        "<strong>Niet beoordeeld betekent niet dat de methode niet werkt.</strong> Het betekent alleen dat "
        "niemand het volgens de erkenningssystematiek heeft onderzocht. Veel preventiemethoden tegen "
        "mensenhandel zijn nieuw of klein en zijn nooit ter beoordeling aangeboden."
    ),
    EvidenceLevel.WELL_DESCRIBED: (
        "De methode is volledig en helder beschreven: voor wie ze is, wat ze wil bereiken en hoe ze wordt "
        "uitgevoerd. Zo kan een andere organisatie haar op dezelfde manier uitvoeren. Over het effect zegt dit "
        "niveau nog niets."
    ),
    EvidenceLevel.WELL_FOUNDED: (
        "Goed beschreven, en een erkenningscommissie vindt de onderbouwing sterk: er is goed uitgelegd waarom "
        "de aanpak zou moeten werken, met theorie en eerder onderzoek. Dat de methode in de praktijk effect "
        "heeft, is nog niet aangetoond."
    ),
    EvidenceLevel.FIRST_INDICATIONS: (
        "Goed onderbouwd, en onderzoek in de praktijk laat eerste aanwijzingen zien dat de methode werkt, "
        "bijvoorbeeld een meting voor en na de uitvoering. Er is nog geen vergelijking met een groep die de "
        "methode niet kreeg."
    ),
    EvidenceLevel.GOOD_INDICATIONS: (
        "Onderzoek met een vergelijkings- of controlegroep laat zien dat de methode effect heeft."
    ),
    EvidenceLevel.STRONG_INDICATIONS: (
        "Meerdere goede onderzoeken met een controlegroep laten effect zien, ook op langere termijn. "
        "Dit is het hoogste niveau."
    ),
}


def evidence_body():
    levels = "".join(
        f"<h3>{escape(str(level.label))}</h3><p>{LEVEL_TEXTS[level]}</p>" for level in EvidenceLevel
    )
    return (
        "<p>Bij elke methode in de catalogus ziet u een bewijsniveau. Dat niveau zegt hoe goed bekend is "
        "dat een methode werkt. De niveaus komen uit de erkenningssystematiek die Nederlandse "
        "kennisinstituten samen gebruiken. De catalogus geeft zelf geen oordeel: de redactie neemt het "
        "niveau over dat een databank heeft vastgesteld, met de datum en de bron.</p>"
        "<h2>Waar komen de niveaus vandaan?</h2>"
        "<ul>"
        "<li><strong>De erkenningscommissies</strong> (Erkenningscommissie Interventies) beoordelen methoden "
        "die bij een kennisinstituut zijn aangemeld. Voor methoden voor jeugd en opvoeding loopt dat via het "
        "Nederlands Jeugdinstituut (NJi) en zijn Databank Effectieve Jeugdinterventies.</li>"
        "<li><strong>Movisie</strong> beheert de Databank Effectieve sociale interventies, voor het sociaal "
        "domein.</li>"
        "<li><strong>Loket Gezond Leven</strong> van het RIVM (Centrum Gezond Leven) toont erkende "
        "interventies voor gezondheid en preventie.</li>"
        "</ul>"
        "<p>Een oordeel geldt voor een bepaalde tijd. Daarom ziet u bij een niveau de datum van het oordeel, "
        "en een waarschuwing als het oordeel is verlopen. De precieze eisen per niveau staan bij de databanks "
        "zelf.</p>"
        "<h2>De niveaus, van laag naar hoog</h2>"
        f"{levels}"
        "<h2>Klopt een niveau niet?</h2>"
        "<p>Heeft een methode een oordeel dat hier ontbreekt of niet klopt? Laat het de redactie weten via "
        '<a href="/contact/">het contactformulier</a>, met de bron.</p>'
    )


def accessibility_body(today):
    return (
        "<p>Wij willen dat iedereen deze catalogus kan gebruiken, ook mensen met een beperking. "
        "Deze verklaring volgt de opbouw van het landelijke model voor een toegankelijkheidsverklaring.</p>"
        "<h2>Over welke website gaat het?</h2>"
        "<p>Deze verklaring gaat over de openbare pagina's van de Preventiecatalogus Mensenhandel: de "
        "startpagina, de methoden, het zoeken, de praktijkresultaten en de vaste pagina's. De "
        "beheeromgeving voor de redactie valt er niet onder.</p>"
        "<h2>Aan welke eisen wij willen voldoen</h2>"
        "<p>De norm is EN 301 549, die de succescriteria van WCAG 2.1 op niveau A en AA omvat.</p>"
        "<h2>Nalevingsstatus: eerste maatregelen genomen</h2>"
        "<p>Er is nog geen volledig onderzoek gedaan door een onafhankelijke deskundige. Wij kunnen dus nog "
        "niet verklaren dat de website volledig of gedeeltelijk aan de eisen voldoet. Wel testen wij elke "
        "wijziging automatisch.</p>"
        "<h2>Hoe wij testen</h2>"
        "<p>Bij elke wijziging aan de website draait een automatische test (<code>make a11y</code>). Die opent "
        "de belangrijkste pagina's in een browser en controleert ze met axe-core, een veelgebruikte "
        "testbibliotheek voor toegankelijkheid. De test controleert ook of de pagina's met het toetsenbord "
        "te bedienen zijn, of de link naar de inhoud werkt en of de pagina's op een smal scherm van 320 "
        "pixels passen zonder horizontaal te scrollen. Een wijziging waarbij de test een fout vindt, wordt "
        "niet doorgevoerd.</p>"
        "<p>Automatische tests vinden maar een deel van de problemen. Een onderzoek door een deskundige, met "
        "hulpsoftware zoals schermlezers, is nog niet gedaan.</p>"
        "<h2>Bekende beperkingen</h2>"
        "<p>Documenten die bij een methode zijn geplaatst (zoals pdf-bestanden van andere organisaties) zijn "
        "niet door ons gecontroleerd. Links naar andere websites vallen buiten deze verklaring.</p>"
        "<h2>Loopt u tegen een probleem aan?</h2>"
        '<p>Kunt u iets niet lezen of gebruiken? Meld het via <a href="/contact/">het contactformulier</a>. '
        "Beschrijf op welke pagina het was en wat er misging. De redactie reageert zo snel mogelijk.</p>"
        "<p>Bent u niet tevreden over de reactie? Dan kunt u een klacht indienen bij de organisatie die de "
        "catalogus beheert. Daarna kunt u terecht bij de Nationale ombudsman.</p>"
        f"<h2>Over deze verklaring</h2><p>Deze verklaring is opgesteld op {escape(today)}.</p>"
    )


PRIVACY_BODY = (
    "<p>Op deze pagina leest u welke gegevens de Preventiecatalogus Mensenhandel verwerkt en waarom. "
    "U kunt de catalogus lezen en doorzoeken zonder iets over uzelf te vertellen.</p>"
    "<h2>Geen volgcookies, geen diensten van anderen</h2>"
    "<p>De website gebruikt geen analysecookies, geen advertenties en geen diensten van andere partijen. "
    "Alle bestanden (zoals lettertypen, stijlen en scripts) komen van deze website zelf. Daarom vragen wij "
    "geen toestemming voor cookies.</p>"
    "<h2>Welke cookies wij plaatsen</h2>"
    "<ul>"
    "<li><strong>django_language</strong>: alleen als u voor Engels (of terug naar Nederlands) kiest. "
    "Het onthoudt uw taalkeuze.</li>"
    "<li><strong>csrftoken</strong>: op pagina's met een formulier, zoals het contactformulier. Het "
    "beschermt het formulier tegen misbruik door andere websites.</li>"
    "<li><strong>sessionid</strong> en <strong>messages</strong>: alleen voor redacteuren die zijn "
    "ingelogd in de beheeromgeving.</li>"
    "</ul>"
    "<p>Dit zijn functionele cookies. Ze bevatten geen gegevens waarmee u over websites heen te volgen "
    "bent.</p>"
    "<h2>Logbestanden</h2>"
    "<p>Zoals elke webserver kan de server van de catalogus technische gegevens van een verzoek vastleggen, "
    "zoals het IP-adres, het tijdstip en de opgevraagde pagina. Die gegevens worden alleen gebruikt om "
    "storingen en misbruik op te sporen. De website zelf legt in haar logboek alleen fouten en "
    "waarschuwingen vast.</p>"
    "<h2>Inloggen in de beheeromgeving</h2>"
    "<p>Om het raden van wachtwoorden te stoppen, onthoudt de website mislukte inlogpogingen: de "
    "gebruikersnaam, het IP-adres en het tijdstip. Na vijf mislukte pogingen wordt inloggen vijftien minuten "
    "geweigerd. Na die vijftien minuten worden de pogingen gewist; een beheerder kan ze eerder wissen.</p>"
    "<h2>Het contactformulier</h2>"
    "<p>Als u een methode voorstelt of een praktijkresultaat meldt, bewaren wij wat u invult: uw bericht "
    "en, als u die geeft, uw naam, organisatie en e-mailadres. Alleen de redactie kan deze berichten lezen, "
    "in de beheeromgeving. Wij gebruiken uw gegevens alleen om uw bericht te behandelen en u zo nodig te "
    "antwoorden. Een bericht blijft bewaard tot de redactie het verwijdert; u kunt via het formulier vragen "
    "om verwijdering.</p>"
    "<h2>E-mailberichten over een zoekopdracht</h2>"
    "<p>Op de zoekpagina kunt u zich aanmelden voor een e-mail bij nieuwe methoden voor een zoekopdracht. "
    "U heeft daarvoor geen account nodig. Wij bewaren alleen uw e-mailadres, de zoekopdracht en wanneer "
    "u zich aanmeldde, bevestigde en voor het laatst een bericht kreeg. Wij gebruiken die gegevens "
    "alleen om u die berichten te sturen.</p>"
    "<ul>"
    "<li>Eerst krijgt u een e-mail met een link om de aanmelding te bevestigen. Bevestigt u niet, dan "
    "verwijderen wij uw e-mailadres na 7 dagen.</li>"
    "<li>Na de bevestiging bewaren wij de aanmelding tot u zich afmeldt.</li>"
    "<li>Afmelden kan altijd met de link onderaan elk bericht (of de afmeldknop van uw e-mailprogramma). "
    "Dan verwijderen wij uw e-mailadres en de zoekopdracht meteen.</li>"
    "</ul>"
    "<p>Liever geen e-mail? Elke zoekopdracht heeft ook een Atom-feed, die u zonder aanmelding in een "
    "feedlezer kunt volgen.</p>"
    "<h2>Uw rechten</h2>"
    "<p>U mag vragen welke gegevens wij van u hebben, en die laten verbeteren of verwijderen. Gebruik "
    'daarvoor <a href="/contact/">het contactformulier</a>. Bent u het niet eens met hoe wij met uw '
    "gegevens omgaan, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.</p>"
)

ABOUT_BODY = (
    "<p>De Preventiecatalogus Mensenhandel is een landelijke catalogus van methoden om mensenhandel te "
    "voorkomen. Gemeenten, professionals en iedereen die mensenhandel wil helpen voorkomen vinden hier "
    "lespakketten, trainingen, campagnes en bestuurlijke instrumenten, allemaal op dezelfde manier "
    "beschreven.</p>"
    "<h2>Wat staat er bij een methode?</h2>"
    "<p>Voor wie de methode is, welke vorm van uitbuiting ze wil voorkomen, wat ze kost, wie haar uitvoert "
    "en wat er bekend is over het effect. Ook ziet u wat nodig is om de methode blijvend in te bedden, en "
    "wat gemeenten ermee hebben bereikt in de praktijk.</p>"
    "<h2>Hoe betrouwbaar is het?</h2>"
    "<p>De redactie neemt alleen feiten uit bronnen over en vermeldt die bronnen bij de methode. Ontbreekt "
    "een gegeven, dan staat er dat het niet bekend is; de redactie vult niets in op goed geluk. Het "
    'bewijsniveau komt van de erkende databanks; lees <a href="/hoe-beoordelen-we-bewijs/">hoe wij '
    "bewijs beoordelen</a>.</p>"
    "<h2>Wie houdt de catalogus bij?</h2>"
    "<p>Redacteuren voeren methoden en praktijkresultaten in. Een moderator controleert elke wijziging "
    "voordat die op de website komt.</p>"
    "<h2>Een methode toevoegen of een resultaat melden</h2>"
    '<p>Kent u een methode die hier ontbreekt, of heeft uw gemeente een methode uitgeprobeerd? '
    '<a href="/contact/">Laat het de redactie weten</a>.</p>'
)

CONTACT_INTRO = (
    "<p>Met dit formulier bereikt u de redactie van de catalogus. Stel een methode voor die ontbreekt, "
    "meld wat een methode in uw gemeente heeft opgeleverd, of laat weten dat er iets niet klopt.</p>"
    "<p>Vermoedt u mensenhandel? Gebruik dit formulier daar niet voor. Bel de politie op 0900-8844, of meld "
    "anoniem bij Meld Misdaad Anoniem: 0800-7000.</p>"
)
CONTACT_THANKS = (
    "<p>Dank u wel. De redactie heeft uw bericht ontvangen en neemt contact op als u een e-mailadres hebt "
    "gegeven.</p>"
)
CONTACT_FIELDS = [
    # label, field type, required, choices, help text
    ("Waar gaat uw bericht over?", "radio", True,
     "Een methode voorstellen\nEen praktijkresultaat melden\nIets klopt niet\nIets anders", ""),
    ("Naam van de methode", "singleline", False, "", "Als uw bericht over een methode gaat."),
    ("Uw bericht", "multiline", True, "",
     "Bij een voorstel: wat de methode doet, voor wie, en waar meer informatie staat. "
     "Bij een praktijkresultaat: de gemeente, de periode en wat u hebt gemeten."),
    ("Uw naam", "singleline", False, "", ""),
    ("Organisatie of gemeente", "singleline", False, "", ""),
    ("E-mailadres", "email", False, "", "Alleen nodig als u antwoord wilt."),
]


def _info_pages(today):
    return [
        (Role.EVIDENCE, "Hoe beoordelen we bewijs?", "hoe-beoordelen-we-bewijs",
         "Wat de bewijsniveaus bij de methoden betekenen en waar ze vandaan komen.", evidence_body()),
        (Role.ABOUT, "Over de catalogus", "over-de-catalogus",
         "Wat de Preventiecatalogus Mensenhandel is, voor wie, en hoe de redactie werkt.", ABOUT_BODY),
        (Role.PRIVACY, "Privacy en cookies", "privacy",
         "Welke gegevens deze website verwerkt en welke cookies ze plaatst.", PRIVACY_BODY),
        (Role.ACCESSIBILITY, "Toegankelijkheidsverklaring", "toegankelijkheidsverklaring",
         "Hoe toegankelijk deze website is en hoe wij dat testen.", accessibility_body(today)),
    ]


def ensure_site_pages():
    """Create the fixed pages that do not exist yet; return the titles created."""
    home = HomePage.objects.first()
    if home is None:
        return []
    created = []
    today = date_format(datetime.date.today(), "j F Y")
    for role, title, slug, intro, body in _info_pages(today):
        if InfoPage.objects.filter(role=role).exists() or home.get_children().filter(slug=slug).exists():
            continue
        page = InfoPage(title=title, slug=slug, intro=intro, body=body, role=role)
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(title)
    if not ContactPage.objects.exists() and not home.get_children().filter(slug="contact").exists():
        page = ContactPage(title="Contact", slug="contact", intro=CONTACT_INTRO, thank_you_text=CONTACT_THANKS)
        for order, (label, field_type, required, choices, help_text) in enumerate(CONTACT_FIELDS):
            page.form_fields.add(ContactFormField(
                sort_order=order, label=label, field_type=field_type, required=required,
                choices=choices, help_text=help_text,
            ))
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(page.title)
    return created
