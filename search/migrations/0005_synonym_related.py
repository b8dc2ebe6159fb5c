"""Synonym groups get broader terms: what slang and abbreviations denote in the catalogue's
own taxonomy (koppelbaas: arbeidsuitbuiting; drugsrunner: criminele uitbuiting, jongeren),
so such a word finds and offers the methods filed under that value although their texts
never use it. One way only: a search for "arbeidsuitbuiting" does not look for
"koppelbaas". The seeded groups (0002, 0004) get theirs, found by a term they contain,
so a group an editor has reworded keeps its broader terms when it still has that term."""

from django.db import migrations, models

RELATED = {
    # term in the group: broader terms (taxonomy labels first)
    "loverboy": "seksuele uitbuiting, jongeren",
    "pooier": "seksuele uitbuiting, sekswerkers",
    "sekskoper": "seksuele uitbuiting, klanten van sekswerkers",
    "jeugdprostitutie": "seksuele uitbuiting, jongeren",
    "webcamseks": "seksuele uitbuiting, online",
    "grooming": "seksuele uitbuiting, online, jongeren",
    "sextortion": "seksuele uitbuiting, online, jongeren",
    "lokpuber": "seksuele uitbuiting, online, opsporing",
    "wrs": "sekswerk, sekswerkers, vergunning",
    "uitstapprogramma": "sekswerkers, hulp",
    "koppelbaas": "arbeidsuitbuiting, uitzendbureau, arbeidsmigranten",
    "huisjesmelker": "arbeidsuitbuiting, huisvesting, arbeidsmigranten",
    "nla": "arbeidsuitbuiting, inspectie",
    "county lines": "criminele uitbuiting, jongeren, drugs",
    "geldezel": "criminele uitbuiting, jongeren",
    "b8": "slachtoffers, verblijf, opvang",
    "bedenktijd": "slachtoffers, aangifte, verblijf",
    "ind": "verblijf, vergunning",
    "avim": "politie",
    "kmar": "politie, luchthaven, grens",
    "bibob": "bestuurlijk instrument, vergunning, gemeente",
    "riec": "samenwerkingsaanpak, ondermijning, gemeente",
    "liec": "samenwerkingsaanpak, ondermijning",
    "skj": "training, jeugdhulp, professionals",
    "lvb": "signaleringsinstrument, jongeren",
    "veilig thuis": "meldcode, huiselijk geweld, zorg",
    "casusoverleg": "samenwerkingsaanpak",
    "aandachtsfunctionaris": "gemeenteambtenaren, gemeente",
    "gemeenteambtenaar": "gemeenteambtenaren, gemeente",
    "asielzoeker": "opvang, migranten",
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for group in Synonym.objects.filter(related=""):
        terms = [" ".join(t.lower().split()) for t in group.terms.replace("\n", ",").split(",")]
        for term, related in RELATED.items():
            if term in terms:
                group.related = related
                group.save(update_fields=["related"])
                break


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(related__in=RELATED.values()).update(related="")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_domain_thesaurus"),
    ]

    operations = [
        migrations.AddField(
            model_name="synonym",
            name="related",
            field=models.TextField(
                blank=True,
                help_text="Bredere begrippen die deze woorden aanduiden, gescheiden door komma's: de vorm van "
                          "uitbuiting, doelgroep of aanpak waar het om gaat. Bijvoorbeeld bij koppelbaas: "
                          "arbeidsuitbuiting, uitzendbureau. Ze tellen bij het zoeken minder zwaar dan de "
                          "woorden zelf, werken maar één kant op en kunnen een filter voorstellen.",
                verbose_name="verwante begrippen",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
