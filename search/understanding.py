"""Query understanding: words in a search that name a facet value.

"gemeenteambtenaren", "goed onderbouwd", "campagne", "school", "effectief": such words
name a target group, an evidence level, an approach or a setting. The page and the API
offer the matching filter with its count ("Filter op doelgroep: gemeenteambtenaren (17)"),
and both backends rank methods that carry the value a little higher. The same rule on
the engine and on the database: it reads the facet labels, never a per-query list.
"""

import re
from dataclasses import dataclass

from .facets import FACETS
from .text import search_words, stem, words

# Facets whose labels are words people type (ages, costs and owners are not).
KINDS = ("taxonomy", "evidence")
# A multi-word label is named by its first word alone when that word is this long
# ("effectief" names the three "Effectief volgens …" levels; "goed" names nothing).
HEAD_WORD_LENGTH = 6
# At most this many filters are offered for one query.
MAX_SUGGESTIONS = 4


@dataclass(frozen=True)
class FacetWord:
    param: str
    value: str
    label: str


@dataclass
class FacetSuggestion:
    param: str
    facet_label: str
    value: str
    label: str
    count: int


def _label_forms(label):
    """Word-stem sets that name a label: each part of "hulp/opvang" or "bedrijven/werkgevers"."""
    forms = []
    for part in re.split(r"[/()]", str(label)):
        stems = [stem(w) for w in words(part)]
        if stems:
            forms.append(stems)
    return forms


def _names(term, query_stems):
    stems = {stem(w) for w in words(term)}
    return bool(stems) and stems <= query_stems


# At most this many broader terms are added to one query.
MAX_RELATED = 12


def related_words(q, entries):
    """The broader terms (Synonym.related) of the synonym terms the query contains, as
    words: "koppelbazen aanpakken" -> arbeidsuitbuiting, uitzendbureau, arbeidsmigranten.
    `entries`: (terms, related terms) pairs, from models.related_terms()."""
    query_stems = {stem(w) for w in search_words(q)}
    found = []
    for terms, related in entries:
        if any(_names(term, query_stems) for term in terms):
            for term in related:
                for word in words(term):
                    if word not in found and stem(word) not in query_stems:
                        found.append(word)
    return found[:MAX_RELATED]


def facet_words(q, catalogue, groups=(), related=()):
    """The facet values the query names, in facet order; synonyms of the query's words
    count, and so do the broader terms they point to (`related`, from related_words)."""
    query_stems = {stem(w) for w in words(q)}
    if not query_stems:
        return []
    query_stems |= {stem(w) for w in related}
    for group in groups:
        group_stems = [{stem(w) for w in words(term)} for term in group]
        if any(term and term <= query_stems for term in group_stems):
            for term in group_stems:
                query_stems |= term
    found = []
    for facet in FACETS:
        if facet.kind not in KINDS:
            continue
        for value, label in catalogue.get(facet.param, {}).items():
            for stems in _label_forms(label):
                whole = set(stems) <= query_stems
                head = len(stems) > 1 and len(words(str(label))[0]) >= HEAD_WORD_LENGTH and stems[0] in query_stems
                if whole or head:
                    found.append(FacetWord(facet.param, value, str(label)))
                    break
    return found


def suggestions(named, counts, params):
    """Filters to offer: named values not chosen yet that the results carry, with their counts."""
    labels = {facet.param: str(facet.label) for facet in FACETS}
    offered = []
    for word in named:
        if word.value in params.selected(word.param):
            continue
        count = counts.get(word.param, {}).get(word.value, 0)
        if count:
            offered.append(FacetSuggestion(word.param, labels[word.param], word.value, word.label, count))
    return offered[:MAX_SUGGESTIONS]
