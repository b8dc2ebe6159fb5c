"""Editors maintain the search synonyms like the other vocabularies (issue 3: "synonyms
that editors maintain in the admin"), so both roles may add, change and delete them."""

from django.db import migrations



def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="search", codename__in=["add_synonym", "change_synonym", "delete_synonym"])
    for group in Group.objects.filter(name__in=["Redacteuren", "Moderatoren"]):
        group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="search", codename__endswith="_synonym")
    for group in Group.objects.filter(name__in=["Redacteuren", "Moderatoren"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_groups_and_workflow"),
        ("search", "0002_seed_synonyms"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
