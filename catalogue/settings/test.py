"""Test settings: fast hashing, immediate tasks, in-memory cache and mail."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Most tests change rows and look at the page at once; tests/test_pagecache.py switches it on.
PAGE_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PUBLIC_BASE_URL = "http://testserver"
ALERTS_SETTLE_SECONDS = 0  # a method published in a test is in the digest the test runs next
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One folder per pytest-xdist worker: each removes its own at the end of its session.
MEDIA_ROOT = BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
# Tests that need the engine set SEARCH_URL themselves (tests/search/conftest.py);
# a developer's shell must not point the whole suite at a live cluster by accident.
SEARCH_URL = ""
SEARCH_INDEX_PREFIX = "test-preventiecatalogus"
# The API rate limit would make the suite's many API calls from one address fail;
# tests/test_security.py switches it on where it is tested.
API_RATE_LIMITS = {}
