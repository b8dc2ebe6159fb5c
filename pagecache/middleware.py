"""A cache for the pages anonymous visitors see.

A page is served from the cache, without touching the database, when the request is a
GET or HEAD without a session cookie (so never for an editor who is logged in, nor for a
visitor who unlocked a password-protected page), without a message waiting for it and
outside the paths in PAGE_CACHE_SKIP_PREFIXES (the admin, the API, documents, ...).
A response is stored only when it is a plain 200 of such a request that sets no cookie
(a page with a form sets the CSRF cookie, so its token never reaches another visitor),
is not marked private or no-cache (searches with words are), is no preview and varies
on nothing but the language cookie. Pages are kept per language, so an English visitor
never gets the Dutch page; the other cookies a visitor may carry do not split the cache.

It sits inside the security and language middleware, so a page from the cache still gets
this request's security headers (CSP, Permissions-Policy, HSTS) and its Content-Language.
Clearing happens in pagecache.invalidation.
"""

import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from . import store

logger = logging.getLogger("pagecache")

HEADER = "X-Page-Cache"
REFUSED_CACHE_CONTROL = ("private", "no-cache", "no-store")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not store.enabled():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path_info.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES))


def _cacheable_response(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in REFUSED_CACHE_CONTROL):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= {"cookie"}


def _rebuild(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        entry_key = None
        try:
            entry_key, stored = store.get(request)
        except Exception:
            # A cache server that is away costs speed, not the page.
            logger.exception("Page cache unreachable; serving without it.")
            stored = None
        if stored is not None:
            return _rebuild(stored)
        response = self.get_response(request)
        if entry_key is not None and _cacheable_response(request, response):
            try:
                store.put(entry_key, response)
                response[HEADER] = "miss"
            except Exception:
                logger.exception("Could not store a page in the page cache.")
        return response
