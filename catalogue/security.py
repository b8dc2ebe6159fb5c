"""Security headers: the Content-Security-Policy (django-csp) with a separate admin
policy, and the Permissions-Policy.

Public pages get CONTENT_SECURITY_POLICY: scripts, styles, images, fonts and fetches
only from this site's own origin, no inline script, no inline style, no eval, no
plugins, no framing by other sites. The site's templates have no inline <script>,
style attribute or on* handler, so they need no nonce.

The Wagtail admin (/admin/) gets ADMIN_CONTENT_SECURITY_POLICY instead: the same
origin restrictions, plus 'unsafe-inline' for script-src and style-src (and blob: for
images and workers, so client-side previews of uploads can show; not separately tested). Measured in Chromium with the strict
policy on the admin: Wagtail 7.4 runs inline <script> blocks on the explorer, the page
editor and the user list, and Draftail (rich text) sets inline styles; the hashes
differ per page and content, and Wagtail's templates carry no nonce, so neither hashes
nor nonces are an option. The trade is conscious: the admin is only reachable after a
login (with the axes lockout), editors are trusted, what they enter is escaped or
sanitised before it reaches a public page (public pages keep the strict policy; the
live preview, served under /admin/, gets the admin one), and the admin policy still forbids other origins, plugins and framing.
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
