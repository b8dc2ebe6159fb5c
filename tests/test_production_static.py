"""Production serves its static files: collectstatic with the production settings,
then real requests through the WSGI app (WhiteNoise), as gunicorn would get them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, sys
import django
from django.core.management import call_command
django.setup()
call_command("collectstatic", interactive=False, verbosity=0)
from django.templatetags.static import static
from django.test import Client
client = Client(HTTP_HOST="catalogus.example", HTTP_X_FORWARDED_PROTO="https")
out = {}
for name in sys.argv[1:]:
    url = static(name)
    plain = client.get(url)
    gz = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    out[name] = {
        "url": url, "status": plain.status_code, "cache": plain.get("Cache-Control", ""),
        "type": plain.get("Content-Type", ""), "gzip": gz.get("Content-Encoding", ""),
    }
print(json.dumps(out))
"""

ASSETS = ["vendor/nlds/nlds.css", "css/site.css", "search/search.js", "wagtailadmin/css/core.css"]


def test_production_serves_css_js_and_admin_assets_hashed_compressed_and_cached(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "catalogue.settings.production",
        "DJANGO_SECRET_KEY": "test-only-production-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "catalogus.example",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *ASSETS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    served = json.loads(result.stdout.strip().splitlines()[-1])
    for name, got in served.items():
        stem = Path(name).stem
        assert got["status"] == 200, (name, got)
        assert Path(got["url"]).name != Path(name).name and Path(got["url"]).name.startswith(stem + "."), got
        assert "max-age=315360000" in got["cache"] and "immutable" in got["cache"], got
        assert got["gzip"] == "gzip", got
    assert served["css/site.css"]["type"].startswith("text/css")
    assert "javascript" in served["search/search.js"]["type"]
