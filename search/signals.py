"""Wagtail and model signals that queue index updates (see tasks.py).

Publishing, unpublishing, moving and deleting a method, changing who may see it, and
editing a taxonomy item, organisation or synonym all end here. Work is queued after the
transaction commits, and a failure to queue is logged, never raised: the editor's action
always succeeds, whatever the engine is doing.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from methods.models import ApproachType, CostBand, ExploitationForm, MethodPage, Organisation, Setting, TargetGroup

from . import engine, tasks
from .models import Synonym

logger = logging.getLogger(__name__)

TAXONOMIES = (ExploitationForm, TargetGroup, ApproachType, Setting, CostBand)


def _enqueue(task_obj, *args):
    if not engine.configured():
        return

    def send():
        try:
            task_obj.enqueue(*args)
        except Exception:  # noqa: BLE001 - the editor's action must not fail because of the index
            logger.exception("Could not queue search index task %s", task_obj.name)

    transaction.on_commit(send)


def _method_ids_under(page):
    return list(MethodPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _is_method(page):
    return page.content_type_id == ContentType.objects.get_for_model(MethodPage).pk


def on_published(sender, instance, **kwargs):
    if isinstance(instance, MethodPage):
        _enqueue(tasks.index_pages, [instance.pk])


def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, MethodPage):
        _enqueue(tasks.remove_pages, [instance.pk])


def on_moved(sender, instance, **kwargs):
    # URLs change, and a move under a restricted section makes methods non-public.
    ids = _method_ids_under(instance)
    if ids:
        _enqueue(tasks.index_pages, ids)


def on_page_deleted(sender, instance, **kwargs):
    if _is_method(instance):
        _enqueue(tasks.remove_pages, [instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata (manage.py restore), which rebuilds the index once at the end
        return
    ids = _method_ids_under(instance.page)
    if ids:
        _enqueue(tasks.index_pages, ids)


def _using(instance):
    """Ids of the methods linked to a taxonomy item or organisation (related_name "methods")."""
    return list(instance.methods.values_list("pk", flat=True))


def on_term_saved(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    ids = _using(instance)
    if ids:
        _enqueue(tasks.index_pages, ids)


def on_term_deleting(sender, instance, **kwargs):
    # After the delete the link rows are gone, so remember who used it now.
    instance._search_method_ids = _using(instance)


def on_term_deleted(sender, instance, **kwargs):
    ids = getattr(instance, "_search_method_ids", [])
    if ids:
        _enqueue(tasks.index_pages, ids)


def on_synonyms_changed(sender, instance, **kwargs):
    # Synonyms live in the index's analysis settings: build a new index with them.
    if kwargs.get("raw"):
        return
    _enqueue(tasks.rebuild_index)


def connect():
    page_published.connect(on_published, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    # Deleting a MethodPage also deletes its Page row, and deleting a section deletes its
    # descendants as Page rows: listening on Page catches both.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search-deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted")
    for model in (*TAXONOMIES, Organisation):
        post_save.connect(on_term_saved, sender=model, dispatch_uid=f"search-term-saved-{model.__name__}")
        pre_delete.connect(on_term_deleting, sender=model, dispatch_uid=f"search-term-deleting-{model.__name__}")
        post_delete.connect(on_term_deleted, sender=model, dispatch_uid=f"search-term-deleted-{model.__name__}")
    post_save.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-saved")
    post_delete.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-deleted")
