"""Seed a domain thesaurus into the editors' synonyms: the slang, abbreviations and
Dutch/English pairs of the field, as people type them in the search box.

Sources: the national programme "Samen tegen mensenhandel", CoMensha's and the
Nationaal Rapporteur's vocabulary, the Wet regulering sekswerk (Wrs), the
Vreemdelingencirculaire (the former B8 regulation, now "verblijfsregeling mensenhandel"),
police and Labour Authority terminology. Each group lists words a searcher means in
the same way; near-neighbours that are different things stay apart (mensensmokkel is
not mensenhandel, sekswerk is not mensenhandel). Editors own the groups afterwards:
change or delete them in the admin under Snippets > Synoniemen.

Groups seeded by 0002 are extended in place when an editor has not changed them."""

from django.db import migrations

EXTEND = {
    "loverboy, pooierboy, romeo pooier, tienerpooier":
        "loverboy, pooierboy, romeo pooier, tienerpooier, lover boy, romeopooier",
    "arbeidsuitbuiting, uitbuiting op het werk, labour exploitation":
        "arbeidsuitbuiting, uitbuiting op het werk, labour exploitation, forced labour, dwangarbeid",
    "criminele uitbuiting, gedwongen criminaliteit":
        "criminele uitbuiting, gedwongen criminaliteit, criminal exploitation, forced criminality",
    "geldezel, money mule, money mules": "geldezel, money mule, money mules, geldezels",
}

SEED = [
    # People and roles
    ("koppelbaas, koppelbazen, malafide uitzendbureau, malafide arbeidsbemiddelaar, gangmaster",
     "Wie arbeidskrachten illegaal of zonder waarborgen aan werkgevers koppelt."),
    ("pooier, souteneur, pimp", ""),
    ("mensenhandelaar, uitbuiter, trafficker, human trafficker", ""),
    ("huisjesmelker, malafide verhuurder, malafide huisvester, slumlord",
     "Verhuurder die arbeidsmigranten of kwetsbare huurders uitbuit."),
    ("sekswerker, prostituee, sex worker", ""),
    ("sekskoper, prostituant, klant van een sekswerker, buyer of sex", ""),
    ("arbeidsmigrant, labour migrant, migrant worker, buitenlandse werknemer", ""),
    ("asielzoeker, asylum seeker, asielmigrant", ""),
    ("aandachtsfunctionaris, contactpersoon mensenhandel, coordinator mensenhandel",
     "De gemeentelijke functionaris voor mensenhandel."),
    ("zorgverlener, zorgprofessional, hulpverlener, health professional", ""),
    ("arts, dokter, huisarts, doctor", ""),
    ("jeugdzorgwerker, jeugdprofessional, jeugdhulpverlener, youth worker", ""),
    ("ervaringsdeskundige, survivor, lived experience", ""),
    ("leerling, scholier, pupil", ""),
    ("ouders, verzorgers, parents", ""),
    ("jongeren, tieners, young people, youth", ""),
    ("werkgever, employer", ""),
    ("vrijwilliger, volunteer", ""),
    # Forms of exploitation and practices
    ("county lines, drugsrunner, drugsrunners, drugskoerier, drugskoeriers",
     "Jongeren die worden ingezet om drugs te vervoeren of te verkopen."),
    ("sekswerk, prostitutie, sex work, seksbranche", "Niet hetzelfde als mensenhandel."),
    ("seksuele uitbuiting, sexual exploitation, sex trafficking, gedwongen prostitutie, forced prostitution", ""),
    ("jeugdprostitutie, kinderprostitutie, child prostitution, seksuele uitbuiting van minderjarigen", ""),
    ("mensenhandel, human trafficking, trafficking in human beings, trafficking", ""),
    ("kinderhandel, child trafficking", ""),
    ("mensensmokkel, human smuggling, migrant smuggling", "Niet hetzelfde als mensenhandel."),
    ("ronselen, werven, rekruteren, recruitment, recruiting", ""),
    ("moderne slavernij, modern slavery", ""),
    ("sextortion, seksuele afpersing", ""),
    ("grooming, online grooming, digitaal lokken", ""),
    ("naaktfoto, naaktbeeld, nudes, nude", ""),
    ("lokpuber, lokprofiel, decoy", "Nagemaakt profiel van een kind om daders online op te sporen."),
    ("webcamseks, webcam sex, webcam kindersekstoerisme, webcam child sex tourism", ""),
    ("ondermijning, ondermijnende criminaliteit, undermining", ""),
    # Abbreviations, laws and regulations
    ("avim, afdeling vreemdelingenpolitie identificatie en mensenhandel, vreemdelingenpolitie",
     "Politieafdeling die mensenhandel en identificatie van vreemdelingen onderzoekt."),
    ("b8, b8 regeling, verblijfsregeling mensenhandel",
     "Verblijfsrecht voor slachtoffers van mensenhandel (vroeger hoofdstuk B8 Vreemdelingencirculaire)."),
    ("bedenktijd, bedenkperiode, reflection period", "Drie maanden om te beslissen over aangifte."),
    ("wrs, wet regulering sekswerk", ""),
    ("bibob, wet bibob", ""),
    ("riec, regionaal informatie en expertisecentrum", ""),
    ("liec, landelijk informatie en expertisecentrum", ""),
    ("kmar, koninklijke marechaussee, marechaussee", ""),
    ("nla, nederlandse arbeidsinspectie, arbeidsinspectie, inspectie szw, labour inspectorate", ""),
    ("ind, immigratie en naturalisatiedienst", ""),
    ("lvb, licht verstandelijke beperking, intellectual disability, learning disability", ""),
    ("skj, kwaliteitsregister jeugd, accreditatie, accreditatiepunten",
     "Registratie en nascholingspunten voor jeugdprofessionals."),
    ("comensha, coordinatiecentrum mensenhandel", ""),
    ("veilig thuis, veiligthuis", "Advies- en meldpunt huiselijk geweld en kindermishandeling."),
    ("nrm, nationaal rapporteur mensenhandel, nationaal rapporteur", ""),
    ("meldcode, reporting protocol", ""),
    ("beroepsgeheim, geheimhoudingsplicht, professional secrecy, confidentiality", ""),
    ("aangifte, aangifte doen, police report", ""),
    ("strafbaarstelling, criminalisering, criminalisation, criminalization", ""),
    # Approaches, settings and materials
    ("casusoverleg, casustafel, case conference", ""),
    ("integrale aanpak, ketenaanpak, multidisciplinaire aanpak, multi agency", ""),
    ("opvang, shelter, opvangvoorziening", ""),
    ("uitstapprogramma, exit programme, exit program", ""),
    ("training, scholing, cursus, course", ""),
    ("e-learning, online cursus, online training", ""),
    ("gastles, lesprogramma, lespakket, lesson", ""),
    ("voorlichting, bewustwording, awareness", ""),
    ("campagne, campaign, bewustwordingscampagne", ""),
    ("signalen, signaleren, indicatoren, signs, indicators, red flags", ""),
    ("horeca, hospitality", ""),
    ("schoonmaak, schoonmaakbranche, cleaning", ""),
    ("uitzendbureau, uitzendbranche, employment agency, temp agency", ""),
    ("gemeente, municipality, local authority", ""),
    ("gemeenteambtenaar, ambtenaar, beleidsmedewerker, civil servant, policy officer", ""),
    ("slachtoffer, victim", ""),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for old, new in EXTEND.items():
        Synonym.objects.filter(terms=old).update(terms=new)
    for terms, note in SEED:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _ in SEED]).delete()
    for old, new in EXTEND.items():
        Synonym.objects.filter(terms=new).update(terms=old)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pending_index_update")]
    operations = [migrations.RunPython(seed, unseed)]
