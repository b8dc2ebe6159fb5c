"""The one place that decides whether rating records changed, and who may change them.

Every path that makes a revision or makes one live goes through here: the admin
form (edit, create, revert), MethodPage.save_revision (any code that saves a
draft), MethodPage.publish (publish, workflow approval, revert-and-publish,
scheduled publishing), the importers, and copying (which never copies ratings).

Records are compared by value (level, assessor, date, valid until, reason) and
by order (among records of one date the order decides which one is current);
database ids do not matter, so a revert or a file that brings back an older set
of records is judged by what the public would see.
"""

import datetime
from collections import Counter

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

RATING_FIELDS = ("level", "assessor", "date", "valid_until", "reason")

REFUSED_MESSAGE = _(
    "U mag beoordelingen niet toevoegen, wijzigen of verwijderen; dat doet een moderator. "
    "Zet de beoordelingen terug zoals ze waren of vraag een moderator om de wijziging."
)
PUBLISH_REFUSED_MESSAGE = _(
    "Deze versie voegt beoordelingen toe, wijzigt of verwijdert ze ten opzichte van de gepubliceerde "
    "methode, en dat mag u niet. Alleen een moderator voegt beoordelingen toe of wijzigt ze; alleen "
    "een beheerder verwijdert ze."
)


class RatingChangeRefused(PermissionDenied):
    """A revision would add, change or remove rating records its user may not touch."""


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value) if value else None
    return value


def _level(value):
    from .models.evidence import SLUG_LEVELS

    if isinstance(value, str) and value in SLUG_LEVELS:
        return SLUG_LEVELS[value]
    return int(value)


def rating_key(record):
    """What a rating record says, as a comparable tuple. Accepts a RatingRecord model,
    a catalogue_format.RatingRecord (level as slug) or a dict of form values."""
    get = record.get if isinstance(record, dict) else (lambda name: getattr(record, name, None))
    return (
        _level(get("level")),
        (get("assessor") or "").strip(),
        _date(get("date")),
        _date(get("valid_until")),
        (get("reason") or "").replace("\r\n", "\n").strip(),
    )


def rating_change_kinds(before, after):
    """The kinds of change ('add', 'change', 'delete') that turn the records `before`
    into the records `after` (both in display order).

    A record whose values differ counts as changed; only surplus records count as
    added or removed, so correcting one record needs 'change' alone. Reordering
    records without altering any is a change as well."""
    before = [rating_key(r) for r in before]
    after = [rating_key(r) for r in after]
    removed = sum((Counter(before) - Counter(after)).values())
    added = sum((Counter(after) - Counter(before)).values())
    paired = min(removed, added)
    kinds = set()
    if paired:
        kinds.add("change")
    if added > paired:
        kinds.add("add")
    if removed > paired:
        kinds.add("delete")
    if not kinds and before != after:
        kinds.add("change")
    return kinds


def rating_permissions(user):
    return {
        action for action in ("add", "change", "delete")
        if user is not None and user.has_perm(f"methods.{action}_ratingrecord")
    }


def refused_kinds(user, before, after):
    """The changes from `before` to `after` that `user` may not make. No user means the
    system itself (management commands, scheduled publishing of an approved revision)."""
    if user is None or user.is_superuser:
        return set()
    return rating_change_kinds(before, after) - rating_permissions(user)


def ratings_of(page):
    """The rating records of a page object (a revision's in-memory children or the database rows)."""
    if page is None:
        return []
    return list(page.ratings.all())


def live_ratings(page):
    """What the public sees now: the database rows of a page that has been published, else nothing."""
    from .models import MethodPage

    if page.pk is None:
        return []
    stored = MethodPage.objects.filter(pk=page.pk).first()
    if stored is None or (stored.live_revision_id is None and not stored.live):
        return []
    return ratings_of(stored)


def draft_ratings(page):
    """The rating records of a page's newest revision (what an editor sees in the admin)."""
    from .models import MethodPage

    if page.pk is None:
        return []
    stored = MethodPage.objects.filter(pk=page.pk).first()
    if stored is None:
        return []
    return ratings_of(stored.get_latest_revision_as_object())


def check_rating_publish(revision, user):
    """Raise RatingChangeRefused if publishing `revision` would make a rating change
    live that `user` may not make (compared with what the public sees now)."""
    page = revision.as_object()
    if not hasattr(page, "ratings"):
        return
    if refused_kinds(user, live_ratings(page), ratings_of(page)):
        raise RatingChangeRefused(PUBLISH_REFUSED_MESSAGE)
