"""'Does this already exist?': live methods most like a title and summary.

Used by the editor's "Bestaat dit al?" panel and the public "Vergelijkbare methoden" block.
With an engine configured this is its more_like_this query; without one (or when the
engine fails) a token-overlap score over the live pages, computed here in Python.
"""

import logging

from methods.models import MethodPage

from . import engine
from .text import tokens

logger = logging.getLogger(__name__)

# Below this overlap two texts share little more than a common word.
MIN_SCORE = 0.05


def similar_methods(*, title: str, summary: str, text: str = "", exclude_page_id: int | None = None,
                    limit: int = 5) -> list[MethodPage]:
    """Live, public methods most similar to the given text, most similar first."""
    if not (title or summary or text).strip() or limit <= 0:
        return []
    # The engine-or-database choice and the fallback of the catalogue search (one path).
    from .service import _with_engine

    ids, _backend, _degraded = _with_engine(
        lambda: engine_similar_ids(title=title, summary=summary, text=text,
                                   exclude_page_id=exclude_page_id, limit=limit),
        lambda: database_similar_ids(title=title, summary=summary, text=text,
                                     exclude_page_id=exclude_page_id, limit=limit))
    return _pages_in_order(ids)


def engine_similar_ids(*, title, summary, text="", exclude_page_id=None, limit=5):
    """Page ids from the engine's more_like_this over the indexed method texts."""
    from .documents import index_alias

    dsl = engine.dsl()
    like = "\n".join(part for part in (title, title, summary, text) if part)  # title twice: it weighs most
    search = dsl.Search(using=engine.client(), index=index_alias()).query(
        "more_like_this", fields=["title", "title_en", "summary", "summary_en", "goals", "approach"],
        like=like, min_term_freq=1, min_doc_freq=1, max_query_terms=40, minimum_should_match="20%",
    )
    if exclude_page_id is not None:
        search = search.exclude("term", page_id=exclude_page_id)
    response = search.source(False)[:limit].execute()
    return [int(hit.meta.id) for hit in response]


def database_similar_ids(*, title, summary, text="", exclude_page_id=None, limit=5):
    """Page ids ranked by word overlap (Jaccard) of title + summary, with the title
    counted again on its own and extra text adding a little."""
    query_main = tokens(f"{title} {summary}")
    query_title = tokens(title)
    query_text = tokens(text)
    if not (query_main or query_text):
        return []
    candidates = MethodPage.objects.live().public()
    if exclude_page_id is not None:
        candidates = candidates.exclude(pk=exclude_page_id)
    scored = []
    for pk, page_title, page_summary, title_en, summary_en in candidates.values_list(
        "pk", "title", "summary", "title_en", "summary_en"
    ):
        page_main = tokens(f"{page_title} {page_summary} {title_en} {summary_en}")
        if not page_main:
            continue
        score = _jaccard(query_main, page_main)
        score += 0.5 * _jaccard(query_title, tokens(f"{page_title} {title_en}"))
        if query_text:
            score += 0.25 * len(query_text & page_main) / len(page_main)
        if score >= MIN_SCORE:
            scored.append((score, page_title.lower(), pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [pk for _score, _title, pk in scored[:limit]]


def _jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


def _pages_in_order(ids):
    pages = MethodPage.objects.live().public().filter(pk__in=ids).select_related("owner_organisation").in_bulk()
    return [pages[pk] for pk in ids if pk in pages]
