"""Subscribing, confirming, unsubscribing: the rules, apart from the views.

Double opt-in: a subscription gets no digest until the address's owner follows the
link in the confirmation mail. The form must not become a way to mail anyone: per
address at most one confirmation mail per CONFIRMATION_INTERVAL and a few pending
subscriptions, and a ceiling on confirmation mails per hour for the whole site."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Subscription, hash_token

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def setting(name, default):
    return getattr(settings, name, default)


def confirmation_interval():
    return datetime.timedelta(minutes=setting("ALERTS_CONFIRMATION_INTERVAL_MINUTES", 15))


def confirmation_lifetime():
    """Unconfirmed subscriptions are deleted after this (send_alerts does it)."""
    return datetime.timedelta(days=setting("ALERTS_CONFIRMATION_DAYS", 7))


MAX_PENDING_PER_ADDRESS = 5
MAX_PER_ADDRESS = 25


def normalise_email(email):
    return BaseUserManager.normalize_email((email or "").strip())


class Outcome:
    MAILED = "mailed"  # a confirmation mail goes out
    QUIET = "quiet"  # nothing to send (already confirmed, too soon, too many); the visitor sees the same page
    BUSY = "busy"  # the site-wide ceiling is reached: the visitor is asked to try later


def subscribe(email, query, send_confirmation):
    """Record a pending subscription and call send_confirmation(subscription, token) when a mail
    may go out. Returns an Outcome value. The visitor sees the same answer whether or not
    the address was known, so the form tells nobody who is subscribed."""
    email = normalise_email(email)
    now = timezone.now()
    mine = Subscription.objects.filter(email__iexact=email)
    existing = mine.filter(query=query).first()
    if existing and existing.confirmed:
        return Outcome.QUIET
    if mine.filter(confirmed_at=None, requested_at__gt=now - confirmation_interval()).exists():
        return Outcome.QUIET
    if existing is None and (mine.filter(confirmed_at=None).count() >= MAX_PENDING_PER_ADDRESS
                             or mine.count() >= MAX_PER_ADDRESS):
        return Outcome.QUIET
    hourly = setting("ALERTS_MAX_CONFIRMATIONS_PER_HOUR", 200)
    if Subscription.objects.filter(confirmed_at=None, requested_at__gt=now - datetime.timedelta(hours=1)).count() >= hourly:
        logger.warning("Alert confirmations: the ceiling of %s mails per hour is reached; refusing.", hourly)
        return Outcome.BUSY
    subscription = existing or Subscription(email=email, query=query)
    token = subscription.new_token()
    subscription.requested_at = now
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:
        return Outcome.QUIET  # the same address and search submitted twice at once
    send_confirmation(subscription, token)
    return Outcome.MAILED


def pending_or_confirmed(token):
    """The subscription of a confirmation token, or None (unknown, or unconfirmed and expired)."""
    subscription = Subscription.objects.filter(token_hash=hash_token(token or "")).first()
    if subscription is None:
        return None
    if not subscription.confirmed and subscription.requested_at < timezone.now() - confirmation_lifetime():
        return None
    return subscription


def confirm(subscription):
    """Idempotent: a second confirmation changes nothing. Digests start from now, so the
    first one tells only what is new since the subscription."""
    if not subscription.confirmed:
        now = timezone.now()
        Subscription.objects.filter(pk=subscription.pk, confirmed_at=None).update(confirmed_at=now, last_sent_at=now)
        subscription.refresh_from_db()
    return subscription


def unsubscribe_token(subscription):
    """For the link in every mail. Only the token's hash is stored, so the link is signed
    instead; it names the row and part of its hash, so it dies with the row."""
    return signing.dumps([subscription.pk, subscription.token_hash[:16]], salt=UNSUBSCRIBE_SALT)


def by_unsubscribe_token(value):
    """(valid, subscription): valid is False for a forged or mangled link; subscription is None
    when the link was valid but the subscription is gone (already unsubscribed)."""
    try:
        pk, prefix = signing.loads(value, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False, None
    return True, Subscription.objects.filter(pk=pk, token_hash__startswith=prefix).first()


def delete_expired(now=None):
    now = now or timezone.now()
    deleted, _ = Subscription.objects.filter(confirmed_at=None, requested_at__lt=now - confirmation_lifetime()).delete()
    return deleted
