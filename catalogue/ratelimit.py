"""Rate limit on the public JSON API (/api/...): 429 Too Many Requests with Retry-After.

The counting is django-ratelimit's (fixed windows in the cache, keyed on the client's
address from catalogue.client_ip); this middleware only picks the limit per endpoint
and answers in the API's own JSON shape, which django-ratelimit's decorator (a 403
via PermissionDenied, no Retry-After) does not.

The limits come from settings (API_RATE_LIMITS, env API_RATE_LIMIT and
API_AUTOCOMPLETE_RATE_LIMIT, e.g. "60/m"); an empty value switches a limit off.
The counters live in the cache named by RATELIMIT_USE_CACHE: the per-process memory
cache by default, so with several worker processes each counts on its own (the real
limit is at most workers x the setting). A shared cache (memcached, Redis) in CACHES
makes it exact; see README, "Beveiliging".
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from .client_ip import client_ip


def _key(group, request):
    return client_ip(request)


def _limit_for(path):
    """The (group, rate) for an API path; the longest matching prefix wins."""
    best = None
    for prefix, rate in getattr(settings, "API_RATE_LIMITS", {}).items():
        if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, rate)
    return best


class ApiRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _limit_for(request.path_info)
        if match and match[1]:
            prefix, rate = match
            usage = get_usage(request, group=f"api:{prefix}", key=_key, rate=rate, increment=True)
            if usage and usage["should_limit"]:
                return self._too_many(usage)
        return self.get_response(request)

    @staticmethod
    def _too_many(usage):
        # time_left is -1 when the cache could not count (django-ratelimit then limits).
        retry_after = max(1, usage["time_left"])
        response = JsonResponse(
            {"error": _("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.") % {"seconds": retry_after},
             "retry_after": retry_after},
            status=429, json_dumps_params={"ensure_ascii": False},
        )
        response["Retry-After"] = str(retry_after)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "no-store"
        return response
