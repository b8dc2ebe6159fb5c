"""No page, public or admin, asks the browser to fetch anything from another host."""

import re

import pytest
from django.contrib.auth import get_user_model

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""")


def external_assets(html):
    # Links in content (sources, owner websites) are fine; assets (scripts, styles, images) are not.
    tags = re.findall(r"<(?:script|link|img|source|iframe)\b[^>]*>", html)
    return [tag for tag in tags if EXTERNAL.search(tag)]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/methoden/", "/methoden/girls-talk/", "/zoeken/?q=loverboy"])
def test_public_pages_load_nothing_from_elsewhere(shared_demo, client, path):
    assert external_assets(client.get(path).content.decode()) == []


@pytest.mark.django_db
def test_admin_loads_nothing_from_elsewhere(client):
    client.force_login(get_user_model().objects.create_superuser("beheer", "beheer@example.nl", "pw"))
    assert external_assets(client.get("/admin/").content.decode()) == []
