"""The NL Design System bundle covers what the templates use, and stays within the weight budget."""

import re
from pathlib import Path

import pytest
from django.test import Client

from catalogue.weight import CSS_BUDGET, css_weight

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "catalogue/static/vendor/nlds/nlds.css"
APPS = ["catalogue", "home", "methods", "search", "pilots", "moderation", "related", "sitepages", "alerts"]


def test_every_design_system_class_the_site_uses_is_in_the_bundle():
    """nlds.css holds only the components the templates name (scripts/build-css.mjs):
    a template that starts using a new one needs `make assets`."""
    css = BUNDLE.read_text(encoding="utf-8")
    used = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if path.suffix in {".html", ".py", ".js"} and "migrations" not in path.parts:
                used |= set(re.findall(r"\butrecht-[a-z0-9_-]*[a-z0-9]", path.read_text(encoding="utf-8")))
    assert "utrecht-button" in used
    missing = sorted(c for c in used if not re.search(r"\." + re.escape(c) + r"(?![a-z0-9_-])", css))
    assert not missing, f"run `make assets`: {missing} are used but not in nlds.css"


def test_bundle_loads_nothing_from_elsewhere():
    css = BUNDLE.read_text(encoding="utf-8")
    assert "@import" not in css
    assert all(url.startswith(("data:", '"data:', "'data:")) for url in re.findall(r"url\(\s*([^)]*)", css))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/methoden/girls-talk/", "/zoeken/", "/"])
def test_stylesheets_stay_within_the_budget(path):
    from sitepages.demo import ensure_site_pages
    from tests.factories.methods import MethodPageFactory, rating

    ensure_site_pages()
    MethodPageFactory(slug="girls-talk", ratings=[rating()])
    files = css_weight(Client().get(path).content.decode())
    assert files
    assert sum(size for _href, size in files) <= CSS_BUDGET, files
