"""One entry point for the page and the API: ask the engine when one is configured and
answering, otherwise the database. A failing or slow engine is logged and the visitor
gets the database's answer with a notice, never an error page."""

import logging
from dataclasses import dataclass, field

from . import engine
from .database import database_autocomplete, database_search
from .faceted import engine_autocomplete, engine_search
from .facets import facet_catalogue
from .models import related_terms, synonym_groups
from .params import MAX_RESULT_WINDOW
from .results import Outcome, facet_results, num_pages
from .text import words
from .understanding import facet_words, related_words, suggestions

logger = logging.getLogger(__name__)


@dataclass
class Answer:
    params: object
    total: int
    hits: list
    facets: list
    page: int
    num_pages: int
    suggestion: str
    widened: bool
    facet_suggestions: list  # understanding.FacetSuggestion: filters the query's words name
    backend: str  # "engine" or "database"
    degraded: bool = False  # the engine is configured but the database answered
    catalogue: dict = field(default_factory=dict)


def _with_engine(engine_call, database_call):
    """(result, backend, degraded)."""
    if engine.configured():
        if not engine.breaker.is_open():
            try:
                result = engine_call()
            except engine.errors() as exc:
                engine.breaker.failure(exc)
            else:
                engine.breaker.success()
                return result, "engine", False
        return database_call(), "database", True
    return database_call(), "database", False


def run_search(params, catalogue=None):
    catalogue = catalogue if catalogue is not None else facet_catalogue()
    if params.q and not words(params.q):
        # Only punctuation, emoji or stop words: nothing to search for, and nothing found.
        outcome, backend, degraded = Outcome(0, [], {}, 1), "database", False
        named = []
    else:
        groups = synonym_groups()
        related = related_words(params.q, related_terms()) if params.q else []
        named = facet_words(params.q, catalogue, groups, related) if params.q else []
        outcome, backend, degraded = _with_engine(lambda: engine_search(params, named, related),
                                                  lambda: database_search(params, named, groups, related))
    return Answer(
        params=params, total=outcome.total, hits=outcome.hits,
        facets=facet_results(outcome.counts, params, catalogue), page=outcome.page,
        num_pages=num_pages(outcome.total, params.per_page, MAX_RESULT_WINDOW),
        suggestion=outcome.suggestion, widened=outcome.widened,
        facet_suggestions=suggestions(named, outcome.counts, params) if params.q and outcome.total else [],
        backend=backend, degraded=degraded, catalogue=catalogue,
    )


def autocomplete(q, limit=8):
    if not words(q):
        return []
    result, _backend, _degraded = _with_engine(lambda: engine_autocomplete(q, limit),
                                               lambda: database_autocomplete(q, limit))
    return result
