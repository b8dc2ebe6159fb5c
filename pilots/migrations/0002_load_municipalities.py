"""Load the 342 municipalities (CBS, 1 January 2025) so every fresh install has the register.

Only adds missing codes, so re-running never overwrites what editors changed.
"""

from django.db import migrations


def load(apps, schema_editor):
    from pilots.municipalities import load_municipalities

    load_municipalities(apps.get_model("pilots", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("pilots", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
