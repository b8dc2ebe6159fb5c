"""Security headers: the Content-Security-Policy (django-csp) with a separate admin
policy, and the Permissions-Policy.

Public pages get CONTENT_SECURITY_POLICY: scripts, styles, images, fonts and fetches
only from this site's own origin, no inline script, no inline style, no eval, no
plugins, no framing by other sites. The site's templates have no inline <script>,
style attribute or on* handler, so they need no nonce.

The Wagtail admin (/admin/) gets ADMIN_CONTENT_SECURITY_POLICY instead: the same
origin restrictions, but Wagtail 7.4 still renders inline <script> blocks (its
locale and config bootstrap, some widgets' initialisation), inline style attributes
and uses eval-free but inline event code in a few places, so 'unsafe-inline' is
allowed there for script-src and style-src. That is a conscious trade: the admin is
only reachable after a login (with the axes lockout), every editor is trusted, the
content editors enter is escaped/sanitised before it reaches a page, and the weaker
policy still stops loading anything from another origin, plugins and framing.
Nonces would not help: Wagtail's templates do not carry them.
"""

from django.conf import settings
from csp.middleware import CSPMiddleware


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_prefix = getattr(settings, "ADMIN_URL_PREFIX", "/admin/")
        if not report_only and parts.config is None and request.path_info.startswith(admin_prefix):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Switch off the browser features the site never uses (camera, microphone,
    location, payment, ...), for the site and anything it might embed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
