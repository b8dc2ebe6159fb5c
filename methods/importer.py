"""Bring method files (the Markdown format) into the page tree.

Every file is validated first, against the format and against the database
(taxonomy values, duplicate slugs, model validation); a file with any error is
rejected whole and reported with file, line and field. Each valid file is saved
in its own savepoint, so nothing is ever half-written.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from . import catalogue_format as fmt
from .models import MethodIndexPage, MethodPage
from .records import UnknownTerm, apply_record, normalised, record_from_page, resolve_terms


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    errors: list[fmt.FormatError] = field(default_factory=list)

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


def import_files(parsed_files, *, publish=False, user=None, index=None):
    """Import ParsedFile tuples; returns an ImportReport. Safe to run twice."""
    index = index or method_index()
    report = ImportReport()
    parsed_files = list(parsed_files)
    slug_counts = Counter(p.record.slug for p in parsed_files if p.record)

    for parsed in parsed_files:
        errors = list(parsed.errors)
        terms = None
        if parsed.record is not None:
            if slug_counts[parsed.record.slug] > 1:
                errors.append(fmt.FormatError(parsed.path, 1, "slug",
                                              f"slug {parsed.record.slug!r} staat in meer dan één bestand"))
            try:
                terms = resolve_terms(parsed.record)
            except UnknownTerm as exc:
                errors.append(fmt.FormatError(parsed.path, 1, exc.field, str(exc)))
        if errors:
            report.rejected.append(parsed.path)
            report.errors.extend(errors)
            continue
        try:
            outcome = _save(parsed.record, terms, index=index, publish=publish, user=user)
        except ValidationError as exc:
            report.rejected.append(parsed.path)
            for name, messages in exc.message_dict.items():
                for message in messages:
                    report.errors.append(fmt.FormatError(parsed.path, 0, name, message))
            continue
        getattr(report, outcome).append(parsed.record.slug)
    return report


def _save(record, terms, *, index, publish, user):
    existing = MethodPage.objects.child_of(index).filter(slug=record.slug).first()
    if existing is not None:
        # Compare with the newest revision, which is what an editor sees in the admin
        # (a draft may be ahead of the published page).
        current = existing.specific.get_latest_revision_as_object()
        unchanged = fmt.dump(record_from_page(current)) == fmt.dump(normalised(record, terms))
        if unchanged and (not publish or (existing.live and not existing.has_unpublished_changes)):
            return "unchanged"
    with transaction.atomic():
        if existing is None:
            page = MethodPage(live=False)
            apply_record(page, record, terms)
            page.full_clean(exclude=["path", "depth"])
            index.add_child(instance=page)
        else:
            page = apply_record(existing.specific.get_latest_revision_as_object(), record, terms)
            page.full_clean()
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    return "created" if existing is None else "updated"
