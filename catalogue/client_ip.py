"""The visitor's address, for the login lockout (django-axes) and the API rate limit.

Without a proxy it is REMOTE_ADDR. Behind one or more reverse proxies REMOTE_ADDR is
the proxy's address, so every visitor would share one lockout and one rate limit;
set DJANGO_TRUSTED_PROXY_COUNT to the number of proxies in front of the site that
append to X-Forwarded-For (nginx `proxy_add_x_forwarded_for`, a load balancer...).
The address is then taken that many entries from the right of X-Forwarded-For: the
entries left of it were written by the client and can be forged, the rightmost ones
by proxies we run. With DJANGO_CLIENT_IP_HEADER a proxy that puts the address in a
header of its own (X-Real-IP: HTTP_X_REAL_IP) is trusted instead. Only set either
when every request really passes through the proxy, otherwise anyone can pick their
own address.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        return _valid(request.META.get(header, "")) or remote
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
        if len(forwarded) >= proxies:
            return _valid(forwarded[-proxies]) or remote
    return remote
