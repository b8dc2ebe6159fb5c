"""Catalogue search on the engine: a FacetedSearch with boosts, highlights and disjunctive facets.

The facet filters go into post_filter and each facet's aggregation is filtered by the other
facets only (that is what FacetedSearch does), so ticking an option keeps the counts of the
other options in its facet: OR within a facet, AND across facets.
"""

import functools

from . import engine
from .documents import index_alias
from .facets import FACETS
from .params import MAX_RESULT_WINDOW
from .results import Hit, Outcome, num_pages
from .text import fold

# Title weighs most, then the summary; the long texts count least.
FIELDS = ("title^6", "title_en^4", "summary^3", "summary_en^2", "tags^2", "goals^2", "approach^2", "body")
FACET_SIZE = 1000
MINIMUM_SHOULD_MATCH = "2<-34%"
SORTS = {
    "relevantie": ("_score", {"evidence_level": "desc"}, "title.sort"),
    "bewijs": ({"evidence_level": "desc"}, "_score", "title.sort"),
    "nieuwste": ({"first_published_at": {"order": "desc", "missing": "_last"}}, "title.sort"),
    "titel": ("title.sort",),
}
SOURCE = ["page_id", "slug", "title", "url", "summary", "evidence", "evidence_level", *(f.field for f in FACETS)]


@functools.cache
def method_search_class(flavour):
    """The FacetedSearch subclass for one DSL flavour (both share the elasticsearch-dsl API)."""
    dsl = engine.dsl(flavour)

    class MethodSearch(dsl.FacetedSearch):
        fields = FIELDS
        facets = {facet.param: dsl.TermsFacet(field=facet.field, size=FACET_SIZE) for facet in FACETS}

        def __init__(self, params, *, index, using=None):
            self.index = index
            self.using = using
            filters = {param: list(values) for param, values in params.filters.items()}
            super().__init__(params.q or None, filters=filters, sort=list(SORTS[params.sort]))

        def search(self):
            return super().search().source(SOURCE).extra(track_total_hits=True)

        def query(self, search, query):
            if not query:
                return search
            # multi_match takes the text as plain words: quotes, brackets, *, :, ~ are not syntax.
            # cross_fields: each word (or one of its synonyms) may be found in any field; all of
            # one or two words must match, of more words one in three may be missing
            # (database.required_matches). Multi-word synonyms match as words, not phrases:
            # their stop words were taken out.
            every_word = dsl.Q("multi_match", query=query, type="cross_fields", operator="or",
                               minimum_should_match=MINIMUM_SHOULD_MATCH, fields=list(FIELDS),
                               auto_generate_synonyms_phrase_query=False)
            as_phrase = dsl.Q("multi_match", query=query, type="phrase", slop=2,
                              fields=["title^6", "summary^2"], auto_generate_synonyms_phrase_query=False)
            self._highlight_query = every_word
            return search.query(dsl.Q("bool", must=[every_word], should=[as_phrase]))

        def highlight(self, search):
            # Highlight the words, not the phrase boost: with the phrase clause in the
            # highlight query, titles and summaries without the whole phrase got no marks.
            words_only = getattr(self, "_highlight_query", None)
            if words_only is not None:
                search = search.highlight_options(highlight_query=words_only.to_dict())
            return (
                search.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
                .highlight("title", "summary", number_of_fragments=0)
                .highlight("goals", "approach", "body", fragment_size=160, number_of_fragments=1)
            )

    return MethodSearch


def build_search(params, *, flavour=None, using=None):
    """The DSL Search for one page of results (with a spelling suggestion when there is a query)."""
    faceted = method_search_class(flavour or engine.dsl().flavour)(params, index=index_alias(), using=using)
    start = (params.page - 1) * params.per_page
    search = faceted._s[start:start + params.per_page]
    if params.q:
        search = search.suggest("spelling", params.q, term={"field": "words", "suggest_mode": "missing",
                                                            "min_word_length": 3})
    faceted._s = search
    return faceted


def request_body(params, flavour=None):
    """The JSON body sent to the engine (the tests compare it across flavours)."""
    return build_search(params, flavour=flavour)._s.to_dict()


def engine_search(params):
    from dataclasses import replace

    conn = engine.client()
    response = build_search(params, using=conn).execute()
    total = response.hits.total.value
    last = num_pages(total, params.per_page, MAX_RESULT_WINDOW)
    if params.page > last:
        # Beyond the last page: show the last one.
        params = replace(params, page=last)
        response = build_search(params, using=conn).execute()
    counts = {facet.param: {key: count for key, count, _selected in response.facets[facet.param]}
              for facet in FACETS}
    hits = [_hit(hit) for hit in response]
    suggestion = _suggestion(response, params.q) if total == 0 and params.q else ""
    return Outcome(total=total, hits=hits, counts=counts, page=params.page, suggestion=suggestion)


def _hit(hit):
    source = hit.to_dict()
    highlight = getattr(hit.meta, "highlight", None)
    highlight = highlight.to_dict() if highlight is not None else {}
    return Hit(
        page_id=int(hit.meta.id), slug=source["slug"], title=source["title"], url=source["url"],
        summary=source["summary"], evidence_level=source["evidence_level"], evidence=source["evidence"],
        facets={facet.param: _as_list(source.get(facet.field)) for facet in FACETS},
        highlights={
            "title": (highlight.get("title") or [None])[0],
            "summary": (highlight.get("summary") or [None])[0],
            "text": [fragment for name in ("goals", "approach", "body") for fragment in highlight.get(name, [])][:2],
        },
    )


def _as_list(value):
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _suggestion(response, query):
    """The query with each unknown word replaced by the engine's best spelling suggestion."""
    suggest = getattr(response, "suggest", None)
    if suggest is None or "spelling" not in suggest:
        return ""
    corrected = fold(query)  # the suggester reports folded, lowercased words
    changed = False
    for entry in suggest["spelling"]:
        if entry.options:
            corrected = corrected.replace(entry.text, entry.options[0].text, 1)
            changed = True
    return corrected if changed else ""


def engine_autocomplete(q, limit=8):
    dsl = engine.dsl()
    search = (dsl.Search(using=engine.client(), index=index_alias())
              .query("multi_match", query=q, type="bool_prefix",
                     fields=["autocomplete", "autocomplete._2gram", "autocomplete._3gram"])
              .source(["title", "url"])[:limit])
    return [{"title": hit.title, "url": hit.url} for hit in search.execute()]
