"""The one module that knows which search engine we talk to.

SEARCH_ENGINE picks the flavour: "opensearch" (opensearch-py and its DSL) or
"elasticsearch" (elasticsearch-py 8 and elasticsearch.dsl). Both DSLs descend from
elasticsearch-dsl and share their API, so every other module takes the DSL from
`dsl()` and the client from `client()`, and never imports either package itself.
"""

import functools
import logging
import threading
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

        from opensearchpy import helpers

        namespace = {name: getattr(lib, name) for name in _DSL_NAMES}
        namespace.update(
            Client=lib.OpenSearch,
            streaming_bulk=helpers.streaming_bulk,
            NotFoundError=exceptions.NotFoundError,
            # Anything the client or the DSL raises when the engine is down, slow or refuses.
            errors=(exceptions.OpenSearchException, exceptions.OpenSearchDslException),
        )
    elif flavour == "elasticsearch":
        import elastic_transport
        import elasticsearch
        from elasticsearch import dsl as lib

        from elasticsearch import helpers

        namespace = {name: getattr(lib, name) for name in _DSL_NAMES}
        namespace.update(
            Client=elasticsearch.Elasticsearch,
            streaming_bulk=helpers.streaming_bulk,
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


SNIFF_INTERVAL = 60.0  # seconds between re-reading the cluster's node list when sniffing


@functools.cache
def _client(flavour, urls, timeout, ca_certs, verify, sniff=False):
    hosts, auths = zip(*(_split_url(url) for url in urls.split(",") if url.strip()), strict=True)
    auth = next((a for a in auths if a), None)
    tls = {"verify_certs": verify}
    if ca_certs:
        tls["ca_certs"] = ca_certs
    # With several nodes a request that finds one gone (refused, reset, timed out, 502-504)
    # is sent to the next node at once, so losing a node is neither an error for the visitor
    # nor a failure for the breaker; the failed node rests in the client's dead list for a
    # while. One URL (one node, or a load balancer that does its own failing over) is not
    # retried: the visitor would wait twice for the same node.
    retries = {"max_retries": len(hosts) - 1, "retry_on_timeout": len(hosts) > 1}
    if flavour == "opensearch":
        if sniff:
            # Sniffed nodes come without a scheme: keep TLS when the given URLs use it.
            retries.update(sniff_on_start=True, sniff_on_connection_fail=True,
                           sniffer_timeout=SNIFF_INTERVAL, sniff_timeout=timeout,
                           use_ssl=all(host.startswith("https:") for host in hosts))
        return dsl(flavour).Client(
            hosts=list(hosts), http_auth=auth, timeout=timeout, ssl_show_warn=verify, **retries, **tls,
        )
    if sniff:
        retries.update(sniff_on_start=True, sniff_on_node_failure=True,
                       min_delay_between_sniffing=SNIFF_INTERVAL, sniff_timeout=timeout)
    return dsl(flavour).Client(
        hosts=list(hosts), basic_auth=auth, request_timeout=timeout, ssl_show_warn=verify, **retries, **tls,
    )


def redacted_url():
    """SEARCH_URL without passwords, for messages and logs."""
    return ",".join(_split_url(url)[0] for url in settings.SEARCH_URL.split(",") if url.strip())


def client(timeout=None):
    """A client for SEARCH_URL (cached per configuration, so connection pools are reused).

    Requests time out after SEARCH_TIMEOUT seconds; only a SEARCH_URL of several nodes
    retries them, on another node: a visitor waiting on a slow engine gets the database
    answer instead. Bulk work asks for a longer timeout. SEARCH_SNIFF asks the cluster for
    its nodes (only where the site can reach every node directly, not behind a balancer).
    """
    return _client(
        settings.SEARCH_ENGINE, settings.SEARCH_URL, timeout or settings.SEARCH_TIMEOUT,
        getattr(settings, "SEARCH_CA_CERTS", "") or None, getattr(settings, "SEARCH_VERIFY_CERTS", True),
        getattr(settings, "SEARCH_SNIFF", False),
    )


# The few index-management calls whose signatures differ between the two clients.

def create_index(conn, name, body):
    if settings.SEARCH_ENGINE == "elasticsearch":
        return conn.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
    return conn.indices.create(index=name, body=body)


def update_aliases(conn, actions):
    if settings.SEARCH_ENGINE == "elasticsearch":
        return conn.indices.update_aliases(actions=actions)
    return conn.indices.update_aliases(body={"actions": actions})


def index_document(conn, index, doc_id, doc, refresh=True):
    """Write one document through the alias; require_alias stops the engine from
    auto-creating a concrete index under the alias name when no index exists yet."""
    if settings.SEARCH_ENGINE == "elasticsearch":
        return conn.index(index=index, id=doc_id, document=doc, refresh=refresh, require_alias=True)
    return conn.index(index=index, id=doc_id, body=doc, refresh=refresh, require_alias=True)


def _status(exc):
    """The HTTP status the engine answered with, or None when it did not answer at all."""
    for value in (getattr(exc, "status_code", None), getattr(getattr(exc, "meta", None), "status", None),
                  getattr(exc, "status", None)):
        if isinstance(value, int):
            return value
    return None


def _is_timeout(exc):
    return "timeout" in type(exc).__name__.lower() or isinstance(exc, TimeoutError)


PROBE_TIMEOUT = 1.0  # seconds the health check after a timeout may take
OWN_COST = "request"  # this request was too expensive or malformed: the engine is fine
OUTAGE = "outage"  # the engine (or every node of it) did not answer


def classify(exc, probe=True):
    """Whose fault is a failed engine call: OWN_COST or OUTAGE.

    An answer with a status is the engine working: 400 (a query it refuses, e.g. too
    many clauses or a result window too large) and 500 (a query that failed while being
    run) are the request's own doing. 429 and 502/503/504 (overloaded, no shard
    available, a proxy without a backend) and no answer at all (connection refused,
    reset, DNS) are an outage. A timeout is ambiguous: if the engine answers a cheap
    health check at once, only this request was slow (its own cost); if not, it is down."""
    status = _status(exc)
    if status is not None:
        return OUTAGE if status in (404, 408, 429) or status >= 502 else OWN_COST
    if _is_timeout(exc) and probe:
        try:
            client(timeout=PROBE_TIMEOUT).cluster.health(local=True)
        except errors():
            return OUTAGE
        return OWN_COST
    return OUTAGE


class _Breaker:
    """Skip the engine for a while once it is really down, instead of making every visitor
    wait for the same timeout; the database answers meanwhile.

    One request cannot open it: only an outage counts (see classify), and only `threshold`
    outage failures within `window` seconds, from any requests, open it, for `pause`
    seconds. After the pause the next request tries the engine again ("half open"): a
    success closes the breaker, a failure opens it again at once."""

    pause = 30.0
    threshold = 3
    window = 30.0

    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def is_open(self):
        return time.monotonic() < self.down_until

    def failure(self, exc):
        """Record a failed engine call; returns OWN_COST or OUTAGE."""
        kind = classify(exc)
        if kind == OWN_COST:
            logger.warning("Search engine refused or could not finish one request (answered from the "
                           "database, engine still in use): %s", exc)
            return kind
        now = time.monotonic()
        with self._lock:
            self.failures = [t for t in self.failures if now - t < self.window] + [now]
            half_open = self.down_until > 0.0
            if half_open or len(self.failures) >= self.threshold:
                logger.error("Search engine unavailable, answering from the database for %.0f s: %s",
                             self.pause, exc)
                self.down_until = now + self.pause
                self.failures = []
            else:
                logger.warning("Search engine failed to answer (%s of %s before switching to the "
                               "database): %s", len(self.failures), self.threshold, exc)
        return kind

    def success(self):
        if self.failures or self.down_until:
            with self._lock:
                self.failures = []
                self.down_until = 0.0

    def reset(self):
        self.down_until = 0.0
        self.failures = []


breaker = _Breaker()
