"""Page weight: how many bytes of stylesheet a page makes the browser fetch.

Used by bench/page_weight.py (the figure in the README) and the tests that keep
a method page's CSS under budget (issue 8: at most 100 KB uncompressed).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

CSS_BUDGET = 100 * 1024


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])


def stylesheets(html):
    parser = _Links()
    parser.feed(html)
    return parser.stylesheets


def static_file(href):
    """The file behind a /static/ URL (hashed names from the manifest included)."""
    path = re.sub(r"[?#].*$", "", href)
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"{href} is not a static file")
    name = path[len(settings.STATIC_URL):]
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file():
        return collected
    found = finders.find(name)
    if not found:
        raise ValueError(f"{href}: no such static file")
    return Path(found)


def css_weight(html):
    """[(href, bytes)] for every stylesheet the page links."""
    return [(href, static_file(href).stat().st_size) for href in stylesheets(html)]
