"""CACHE_URL -> one entry of Django's CACHES.

    redis://[:password@]host:6379/0     Redis (Django's own backend; needs the redis package)
    rediss://...                        Redis over TLS
    memcached://host:11211[,host2:11211] Memcached (pymemcache)
    file:///var/tmp/catalogue-cache     a folder, shared by the processes of one machine
    locmem://                           memory of each process (the default)
    dummy://                            no cache at all

Query parameters become OPTIONS, except `timeout` and `key_prefix`, which are the
entry's own TIMEOUT and KEY_PREFIX (redis://127.0.0.1:6379/1?key_prefix=catalogue).
Redis and Memcached get one-second network timeouts unless the URL sets others: a cache
server that stops answering must slow a page down by a second, not hang it.
"""

from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

NETWORK_TIMEOUTS = {
    "redis": {"socket_connect_timeout": 1, "socket_timeout": 1},
    "rediss": {"socket_connect_timeout": 1, "socket_timeout": 1},
    "memcached": {"connect_timeout": 1, "timeout": 1},
}

BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def _value(text):
    """Numbers as numbers, so OPTIONS such as max_entries reach the backend as it expects them."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def parse(url):
    """A CACHES entry for a cache URL; ImproperlyConfigured names what is wrong."""
    parts = urlsplit(url.strip())
    backend = BACKENDS.get(parts.scheme)
    if backend is None:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with one of {', '.join(s + '://' for s in BACKENDS)}, not {url!r}."
        )
    config = {"BACKEND": backend}
    options = dict(NETWORK_TIMEOUTS.get(parts.scheme, {}))
    for key, value in parse_qsl(parts.query):
        if key == "timeout":
            config["TIMEOUT"] = None if value.lower() == "none" else _value(value)
        elif key == "key_prefix":
            config["KEY_PREFIX"] = value
        else:
            options[key] = _value(value)
    if parts.scheme in ("redis", "rediss"):
        # The redis client reads the password and database number from the URL itself.
        config["LOCATION"] = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    elif parts.scheme == "memcached":
        hosts = [host for host in parts.netloc.split(",") if host]
        if not hosts:
            raise ImproperlyConfigured(f"CACHE_URL {url!r} names no memcached server.")
        config["LOCATION"] = hosts if len(hosts) > 1 else hosts[0]
    elif parts.scheme == "file":
        path = unquote(parts.path)
        if parts.netloc or not path.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL {url!r} needs an absolute folder (file:///path).")
        config["LOCATION"] = path
    elif parts.scheme == "locmem":
        # Each name is its own memory area; locmem:// and locmem://a are different caches.
        config["LOCATION"] = parts.netloc
    if options:
        config["OPTIONS"] = options
    return config
