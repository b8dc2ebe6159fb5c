from urllib.parse import unquote, urlsplit

from django import template

from methods.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitized HTML."""
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def url_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def url_domain(url):
    """'https://www.nji.nl/interventies/x' -> 'nji.nl': reads better than a bare URL."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.") or url


@register.filter
def url_path(url):
    """The readable rest of a URL after its domain ('/interventies/girls-talk'), or ''."""
    parts = urlsplit(url or "")
    path = unquote(parts.path).rstrip("/")
    if parts.query:
        path += "?" + unquote(parts.query)
    return path if path not in ("", "/") else ""


@register.simple_tag
def contact_page_url():
    """The redactie's contact page, once it exists (created by load_demo); else ''."""
    from wagtail.models import Page

    page = Page.objects.live().public().filter(slug="contact").first()
    return page.url if page else ""
