"""Site-wide views."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from search import engine

# A load balancer checks every few seconds; an engine this slow counts as down.
HEALTH_TIMEOUT = 2.0


def switch_language(request, language):
    """The language switch as a plain link (/taal/en/?next=/methoden/...), so an
    English page can be shared and the switch works without a form. It only sets
    a preference cookie, which is why a GET is fine here."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@never_cache
def healthz(request):
    """For the load balancer: 200 when the database and the search engine answer, 503
    (with which one failed) when not. Without SEARCH_URL the database is the search."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    if engine.configured():
        try:
            health = engine.client(timeout=HEALTH_TIMEOUT).cluster.health()
            status = health.get("status", "red")
            checks["search"] = "ok" if status in ("green", "yellow") else f"error: cluster {status}"
        except (*engine.errors(), ValueError) as exc:
            checks["search"] = f"error: {type(exc).__name__}"
    else:
        checks["search"] = "database"
    healthy = all(value in ("ok", "database") for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
