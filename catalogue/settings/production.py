"""Production: every secret from the environment, strict transport security."""

import os

from django.core.exceptions import ImproperlyConfigured

from catalogue import cache_url

from .base import *  # noqa: F403

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Every cookie the site sets is Secure and SameSite=Lax in production (the language
# cookie had neither); the session and CSRF cookies are not needed by JavaScript.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# Wagtail's live preview shows the page in a same-origin iframe, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405

# The WSGI process serves its own static files (CSS, JS, the admin's assets):
# hashed names from the manifest, gzip/brotli variants made at collectstatic,
# and far-future Cache-Control headers on the hashed files.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# The page cache and the API rate-limit counters must be shared by the worker processes,
# or a publish would clear only the cache of the process that handled it. Without
# CACHE_URL: a folder that every process of this machine shares. Several machines
# (or more speed): CACHE_URL=redis://... or memcached://... (README, "Production").
CACHES = {"default": cache_url.parse(
    os.environ.get("CACHE_URL", "file:///var/tmp/preventiecatalogus-cache?MAX_ENTRIES=5000")
)}

# The load balancer asks /healthz over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Index updates and other background work go through the database queue;
# run `python manage.py db_worker` next to the web process.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Alert mails go out by SMTP (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS or EMAIL_USE_SSL; see base.py) from DEFAULT_FROM_EMAIL, with links to
# PUBLIC_BASE_URL: set all of them for the real site (README, "E-mail").
