"""Find the fixed pages by their role, once per request."""

from django import template

from sitepages.models import FOOTER_ROLES, ContactPage, InfoPage, Role

register = template.Library()


def _pages(context):
    request = context.get("request")
    cached = getattr(request, "_site_pages", None) if request is not None else None
    if cached is not None:
        return cached
    pages = {page.role: page for page in InfoPage.objects.live().public().exclude(role="").order_by("-pk")}
    contact = ContactPage.objects.live().public().first()
    if contact is not None:
        pages[Role.CONTACT] = contact
    if request is not None:
        request._site_pages = pages
    return pages


@register.simple_tag(takes_context=True)
def site_page_url(context, role):
    """URL of the live page with this role, or "" when there is none."""
    page = _pages(context).get(role)
    return page.url if page is not None else ""


@register.simple_tag(takes_context=True)
def footer_pages(context):
    pages = _pages(context)
    return [pages[role] for role in FOOTER_ROLES if role in pages]
