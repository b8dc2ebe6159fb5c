"""A saved search with an e-mail address: nothing else about the subscriber is stored."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Subscription(models.Model):
    # Stored as typed apart from the domain's case; compared case-insensitively (normalise_email).
    email = models.EmailField(_("e-mailadres"), db_index=True)
    # The normalised query string of the search (search.params, without page and sort).
    query = models.CharField(_("zoekopdracht"), max_length=2000, blank=True)
    # Only the hash: a database leak does not give away working confirmation links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # When the last confirmation mail was asked for: the rate limit and the expiry of unconfirmed ones.
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attendering")
        verbose_name_plural = _("attenderingen")
        constraints = [models.UniqueConstraint(fields=["email", "query"], name="alerts_one_per_address_and_search")]

    def __str__(self):
        return f"{self.email}: {self.query or '(alles)'}"

    def new_token(self):
        """A fresh confirmation token; only its hash is kept (call save() afterwards)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    @property
    def confirmed(self):
        return self.confirmed_at is not None
