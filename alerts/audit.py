"""Two example subscriptions for `make a11y`'s throwaway database, so the audit sees the
confirmation and unsubscribe pages with their buttons (their links carry secrets no
fixed URL list can know). Prints nothing sensitive: the addresses are example.invalid."""

from django.urls import reverse
from django.utils import timezone

from .models import Subscription, hash_token
from .subscriptions import unsubscribe_token

TOKEN = "a11y-audit-voorbeeld"


def audit_paths():
    Subscription.objects.update_or_create(
        email="a11y-pending@example.invalid", query="q=loverboy",
        defaults={"token_hash": hash_token(TOKEN), "requested_at": timezone.now(), "confirmed_at": None})
    now = timezone.now()
    confirmed, _ = Subscription.objects.update_or_create(
        email="a11y@example.invalid", query="vorm=arbeidsuitbuiting",
        defaults={"token_hash": hash_token(TOKEN + "-2"), "confirmed_at": now, "last_sent_at": now})
    return [reverse("alerts:confirm", args=[TOKEN]), reverse("alerts:unsubscribe", args=[unsubscribe_token(confirmed)])]
