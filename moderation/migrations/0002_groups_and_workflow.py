"""Roles and the moderation workflow, so every fresh install has them.

Redacteuren create and edit methods, pilot results and taxonomy items and submit
them for moderation; they cannot publish (no publish_page) and cannot touch rating
records (no methods.*_ratingrecord; methods/forms.py enforces that on save).
Moderatoren can do all that, publish, approve or reject in the workflow, and add or
correct rating records. Deleting a rating record (erasing public history) is left to
administrators.

Page permissions sit on the HomePage (created by home.0002), so they cover the
method index and everything load_demo or editors add under it later.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redacteuren"
MODERATORS = "Moderatoren"
WORKFLOW_NAME = "Moderatie"
TASK_NAME = "Beoordeling door moderator"

# Snippets editors manage: (app_label, model)
SNIPPETS = [
    ("methods", "exploitationform"), ("methods", "targetgroup"), ("methods", "approachtype"),
    ("methods", "setting"), ("methods", "costband"), ("methods", "organisation"),
    ("pilots", "municipality"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]


def ensure_permissions(apps):
    """Permissions are normally created after all migrations (post_migrate); a fresh
    database needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ModeratorApprovalTask = apps.get_model("moderation", "ModeratorApprovalTask")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)

    home = Page.objects.filter(depth=2, content_type__app_label="home").first() or Page.objects.get(depth=1)
    page_perms = {
        editors: ["add_page", "change_page", "lock_page"],
        moderators: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    }
    for group, codenames in page_perms.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=perm("wagtailcore", codename))

    root_collection = Collection.objects.get(depth=1)
    for group in (editors, moderators):
        group.permissions.add(perm("wagtailadmin", "access_admin"), perm("moderation", "import_methods"))
        for app_label, model in SNIPPETS:
            group.permissions.add(perm(app_label, f"add_{model}"), perm(app_label, f"change_{model}"))
        for app_label, model, actions in COLLECTION_PERMISSIONS:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm(app_label, f"{action}_{model}"))
    moderators.permissions.add(
        perm("methods", "add_ratingrecord"), perm("methods", "change_ratingrecord"),
        perm("moderation", "view_reassessmentflag"),
    )

    task_type, _ = ContentType.objects.get_or_create(app_label="moderation", model="moderatorapprovaltask")
    task = ModeratorApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ModeratorApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The HomePage's workflow overrides Wagtail's default one on the root page.
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("moderation", "ModeratorApprovalTask").objects.filter(name=TASK_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("methods", "0001_initial"),
        ("pilots", "0002_load_municipalities"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
