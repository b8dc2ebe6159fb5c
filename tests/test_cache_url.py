"""CACHE_URL names the cache the page cache and the API rate limit use."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from catalogue.cache_url import parse

ROOT = Path(__file__).resolve().parent.parent


def test_redis_keeps_password_and_database_in_the_location():
    assert parse("redis://:geheim@cache.internal:6380/2?key_prefix=catalogus&timeout=300") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://:geheim@cache.internal:6380/2",
        "KEY_PREFIX": "catalogus",
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    assert parse("rediss://cache.internal:6379/0")["LOCATION"] == "rediss://cache.internal:6379/0"


def test_memcached_with_one_or_more_servers():
    assert parse("memcached://127.0.0.1:11211?timeout=5") == {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": "127.0.0.1:11211",
        "TIMEOUT": 5, "OPTIONS": {"connect_timeout": 1, "timeout": 1}}
    assert parse("memcached://a:11211,b:11211")["LOCATION"] == ["a:11211", "b:11211"]


def test_file_locmem_and_dummy():
    assert parse("file:///var/tmp/cache?MAX_ENTRIES=5000") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/var/tmp/cache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    assert parse("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert parse("dummy://")["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"


@pytest.mark.parametrize("url", ["", "mysql://localhost", "memcached://", "file://relative/path"])
def test_a_wrong_url_says_what_is_wrong(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        parse(url)


def test_production_reads_cache_url(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "catalogue.settings.production",
        "DJANGO_SECRET_KEY": "test-only-production-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "catalogus.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "CACHE_URL": "redis://cache.internal:6379/1",
    }
    script = "import json; from django.conf import settings; print(json.dumps(settings.CACHES['default']))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache.internal:6379/1",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}


def test_redis_gets_short_network_timeouts_unless_the_url_sets_others():
    options = parse("redis://10.255.255.1:6379/0")["OPTIONS"]
    assert options["socket_connect_timeout"] <= 1 and options["socket_timeout"] <= 1
    assert parse("redis://cache:6379/0?socket_timeout=0.2")["OPTIONS"]["socket_timeout"] == 0.2
