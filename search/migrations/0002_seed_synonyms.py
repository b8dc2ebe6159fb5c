"""Seed the synonyms users mix (../shared/notes/domain.md). Editors own them afterwards.

Deliberately absent: sekswerk is not a synonym of mensenhandel."""

from django.db import migrations

SEED = [
    ("loverboy, pooierboy, romeo pooier, tienerpooier", "Seksuele uitbuiting van jongeren."),
    ("arbeidsuitbuiting, uitbuiting op het werk, labour exploitation", ""),
    ("criminele uitbuiting, gedwongen criminaliteit", "Bijvoorbeeld drugskoeriers en geldezels."),
    ("geldezel, money mule, money mules", ""),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in SEED:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=[terms for terms, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_synonym")]
    operations = [migrations.RunPython(seed, unseed)]
