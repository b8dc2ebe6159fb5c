"""Production settings plus one bare view, for bench/load.py only (never deployed)."""

from catalogue.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
# The bare view measures Django's own cost per request: no page cache in front of it.
PAGE_CACHE_SKIP_PREFIXES = [*PAGE_CACHE_SKIP_PREFIXES, "/bench/"]  # noqa: F405
