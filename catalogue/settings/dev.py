"""Local development: debug on, a throwaway secret, mail to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Only for local use; production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A developer editing a template wants to see the change at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
