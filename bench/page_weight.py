#!/usr/bin/env python
"""Print the stylesheet weight of a few pages (uncompressed bytes the browser fetches).

    .venv/bin/python bench/page_weight.py [PATH ...]

Renders the pages in-process from the configured database (run `make setup`
first, so the demo catalogue is there); default paths: the home page, a
typical method page and the search page. Exits 1 when a page is over the
budget (catalogue.weight.CSS_BUDGET, 100 KB).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings.dev")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from catalogue.weight import CSS_BUDGET, css_weight  # noqa: E402

DEFAULT_PATHS = ["/", "/methoden/girls-talk/", "/zoeken/"]


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    over = False
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            print(f"{path}: HTTP {response.status_code} (is the demo catalogue loaded? `make setup`)")
            over = True
            continue
        files = css_weight(response.content.decode())
        total = sum(size for _href, size in files)
        flag = "over budget" if total > CSS_BUDGET else "ok"
        print(f"{path}: {total / 1024:.1f} KB CSS in {len(files)} files ({flag}, budget {CSS_BUDGET // 1024} KB)")
        for href, size in files:
            print(f"    {size / 1024:7.1f} KB  {href}")
        over = over or total > CSS_BUDGET
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT_PATHS))
