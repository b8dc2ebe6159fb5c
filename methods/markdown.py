"""Markdown to safe HTML.

Everything editors or import files write in Markdown passes through here: Python-Markdown
renders it, then nh3 keeps only an allow-list of tags, attributes and URL schemes, so raw
HTML in the source (script, event handlers, javascript:/data: links, SVG) never reaches a page.

nh3 parses the HTML the way a browser does, so entity and whitespace tricks
(``&#106;avascript:``, ``java&#x09;script:``) are decoded before the scheme is checked.
"""

import markdown as md
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
# Relative links (/methoden/...) stay allowed; every other scheme, data: included, is dropped.
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Not "extra": its attr_list and md_in_html let writers put attributes and raw HTML
# blocks into the output, and footnotes need ids the allow-list drops anyway.
EXTENSIONS = ["tables", "fenced_code", "abbr", "sane_lists"]
# Far above any method text; keeps a hostile import from spending minutes in the parser.
MAX_SOURCE_LENGTH = 200_000


def render_markdown(text):
    """Sanitized HTML for a Markdown string, marked safe for templates."""
    if not text:
        return mark_safe("")
    text = str(text)[:MAX_SOURCE_LENGTH]
    html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above
