"""The one module that knows which search engine we talk to.

SEARCH_ENGINE picks the flavour: "opensearch" (opensearch-py and its DSL) or
"elasticsearch" (elasticsearch-py 8 and elasticsearch.dsl). Both DSLs descend from
elasticsearch-dsl and share their API, so every other module takes the DSL from
`dsl()` and the client from `client()`, and never imports either package itself.
"""

import functools
import logging
import time
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger(__name__)

FLAVOURS = ("opensearch", "elasticsearch")

_DSL_NAMES = (
    "A", "Q", "Search", "MultiSearch", "FacetedSearch", "TermsFacet", "Index",
    "analyzer", "token_filter", "tokenizer",
    "Keyword", "Text", "Integer", "Date", "Boolean", "SearchAsYouType",
)


@functools.cache
def _load(flavour):
    if flavour == "opensearch":
        import opensearchpy as lib
        from opensearchpy import exceptions

        namespace = {name: getattr(lib, name) for name in _DSL_NAMES}
        namespace.update(
            Client=lib.OpenSearch,
            NotFoundError=exceptions.NotFoundError,
            # Anything the client or the DSL raises when the engine is down, slow or refuses.
            errors=(exceptions.OpenSearchException, exceptions.OpenSearchDslException),
        )
    elif flavour == "elasticsearch":
        import elastic_transport
        import elasticsearch
        from elasticsearch import dsl as lib

        namespace = {name: getattr(lib, name) for name in _DSL_NAMES}
        namespace.update(
            Client=elasticsearch.Elasticsearch,
            NotFoundError=elasticsearch.NotFoundError,
            errors=(elasticsearch.ApiError, elastic_transport.TransportError,
                    lib.exceptions.ElasticsearchDslException),
        )
    else:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(FLAVOURS)}, not {flavour!r}")
    return SimpleNamespace(flavour=flavour, **namespace)


def dsl(flavour=None):
    """The DSL namespace (Search, Q, FacetedSearch, ...) of a flavour, by default the configured one."""
    return _load(flavour or settings.SEARCH_ENGINE)


def configured():
    """True when SEARCH_URL names an engine; empty means the embedded database search."""
    return bool(settings.SEARCH_URL.strip())


def errors():
    """Exception classes meaning 'the engine could not answer'."""
    return dsl().errors + (OSError,)


def _split_url(url):
    """'https://user:secret@host:9200' -> ('https://host:9200', ('user', 'secret'))."""
    parts = urlsplit(url.strip())
    auth = None
    if parts.username is not None:
        auth = (unquote(parts.username), unquote(parts.password or ""))
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme or "http", netloc, parts.path, "", "")), auth


@functools.cache
def _client(flavour, urls, timeout, ca_certs, verify):
    hosts, auths = zip(*(_split_url(url) for url in urls.split(",") if url.strip()), strict=True)
    auth = next((a for a in auths if a), None)
    tls = {"verify_certs": verify}
    if ca_certs:
        tls["ca_certs"] = ca_certs
    if flavour == "opensearch":
        return dsl(flavour).Client(
            hosts=list(hosts), http_auth=auth, timeout=timeout, max_retries=0, retry_on_timeout=False,
            ssl_show_warn=verify, **tls,
        )
    return dsl(flavour).Client(
        hosts=list(hosts), basic_auth=auth, request_timeout=timeout, max_retries=0, retry_on_timeout=False,
        ssl_show_warn=verify, **tls,
    )


def client():
    """A client for SEARCH_URL (cached per configuration, so connection pools are reused).

    Requests time out after SEARCH_TIMEOUT seconds and are not retried: a visitor waiting
    on a slow engine gets the database answer instead. Bulk work passes its own timeout.
    """
    return _client(
        settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_TIMEOUT,
        getattr(settings, "SEARCH_CA_CERTS", "") or None, getattr(settings, "SEARCH_VERIFY_CERTS", True),
    )


class _Breaker:
    """After a failure, skip the engine for a little while instead of making every
    visitor wait for the same timeout; the database answers meanwhile."""

    pause = 30.0

    def __init__(self):
        self.down_until = 0.0

    def is_open(self):
        return time.monotonic() < self.down_until

    def trip(self, exc):
        logger.error("Search engine unavailable, answering from the database: %s", exc)
        self.down_until = time.monotonic() + self.pause

    def reset(self):
        self.down_until = 0.0


breaker = _Breaker()
