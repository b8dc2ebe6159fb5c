"""Bring method files (the Markdown format) into the page tree.

Every file is validated first, against the format and against the database
(taxonomy values, images, documents, duplicate slugs, model validation); a file with
any error is rejected whole and reported with file, line and field. Each valid file is
saved in its own savepoint, so nothing is ever half-written.

Merging: a file changes only the fields it mentions; a key or section it leaves out
keeps the page's value (write ``key: ""`` or an empty section to clear one). The
result is compared with the newest revision (what an editor sees in the admin), so
an export imported again is "unchanged" and creates no revision.

Publication (the ``live`` key) changes only when the file says so explicitly:
- ``live`` left out, or equal to the page's state: publication is not touched. New
  content becomes a draft revision; a draft an editor left in moderation stays one,
  an unpublished page stays unpublished.
- ``live: true`` on a page that is not live publishes the newest revision;
  ``live: false`` on a live page unpublishes it.
- ``publish=True`` (``import_methods --publish``) also publishes pages the import
  creates, and pages it changes that were live with nothing pending (no draft, no
  moderation), so it never publishes an editor's draft along with the file.

Locks: a file that would change a page the admin would not let the importing user
edit (locked by someone else, scheduled for publication, or, for an upload, awaiting
a moderation step the user does not take part in) is rejected with the reason.
"""

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.locks import BasicLock, ScheduledForPublishLock

from . import catalogue_format as fmt
from .models import MethodIndexPage, MethodPage
from .records import UnknownTerm, apply_record, merged, normalised, record_from_page, resolve_terms


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    errors: list[fmt.FormatError] = field(default_factory=list)
    # What the import did to publication, and what it deliberately did not do, per slug.
    published: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self):
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }

    def summary(self):
        c = self.counts
        return (f"{c['created']} nieuw, {c['updated']} bijgewerkt, "
                f"{c['unchanged']} ongewijzigd, {c['rejected']} afgewezen")


def method_index():
    index = MethodIndexPage.objects.first()
    if index is None:
        raise RuntimeError("Er is nog geen overzichtspagina voor methoden; draai eerst `manage.py load_demo`.")
    return index


class Plan:
    """What importing one record into one page (or a new page) would do."""

    def __init__(self, incoming, index, publish):
        self.existing = MethodPage.objects.child_of(index).filter(slug=incoming.slug).first()
        if self.existing is not None:
            self.existing = self.existing.specific
            # The newest revision, which is what an editor sees in the admin (a draft
            # may be ahead of the published page).
            self.current = self.existing.get_latest_revision_as_object()
            current_record = record_from_page(self.current)
        else:
            self.current = current_record = None
        self.record = merged(current_record, incoming)
        self.terms = resolve_terms(self.record)
        wanted = incoming.live if incoming.mentioned is None or "live" in incoming.mentioned else None
        if self.existing is None:
            self.content_changed = True
            self.publish = wanted is True or (publish and wanted is None)
            self.unpublish = False
            self.note = ""
            return
        self.content_changed = _content(normalised(self.record, self.terms)) != _content(current_record)
        live = self.existing.live
        pending = self.existing.has_unpublished_changes or self.existing.workflow_in_progress
        self.unpublish = wanted is False and live
        self.publish = wanted is True and not live
        self.note = ""
        if publish and self.content_changed and wanted in (None, live):
            if live and not pending:
                self.publish = True
            elif live:
                self.note = "niet gepubliceerd: er staat al een concept of een beoordeling klaar; publiceer in het beheer"
            else:
                self.note = "niet gepubliceerd: de pagina is offline gehaald; zet live: true om haar te publiceren"

    @property
    def changes_anything(self):
        return self.content_changed or self.publish or self.unpublish


def _content(record):
    """The dump of everything but publication, which the import handles on its own."""
    return fmt.dump(dataclasses.replace(record, live=None))


def import_files(parsed_files, *, publish=False, user=None, index=None, check=None):
    """Import ParsedFile tuples; returns an ImportReport. Safe to run twice.

    ``check(parsed, plan)`` may return extra FormatErrors for a file (the admin
    upload uses it for permissions); a file with errors is not saved."""
    index = index or method_index()
    report = ImportReport()
    parsed_files = list(parsed_files)
    slug_counts = Counter(p.record.slug for p in parsed_files if p.record)

    for parsed in parsed_files:
        errors = list(parsed.errors)
        plan = None
        if parsed.record is not None:
            if slug_counts[parsed.record.slug] > 1:
                errors.append(fmt.FormatError(parsed.path, 1, "slug",
                                              f"slug {parsed.record.slug!r} staat in meer dan één bestand"))
            try:
                plan = Plan(parsed.record, index, publish)
            except UnknownTerm as exc:
                errors.append(fmt.FormatError(parsed.path, 1, exc.field, str(exc)))
            if plan is not None and check is not None:
                errors.extend(check(parsed, plan))
        if errors:
            report.rejected.append(parsed.path)
            report.errors.extend(errors)
            continue
        slug = parsed.record.slug
        if not plan.changes_anything:
            report.unchanged.append(slug)
            continue
        if plan.existing is not None and (reason := lock_reason(plan.existing, user)):
            report.rejected.append(parsed.path)
            report.errors.append(fmt.FormatError(parsed.path, 0, "slug", _(
                "%(slug)s is niet gewijzigd: %(reason)s; importeer het bestand opnieuw als de pagina "
                "weer vrij is") % {"slug": slug, "reason": reason}))
            continue
        try:
            _save(plan, index=index, user=user)
        except ValidationError as exc:
            report.rejected.append(parsed.path)
            for name, messages in exc.message_dict.items():
                for message in messages:
                    report.errors.append(fmt.FormatError(parsed.path, 0, name, message))
            continue
        (report.created if plan.existing is None else report.updated).append(slug)
        if plan.publish:
            report.published.append(slug)
        if plan.unpublish:
            report.unpublished.append(slug)
        if plan.note:
            report.notes.append(f"{slug}: {plan.note}")
    return report


def lock_reason(page, user):
    """Why the admin would not let `user` edit `page` now, or "" if it would.

    `user` None is the import command, run by whoever runs the site: a lock an
    editor set, or a scheduled publication, still holds; a moderation step does not,
    as for a superuser in the admin."""
    lock = page.get_lock()
    if lock is None or (user is not None and not lock.for_user(user)):
        return ""
    if isinstance(lock, BasicLock):
        if page.locked_by is None:
            return _("vergrendeld")
        return _("vergrendeld door %(user)s") % {"user": get_user_display_name(page.locked_by)}
    if isinstance(lock, ScheduledForPublishLock):
        go_live = timezone.localtime(page.scheduled_revision.approved_go_live_at)
        return _("vergrendeld: gepland voor publicatie op %(moment)s") % {"moment": date_format(go_live, "j F Y H:i")}
    if user is None:
        return ""
    return _("in beoordeling (%(task)s); alleen wie die stap beoordeelt kan de pagina nu wijzigen") % {
        "task": page.current_workflow_task.name}


def _save(plan, *, index, user):
    with transaction.atomic():
        revision = None
        if plan.existing is None:
            page = MethodPage(live=False)
            apply_record(page, plan.record, plan.terms)
            page.full_clean(exclude=["path", "depth"])
            index.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
        elif plan.content_changed:
            page = apply_record(plan.current, plan.record, plan.terms)
            page.full_clean()
            revision = page.save_revision(user=user, log_action=True)
        else:
            page = plan.existing
        if plan.publish:
            (revision or page.get_latest_revision()).publish(user=user)
        if plan.unpublish:
            MethodPage.objects.get(pk=page.pk).unpublish(user=user)
