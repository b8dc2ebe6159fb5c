"""Where cached pages live: Django's cache (CACHES[PAGE_CACHE_ALIAS]), under a generation.

Every entry's key holds the current generation number; clearing the page cache is one
increment of that number, so all entries of the old generation are unreachable at once
and expire by themselves. This works the same on every backend and never flushes a
cache server that also holds other data (the API rate-limit counters, or another site's).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger("pagecache")

GENERATION_KEY = "pagecache:generation"


def enabled():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def generation():
    """The current generation; started from the clock when missing (evicted, or a new
    cache server), so numbers of a lost generation are never handed out again."""
    value = cache().get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        if not cache().add(GENERATION_KEY, value, timeout=None):
            value = cache().get(GENERATION_KEY, value)
    return value


def clear():
    """Make every cached page unreachable. A failure is logged, not raised: an editor's
    publish must not fail because the cache server is away (its pages expire anyway)."""
    try:
        cache().incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing is cached under one either
        cache().set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.exception("Could not clear the page cache; cached pages live out their %s s.",
                         getattr(settings, "PAGE_CACHE_SECONDS", 0))


def key(request, gen):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{gen}:{request.LANGUAGE_CODE}:{digest}"


# The generation this process saw last: asked for together with the entry under it, a
# hit costs one round trip to the cache server instead of two while nothing changes.
_last_generation = None


def get(request):
    """(cache key, stored page or None)."""
    global _last_generation
    if _last_generation is not None:
        guessed = key(request, _last_generation)
        found = cache().get_many([GENERATION_KEY, guessed])
        if found.get(GENERATION_KEY) == _last_generation:
            return guessed, found.get(guessed)
    _last_generation = generation()
    entry_key = key(request, _last_generation)
    return entry_key, cache().get(entry_key)


def put(entry_key, response):
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    cache().set(entry_key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
