"""The index document for live, public method pages: its settings, mapping and contents.

One flat document per method. Text fields use a Dutch analyser (lowercase, asciifolding,
Dutch stop words, Dutch stemmer); at search time the editors' synonyms are expanded on top.
Every facet has a keyword field holding the same values the URL carries (slugs, ids).
The bodies are plain dicts, identical for OpenSearch and Elasticsearch.
"""

from pathlib import Path

from django.conf import settings

from methods.models import MethodPage

from .facets import FACETS
from .text import DUTCH_STOPWORDS, fold, markdown_text

TEXT_FIELDS = ("title", "title_en", "summary", "summary_en", "goals", "approach", "body", "tags")
# The MethodPage fields whose words are searchable: one definition for both backends (the
# index's text fields are made of them, the database search's vocabulary and the
# decompounding word list read them too).
TEXT_SOURCES = MethodPage.SEARCH_TEXT_FIELDS


def index_alias():
    """The name searches use; it always points at exactly one complete index."""
    return f"{settings.SEARCH_INDEX_PREFIX}-methods"


def engine_synonym_rules(groups):
    """Synonym groups as synonym_graph rules, stop words taken out of every term.

    The rules are analysed by the filters before the synonym filter (stop words, stemmer);
    a stop word would leave a hole that makes the engine drop the rule. With the stop words
    out, "uitbuiting op het werk" becomes "uitbuiting werk", which still matches that
    text, because the query analyser removes the same words."""
    rules = []
    for group in groups:
        terms = []
        for term in group:
            kept = " ".join(w for w in fold(term).replace("-", " ").split() if w not in DUTCH_STOPWORDS)
            if kept and kept not in terms:
                terms.append(kept)
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


COMPOUND_PARTS_FILE = Path(__file__).resolve().parent / "data" / "compound-parts.txt"
MIN_PART = 4


def curated_compound_parts():
    lines = COMPOUND_PARTS_FILE.read_text(encoding="utf-8").splitlines()
    return {fold(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def compound_parts(vocabulary=None):
    """The decompounder's word list: every catalogue word of 4+ letters that occurs inside
    a longer catalogue word (so "migranten" in "arbeidsmigranten", "seks" in "seksuele"),
    plus the curated parts in search/data/compound-parts.txt. A word found inside a
    longer word is indexed as an extra token at the same position."""
    if vocabulary is None:
        from .vocabulary import vocabulary as catalogue_vocabulary

        vocabulary = catalogue_vocabulary()
    known = {w for w in vocabulary if len(w) >= MIN_PART and w.isalpha()}
    inside = set()
    for word in known:
        n = len(word)
        if n <= MIN_PART:
            continue
        for i in range(n):
            for j in range(i + MIN_PART, n + 1 if i else n):
                inside.add(word[i:j])
    return sorted((known & inside) | curated_compound_parts())


def _analysis(synonym_groups, word_list):
    base_filters = ["lowercase", "asciifolding", "catalogue_decompound", "catalogue_dutch_stop",
                    "catalogue_dutch_stemmer"]
    return {
        "filter": {
            # Dutch compounds: "arbeidsmigrantenhuisvesting" also yields "arbeidsmigranten",
            # "huisvesting" and so meets "huisvesting van arbeidsmigranten".
            "catalogue_decompound": {"type": "dictionary_decompounder", "word_list": word_list or ["catalogus"],
                                     "min_subword_size": MIN_PART, "only_longest_match": True},
            "catalogue_dutch_stop": {"type": "stop", "stopwords": list(DUTCH_STOPWORDS)},
            "catalogue_dutch_stemmer": {"type": "stemmer", "language": "dutch"},
            "english_possessive": {"type": "stemmer", "language": "possessive_english"},
            "english_stop": {"type": "stop", "stopwords": "_english_"},
            "english_stemmer": {"type": "stemmer", "language": "english"},
            # Rules pass through the filters before this one, so they match stemmed words.
            # An empty rule list is refused, hence the harmless placeholder.
            "catalogue_synonyms": {"type": "synonym_graph", "lenient": True,
                                   "synonyms": engine_synonym_rules(synonym_groups) or ["catalogus, catalogus"]},
        },
        "analyzer": {
            "catalogue_dutch": {"type": "custom", "tokenizer": "standard", "filter": base_filters},
            "catalogue_dutch_search": {"type": "custom", "tokenizer": "standard",
                                       "filter": [*base_filters, "catalogue_synonyms"]},
            # English titles and summaries are also analysed as English (sub-field .en).
            "catalogue_english": {"type": "custom", "tokenizer": "standard",
                                  "filter": ["english_possessive", "lowercase", "asciifolding", "english_stop",
                                             "english_stemmer"]},
            # Unstemmed words for "did you mean": suggestions must be real words.
            "catalogue_words": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
        },
        "normalizer": {
            "catalogue_sort": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }


def _text(lead=False, **extra):
    copy_to = ["words", "all_text", *(["lead_text"] if lead else [])]
    return {"type": "text", "analyzer": "catalogue_dutch", "search_analyzer": "catalogue_dutch_search",
            "copy_to": copy_to, **extra}


def _catch_all(**extra):
    return {"type": "text", "analyzer": "catalogue_dutch", "search_analyzer": "catalogue_dutch_search", **extra}


def index_body(synonym_groups, word_list=None):
    """Settings and mappings for a new index (word_list: the decompounder's, by default
    compound_parts() of the catalogue as it is now)."""
    if word_list is None:
        word_list = compound_parts()
    keyword_facets = {facet.field: {"type": "keyword"} for facet in FACETS if facet.field != "evidence"}
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
            "analysis": _analysis(synonym_groups, word_list),
            "similarity": {
                # A matched word scores its rarity (IDF), hardly how often or in how long a
                # text it occurs: a method with more of the query's words ranks first.
                "coordination": {"type": "BM25", "k1": 0.1, "b": 0.0},
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "page_id": {"type": "integer"},
                "slug": {"type": "keyword"},
                "url": {"type": "keyword", "index": False},
                "title": _text(lead=True, fields={"sort": {"type": "keyword", "normalizer": "catalogue_sort"}}),
                "title_en": _text(lead=True, fields={"en": {"type": "text", "analyzer": "catalogue_english"}}),
                "summary": _text(lead=True),
                "summary_en": _text(lead=True, fields={"en": {"type": "text", "analyzer": "catalogue_english"}}),
                "goals": _text(),
                "approach": _text(),
                "body": _text(),
                "tags": _text(),
                # Every text field in one: which of the query's words a method has at all.
                "all_text": _catch_all(similarity="coordination"),
                # Title and summary (Dutch and English): what a method is, above what it mentions.
                "lead_text": _catch_all(),
                "words": {"type": "text", "analyzer": "catalogue_words"},
                "autocomplete": {"type": "search_as_you_type", "analyzer": "catalogue_words"},
                "evidence": {"type": "keyword"},
                "evidence_level": {"type": "integer"},
                "first_published_at": {"type": "date"},
                # Compared with the database by `search_index status` to find stale documents.
                "last_published_at": {"type": "keyword", "index": False},
                **keyword_facets,
            },
        },
    }


_plain = markdown_text


def _stream_text(stream):
    parts = []
    for block in stream:
        if block.block_type in ("markdown", "quote"):
            parts.append(_plain(str(block.value)) if block.block_type == "markdown" else str(block.value))
    return "\n".join(parts)


def live_pages():
    """The pages the index holds: live, public methods, with what the document needs prefetched."""
    return (
        MethodPage.objects.live().public()
        .select_related("cost_band", "owner_organisation")
        .prefetch_related("forms_of_exploitation", "target_groups", "approach_types", "settings")
        .order_by("pk")
    )


def document(page):
    """The indexed document for one page (its _id is the page id)."""
    organisation = page.owner_organisation
    doc = {
        "page_id": page.pk,
        "slug": page.slug,
        "url": page.get_url() or page.url_path,
        "title": page.title,
        "title_en": page.title_en,
        "summary": page.summary,
        "summary_en": page.summary_en,
        "goals": _plain(page.goals),
        "approach": _plain(page.approach),
        "body": "\n".join(filter(None, [
            _plain(page.problem), _plain(page.theory), _plain(page.delivery), _plain(page.training),
            _plain(page.embedding_notes), _stream_text(page.body),
        ])),
        "tags": " | ".join([page.search_labels(), organisation.name if organisation else ""]),
        "autocomplete": page.title,
        "evidence": page.evidence_level_slug,
        "evidence_level": page.evidence_level,
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }
    for facet in FACETS:
        if facet.field != "evidence":
            doc[facet.field] = facet.page_values(page)
    return doc
