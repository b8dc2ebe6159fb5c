"""The digest run: for every confirmed subscription, the methods its search finds that were
first published since it was last told, in one mail; nothing when there is nothing new.

Only new methods, not changed ones: a mail for every correction would be noise, and the
search's Atom feed carries the changes. Methods published in the last SETTLE minutes wait
for the next run, so one the search index has not taken in yet is not skipped for good."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from search.facets import facet_catalogue

from . import mail, searches, subscriptions
from .models import Subscription

logger = logging.getLogger(__name__)


def settle():
    return datetime.timedelta(seconds=getattr(settings, "ALERTS_SETTLE_SECONDS", 300))


def send_digests(now=None):
    """Returns a summary; a failing mail is logged and retried next run (last_sent_at stays)."""
    now = now or timezone.now()
    until = now - settle()
    expired = subscriptions.delete_expired(now)
    catalogue = facet_catalogue()
    found = {}  # one search per distinct query and run, however many subscribe to it
    sent = failed = 0
    for subscription in Subscription.objects.exclude(confirmed_at=None).order_by("pk").iterator():
        since = subscription.last_sent_at or subscription.confirmed_at
        if since >= until:
            continue
        if subscription.query not in found:
            params = searches.params_from(subscription.query, catalogue)
            # Everything new since the oldest subscriber to this search was told; filtered per subscriber below.
            oldest = min(s.last_sent_at or s.confirmed_at for s in
                         Subscription.objects.exclude(confirmed_at=None).filter(query=subscription.query))
            found[subscription.query] = searches.new_methods(params, catalogue, oldest, until)
        methods = [m for m in found[subscription.query] if m.first_published_at > since]
        if methods:
            try:
                mail.send_digest(subscription, methods, catalogue)
            except Exception:  # one bad address or a mail server hiccup must not stop the others
                logger.exception("Alert digest to subscription %s failed; retried next run.", subscription.pk)
                failed += 1
                continue
            sent += 1
        # Told everything up to `until` (or there was nothing to tell).
        Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=until)
    summary = f"{sent} digest(s) sent, {failed} failed, {expired} expired unconfirmed subscription(s) deleted"
    logger.info("Alerts: %s.", summary)
    return summary
