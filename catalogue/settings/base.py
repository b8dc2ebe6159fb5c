"""Settings shared by every environment.

Values that differ per environment come from environment variables, each with a
safe default for local development; production.py layers the strict checks on top.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from catalogue import cache_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "methods",
    "search",
    "pilots",
    "moderation",
    "related",
    "gapmap",
    "compare",
    "opendata",
    "sitepages",
    "alerts",
    "pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "catalogue.security.SiteCSPMiddleware",
    "catalogue.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "catalogue.middleware.ChosenLanguageMiddleware",
    # Early (the session is loaded lazily): a refused API request costs little more than a cache hit.
    "catalogue.ratelimit.ApiRateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside the security and language middleware (their headers go on cached pages too),
    # before everything that would touch the database for a page from the cache.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "catalogue.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "libraries": {"components": "catalogue.templatetags.components"},
        },
    },
]

WSGI_APPLICATION = "catalogue.wsgi.application"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# SQLite is the embedded default so the site runs with no services;
# DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite cannot hold the one-pending-rebuild constraint (NULLS NOT DISTINCT) of
# search.PendingIndexUpdate; search.tasks.remember updates before it inserts, so a
# duplicate needs two workers at once, which the embedded default does not run.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

# The visitor's address behind a reverse proxy (catalogue/client_ip.py): the number of
# proxies that append to X-Forwarded-For, or a header a proxy sets (HTTP_X_REAL_IP).
# Used by the login lockout and the API rate limit; 0 and empty trust REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "")

# Login protection (django-axes, README "Beveiliging"): after AXES_FAILURE_LIMIT wrong
# passwords for one account, or from one address, that account or address cannot log
# in (not even with the right password) until AXES_COOLOFF_TIME has passed or an
# administrator runs `manage.py axes_reset_username <name>` / `axes_reset_ip <address>`.
# Per account as well as per address, so a password guesser cannot spread guesses over
# many addresses; the price is that someone who knows an editor's username can lock
# that editor out for the cool-off time, which is why it is short.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "catalogue.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# Every failure and lockout is logged (logger "axes"; it masks username and address,
# since a mistyped username can be a password). The attempts themselves, with username
# and address, stay in the database until the cool-off ends: `manage.py axes_list_attempts`.
# Successful logins are not kept (Wagtail already records each user's last login).
AXES_VERBOSE = True
AXES_DISABLE_ACCESS_LOG = True

# CACHE_URL (catalogue/cache_url.py): redis://host:6379/0, memcached://host:11211,
# file:///folder, locmem:// (each process its own; the default here), dummy://.
CACHES = {"default": cache_url.parse(os.environ.get("CACHE_URL", "locmem://"))}

# Anonymous page views from the cache (pagecache app; README "Production"): how long a page
# may stay there at most (it is cleared on every publish, unpublish, move, delete and edit
# of what pages show; 0 switches the page cache off), in which cache, and the paths never cached.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SKIP_PREFIXES = [
    "/admin/", "/api/", "/documenten/", "/taal/", "/attendering/", "/healthz", "/static/", "/media/",
]

# Public JSON API rate limit per client address (catalogue/ratelimit.py): "<count>/<period>"
# with period s, m, h or d; empty switches a limit off. The autocomplete fires while typing.
API_RATE_LIMITS = {
    "/api/": os.environ.get("API_RATE_LIMIT", "60/m"),
    "/api/search/autocomplete/": os.environ.get("API_AUTOCOMPLETE_RATE_LIMIT", "180/m"),
}
RATELIMIT_USE_CACHE = os.environ.get("RATELIMIT_USE_CACHE", "default")
# A broken cache must not take the public API down with it.
RATELIMIT_FAIL_OPEN = True

# Content-Security-Policy (django-csp 4; catalogue/security.py). Public pages: nothing
# inline, nothing from elsewhere. The admin gets its own, weaker policy (see there).
_CSP_SELF = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # Wagtail's live preview shows pages in a same-origin iframe.
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_SELF}
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    **_CSP_SELF,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "worker-src": ["'self'", "blob:"],
}}

# Browser features the site never uses, off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: [] for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi",
        "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first; the English UI translation ships in locale/en.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page forms (inline evaluations, ratings, checklist) exceed Django's default.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background tasks: immediate in dev and tests; production.py switches to the
# database-backed queue worked off by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# Mail: alert confirmations and digests (alerts app). SMTP from the environment;
# dev.py prints mails to the console, test.py keeps them in memory (mail.outbox).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false").lower() == "true"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a stuck mail server must not hang a request
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Preventiecatalogus Mensenhandel <noreply@localhost>")

# E-mail alerts for saved searches (alerts app; the digest runs from `manage.py send_alerts`).
ALERTS_CONFIRMATION_INTERVAL_MINUTES = 15  # at most one confirmation mail per address in this time
ALERTS_CONFIRMATION_DAYS = 7  # unconfirmed subscriptions are deleted after this
ALERTS_MAX_CONFIRMATIONS_PER_HOUR = int(os.environ.get("ALERTS_MAX_CONFIRMATIONS_PER_HOUR", "200"))
ALERTS_SETTLE_SECONDS = 300  # methods published this recently wait for the next digest (index lag)

WAGTAIL_SITE_NAME = "Preventiecatalogus Mensenhandel"
WAGTAIL_I18N_ENABLED = False
# No third-party requests from the admin either: avatars from Gravatar would leak
# editors' e-mail hashes and fail on closed municipal networks.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# ...nor the dashboard's fetch of releases.wagtail.org/latest.txt (the admin's CSP blocks it anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public site's address, for links in mails sent without a request (the alert digests).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL)

# Wagtail's own admin search (pages, images, documents) stays on the database;
# the public catalogue search is ours, in the search app.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public catalogue search engine (see search/engine.py and docs/search-engine.md).
# One URL (a node or a load balancer) or several, comma-separated, for the nodes of a
# cluster: a request is then retried on another node when one is gone.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
# Ask the cluster for its nodes (start, and after a failed node); only when the site
# reaches every node directly, never behind a load balancer or a managed service's endpoint.
SEARCH_SNIFF = os.environ.get("SEARCH_SNIFF", "false").lower() == "true"
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "preventiecatalogus")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "2.0"))
# TLS for a real cluster: a CA bundle for a private CA; verification stays on unless disabled.
SEARCH_CA_CERTS = os.environ.get("SEARCH_CA_CERTS", "")
SEARCH_VERIFY_CERTS = os.environ.get("SEARCH_VERIFY_CERTS", "true").lower() != "false"
# One local node has nowhere to put replicas; a real cluster sets 1 or more.
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))

# Licence of the open-data downloads (/open-data/), shown there and in the data package.
OPEN_DATA_LICENSE = {
    "id": os.environ.get("OPEN_DATA_LICENSE_ID", "CC-BY-4.0"),
    "title": os.environ.get("OPEN_DATA_LICENSE_TITLE", "Creative Commons Naamsvermelding 4.0 Internationaal"),
    "url": os.environ.get("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/deed.nl"),
}

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Refuse decompression bombs: Pillow raises above this many pixels.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
# ...and beyond Pillow's own hard limit (DecompressionBombError) or a corrupt file: a message, not a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "methods.images.ImageForm"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "webp": "webp", "avif": "avif"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "methods": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Failed logins and lockouts (username, address), for the operator's log.
        "axes": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
