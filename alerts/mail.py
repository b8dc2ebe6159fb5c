"""The two mails: the confirmation (double opt-in) and the digest. Dutch plain text, through
Django's mail backend (console in development, locmem in tests, SMTP in production)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import searches
from .subscriptions import confirmation_lifetime, unsubscribe_token


def base_url():
    """Where the site is, for links in mails sent without a request (the digest)."""
    return getattr(settings, "PUBLIC_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _unsubscribe_url(base, subscription):
    return base + reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)])


def _context(base, subscription, catalogue=None):
    from search.facets import facet_catalogue

    catalogue = catalogue if catalogue is not None else facet_catalogue()
    params = searches.params_from(subscription.query, catalogue)
    return {
        "site_url": base,
        "search": searches.describe(params, catalogue),
        "search_url": base + searches.with_query("search:search", params),
        "feed_url": base + searches.with_query("alerts:search_feed", params),
        "unsubscribe_url": _unsubscribe_url(base, subscription),
        "privacy_url": base + "/privacy/",
    }


def _send(subscription, subject, template, context, *, list_headers):
    headers = {}
    if list_headers:
        # RFC 2369 / RFC 8058: mail programs offer their own one-click "unsubscribe" button.
        headers = {"List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                   "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    body = render_to_string(template, context)
    EmailMessage(subject, body, to=[subscription.email], headers=headers).send()


def send_confirmation(subscription, token, base):
    with translation.override("nl"):
        context = _context(base, subscription)
        context["confirm_url"] = base + reverse("alerts:confirm", args=[token])
        context["days"] = confirmation_lifetime().days
        _send(subscription, _("Bevestig uw e-mailbericht van de Preventiecatalogus Mensenhandel"),
              "alerts/mail/confirm.txt", context, list_headers=False)


def send_digest(subscription, methods, catalogue=None):
    base = base_url()
    with translation.override("nl"):
        context = _context(base, subscription, catalogue)
        context["methods"] = [{"title": m.title, "summary": m.summary, "url": base + (m.url or "/")} for m in methods]
        if len(methods) == 1:
            subject = _("Nieuwe methode voor uw zoekopdracht: %(title)s") % {"title": methods[0].title}
        else:  # never one: no plural forms needed
            subject = _("%(n)s nieuwe methoden voor uw zoekopdracht") % {"n": len(methods)}
        _send(subscription, subject, "alerts/mail/digest.txt", context, list_headers=True)
