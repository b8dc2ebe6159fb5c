"""Catalogue search on the engine: a FacetedSearch with boosts, highlights and disjunctive facets.

The facet filters go into post_filter and each facet's aggregation is filtered by the other
facets only (that is what FacetedSearch does), so ticking an option keeps the counts of the
other options in its facet: OR within a facet, AND across facets.
"""

import functools

from django.utils import translation
from rapidfuzz.distance import Levenshtein

from . import engine
from .documents import index_alias
from .facets import FACETS, FACETS_BY_PARAM
from .params import MAX_RESULT_WINDOW
from .results import Hit, Outcome, num_pages
from .text import fold, search_words, stem
from .vocabulary import is_other_form, max_edits, vocabulary

# Title weighs most, then the summary; the long texts count least.
FIELDS = ("title^6", "title_en^4", "title_en.en^4", "summary^3", "summary_en^2", "summary_en.en^2", "tags^2",
          "goals^2", "approach^2", "body")
# The English interface searches the English title and summary first.
FIELDS_EN = ("title_en^7", "title_en.en^7", "title^5", "summary_en^4", "summary_en.en^4", "summary^3", "tags^2",
             "goals^2", "approach^2", "body")


def fields():
    return FIELDS_EN if (translation.get_language() or "").startswith("en") else FIELDS
# The fuzzy clause looks at the short, well-written fields only: the long texts would
# turn every misspelling into many weak matches.
FUZZY_FIELDS = ("title^6", "title_en^4", "summary^3", "summary_en^2", "tags^2")
FACET_SIZE = 1000
# Fuzzy matching: only words of 5+ letters, the first two letters must match, and each
# word expands to at most a few index terms, so no query can make the engine work hard.
FUZZY_WEIGHT = 0.5
FUZZY_PREFIX_LENGTH = 2
FUZZY_MAX_EXPANSIONS = 10
FUZZY_MAX_WORDS = 8
# Which of the words a method has at all (all_text, scored by rarity, see documents.py)
# weighs most; then whether its title and summary have them. The editors' synonyms are a
# clause of their own: a synonym counts, but a group of many terms for one common word
# ("mensenhandel, human trafficking, trafficking") must not count that word many times
# over, and the literal word ranks above its synonyms.
COVERAGE_WEIGHT = 3.0
LEAD_WEIGHT = 1.0
SYNONYM_WEIGHT = 1.0
# The broader terms the query's slang or abbreviations point to (Synonym.related) count
# less than a word of the query itself.
RELATED_WEIGHT = 2.0
# Added to the score of a method carrying a facet value the query's words name.
FACET_WORD_BOOST = 5.0
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

        def __init__(self, params, *, index, using=None, named=(), related=()):
            self.index = index
            self.named = named
            self.related = related
            self.using = using
            filters = {param: list(values) for param, values in params.filters.items()}
            super().__init__(params.q or None, filters=filters, sort=list(SORTS[params.sort]))

        def search(self):
            return super().search().source(SOURCE).extra(track_total_hits=True)

        def query(self, search, query):
            if not query:
                return search
            full, self._highlight_query = text_query(dsl, query, self.related)
            if self.named:
                # Methods carrying a value the words name ("gemeenteambtenaren") rank higher.
                boosts = [dsl.Q("constant_score", filter=dsl.Q("term", **{FACETS_BY_PARAM[w.param].field: w.value}),
                                boost=FACET_WORD_BOOST) for w in self.named]
                full = dsl.Q("bool", must=[full], should=boosts)
            return search.query(full)

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


def text_query(dsl, query, related=()):
    """Recall first: every word (or one of its synonyms) is optional, and a page ranks by
    how many of them it has (all_text, each word counting its rarity), then by where
    (title and summary above the long texts), so no page is emptied by a "most words must
    match" cut-off. A question is searched for its content words. The whole query as a
    phrase in the title or summary adds a boost; a fuzzy clause at lower weight finds
    misspelt words."""
    content = search_words(query)
    text = " ".join(content) or query
    every_word = dsl.Q("multi_match", query=text, type="cross_fields", operator="or",
                       fields=list(fields()), analyzer="catalogue_dutch")
    coverage = dsl.Q("match", all_text={"query": text, "boost": COVERAGE_WEIGHT, "analyzer": "catalogue_dutch"})
    lead = dsl.Q("match", lead_text={"query": text, "boost": LEAD_WEIGHT, "analyzer": "catalogue_dutch"})
    synonyms = dsl.Q("multi_match", query=text, type="cross_fields", operator="or",
                     fields=["all_text", "lead_text"], auto_generate_synonyms_phrase_query=False,
                     boost=SYNONYM_WEIGHT)
    as_phrase = dsl.Q("multi_match", query=query, type="phrase", slop=2,
                      fields=["title^6", "summary^2"], analyzer="catalogue_dutch")
    clauses = [every_word, coverage, lead, synonyms, as_phrase]
    fuzzy_words = " ".join([w for w in content if len(w) >= 5][:FUZZY_MAX_WORDS])
    if fuzzy_words:
        clauses.append(dsl.Q("multi_match", query=fuzzy_words, type="best_fields", operator="or",
                             fields=list(FUZZY_FIELDS), fuzziness="AUTO:5,9", analyzer="catalogue_dutch",
                             prefix_length=FUZZY_PREFIX_LENGTH, max_expansions=FUZZY_MAX_EXPANSIONS,
                             boost=FUZZY_WEIGHT))
    # Highlights mark the words and their synonyms in the displayed fields.
    highlighted = dsl.Q("multi_match", query=text, type="cross_fields", operator="or",
                        fields=list(fields()), auto_generate_synonyms_phrase_query=False)
    found = dsl.Q("bool", should=clauses, minimum_should_match=1)
    if related:
        # Ranks what the words found; never finds a method on its own.
        found = dsl.Q("bool", must=[found], should=[dsl.Q("match", all_text={
            "query": " ".join(related), "analyzer": "catalogue_dutch", "boost": RELATED_WEIGHT})])
    return found, highlighted


def strict_query(dsl, query):
    """Every word (or a synonym of it) somewhere in the page: the "all words" form that the
    widening notice compares with."""
    return dsl.Q("multi_match", query=" ".join(search_words(query)) or query, type="cross_fields", operator="and",
                 fields=list(fields()), auto_generate_synonyms_phrase_query=False)


def build_search(params, *, flavour=None, using=None, named=(), related=()):
    """The DSL Search for one page of results (with a spelling suggestion when there is a query)."""
    faceted = method_search_class(flavour or engine.dsl().flavour)(params, index=index_alias(), using=using,
                                                                   named=named, related=related)
    start = (params.page - 1) * params.per_page
    search = faceted._s[start:start + params.per_page]
    if params.q:
        # Words the catalogue does not contain get their nearest catalogue word (one or two
        # letters off, any letter, including the first).
        search = search.suggest("spelling", params.q, term={"field": "words", "suggest_mode": "missing",
                                                            "min_word_length": 5, "prefix_length": 0})
        # How many pages (with the chosen filters) have all the words: none means widened.
        dsl = engine.dsl(flavour)
        strict = [strict_query(dsl, params.q)] + [
            dsl.Q("terms", **{FACETS_BY_PARAM[param].field: list(values)})
            for param, values in params.filters.items() if values]
        search.aggs.bucket("strict", "filter", filter=dsl.Q("bool", filter=strict))
    faceted._s = search
    return faceted


def request_body(params, flavour=None):
    """The JSON body sent to the engine (the tests compare it across flavours)."""
    return build_search(params, flavour=flavour)._s.to_dict()


def engine_search(params, named=(), related=()):
    from dataclasses import replace

    conn = engine.client()
    response = build_search(params, using=conn, named=named, related=related).execute()
    total = response.hits.total.value
    last = num_pages(total, params.per_page, MAX_RESULT_WINDOW)
    if params.page > last:
        # Beyond the last page: show the last one.
        params = replace(params, page=last)
        response = build_search(params, using=conn, named=named, related=related).execute()
    counts = {facet.param: {key: count for key, count, _selected in response.facets[facet.param]}
              for facet in FACETS}
    hits = [_hit(hit) for hit in response]
    suggestion = _suggestion(response, params.q) if params.q else ""
    widened = bool(params.q) and total > 0 and response.aggregations.strict.doc_count == 0
    return Outcome(total=total, hits=hits, counts=counts, page=params.page, suggestion=suggestion,
                   widened=widened)


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
    """The query with each unknown word replaced by the engine's best spelling suggestion:
    one letter off for words up to 8 letters, two for longer ones, and never a mere other
    form of the same word ("herkomstland" is found as "herkomstlanden" already), nor for a
    word that is itself another form of a catalogue word ("herken": "herkennen")."""
    suggest = getattr(response, "suggest", None)
    if suggest is None or "spelling" not in suggest:
        return ""
    corrected = fold(query)  # the suggester reports folded, lowercased words
    changed = False
    entries = [entry for entry in suggest["spelling"] if entry.options]
    counts = vocabulary() if entries else {}
    for entry in entries:
        if is_other_form(entry.text, counts):
            continue
        for option in entry.options:
            if Levenshtein.distance(entry.text, option.text) <= max_edits(entry.text) \
                    and stem(option.text) != stem(entry.text):
                corrected = corrected.replace(entry.text, option.text, 1)
                changed = True
                break
    return corrected if changed else ""


def engine_autocomplete(q, limit=8):
    dsl = engine.dsl()
    search = (dsl.Search(using=engine.client(), index=index_alias())
              .query("multi_match", query=q, type="bool_prefix",
                     fields=["autocomplete", "autocomplete._2gram", "autocomplete._3gram"])
              .source(["title", "url"])[:limit])
    return [{"title": hit.title, "url": hit.url} for hit in search.execute()]
