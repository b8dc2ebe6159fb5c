"""When the page cache is cleared: whenever something anonymous visitors see has changed.

- pages: published, unpublished, moved, deleted, or their privacy changed;
- the snippets and settings pages render: taxonomies, organisations, municipalities,
  synonyms (they change search results), sites, images and documents, every Wagtail setting;
- the search index: after each index update task, so a search page rendered between a
  publish and the (queued) index update does not keep showing the old results.

Cheap and blunt on purpose: one publish clears every page, because a method shows up on
the home page, the index, the gap map, related methods and the open data, and working out
which pages show what would be more code than the catalogue's pages cost to render again.
Saving a draft does not clear it: visitors see only what is live.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks.signals import task_finished
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import store

SNIPPET_MODELS = (
    "methods.ExploitationForm", "methods.TargetGroup", "methods.ApproachType", "methods.Setting",
    "methods.CostBand", "methods.Organisation", "pilots.Municipality", "search.Synonym",
    "wagtailcore.Site", "wagtailcore.PageViewRestriction", "wagtailcore.Locale",
    "wagtailimages.Image", "wagtaildocs.Document",
)


def clear():
    """Now, and again once the transaction commits: a page rendered from the old rows in
    between (another request does not see the uncommitted change) is not kept."""
    if not store.enabled():
        return
    store.clear()
    transaction.on_commit(store.clear)


def _on_change(sender, **kwargs):
    clear()


def _on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear()


def _on_task_finished(sender, task_result, **kwargs):
    if task_result.task.module_path.startswith("search.tasks."):
        clear()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_change, dispatch_uid=f"pagecache-{id(signal)}")
    post_delete.connect(_on_page_delete, dispatch_uid="pagecache-page-delete")
    models = [apps.get_model(label) for label in SNIPPET_MODELS]
    models += [m for m in apps.get_models() if issubclass(m, (BaseSiteSetting, BaseGenericSetting))]
    for model in models:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_on_change, sender=field.remote_field.through,
                                dispatch_uid=f"pagecache-m2m-{model._meta.label}-{field.name}")
    task_finished.connect(_on_task_finished, dispatch_uid="pagecache-task-finished")
