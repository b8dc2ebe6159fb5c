"""The GET parameters of the search page and the API: one parser for both.

The page is forgiving (a bad page number shows page 1, an unknown sort means relevance);
the API reports the same problems as a 400 with a clear message. Unknown facet values
are ignored by both: an old bookmark with a renamed taxonomy slug still works.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .facets import FACETS
from .text import MAX_QUERY_LENGTH, clean_query, fold

SORTS = {
    # URL value -> label; the first is the default.
    "relevantie": gettext_lazy("Relevantie"),
    "bewijs": gettext_lazy("Bewijsniveau (hoogste eerst)"),
    "nieuwste": gettext_lazy("Nieuwste eerst"),
    "titel": gettext_lazy("Titel (A-Z)"),
}
DEFAULT_SORT = "relevantie"
PER_PAGE = 20
MAX_PER_PAGE = 100
# Engines refuse to page past 10,000 hits; nobody reads that far anyway.
MAX_RESULT_WINDOW = 10_000
# The most words a query may ask the engine for, counting every word of every synonym
# of its words and every emoji or ideograph (the engine's tokenizer makes each one a
# word). Measured on OpenSearch 3.8: a query of 30 such words ("loverboy" six times, each
# standing for 4 terms of 5 words) exceeds the engine's 1024 clauses and is refused; 20
# always passes in well under a second. Real queries use fewer than 12.
MAX_QUERY_TERMS = 20


def max_page(per_page):
    """The deepest page the engine can serve (from + size <= MAX_RESULT_WINDOW)."""
    return max(1, MAX_RESULT_WINDOW // per_page)


_LATIN_WORD = re.compile(r"[a-z0-9]+")


def _other_tokens(text):
    """Words the engine sees beyond the folded Latin ones: emoji and symbols count one each,
    CJK ideographs and kana one per character, a run of other letters (Cyrillic, Greek...) one."""
    count = 0
    for match in re.finditer(r"[^\W_]+|[^\w\s]", _LATIN_WORD.sub(" ", fold(text))):
        token = match.group()
        if len(token) == 1 and unicodedata.category(token).startswith("P"):
            continue  # punctuation separates words, it is no word itself
        if any(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA")) for ch in token):
            count += len(token)
        else:
            count += 1
    return count


def _concepts(q, groups):
    from .database import concepts  # the one place that expands synonyms

    from .models import synonym_groups

    return concepts(q, synonym_groups() if groups is None else groups)


def query_terms(q, groups=None):
    """How many words the engine is asked to match for q, synonyms expanded."""
    expanded = sum(len(alternative) for concept in _concepts(q, groups) for alternative in concept)
    return expanded + _other_tokens(q)


def shorten_query(q, groups=None):
    """The longest start of q (whole words) that stays within MAX_QUERY_TERMS."""
    pieces = q.split()
    low, high = 0, len(pieces)
    while low < high:  # binary search: query_terms grows with every word added
        middle = (low + high + 1) // 2
        if query_terms(" ".join(pieces[:middle]), groups) <= MAX_QUERY_TERMS:
            low = middle
        else:
            high = middle - 1
    return " ".join(pieces[:low])


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # param -> tuple of known values, in URL order
    sort: str = DEFAULT_SORT
    page: int = 1
    per_page: int = PER_PAGE
    # What the page changed to keep the request within bounds, for a notice (never in the API:
    # it refuses such requests with a 400 instead).
    notices: tuple = ()

    @property
    def has_filters(self):
        return any(self.filters.values())

    def selected(self, param):
        return self.filters.get(param, ())

    def query_items(self, *, page=None, without=None, sort=None):
        """(name, value) pairs for a URL of this state; `without=(param, value)` drops one filter."""
        items = [("q", self.q)] if self.q else []
        for facet in FACETS:
            for value in self.selected(facet.param):
                if without != (facet.param, value):
                    items.append((facet.param, value))
        sort = sort or self.sort
        if sort != DEFAULT_SORT:
            items.append(("sorteer", sort))
        if page and page > 1:
            items.append(("pagina", str(page)))
        return items


class ParamErrors(Exception):
    """Malformed parameters; `messages` maps each parameter to what is wrong with it."""

    def __init__(self, messages):
        super().__init__("; ".join(f"{name}: {message}" for name, message in messages.items()))
        self.messages = messages


def parse(query_dict, catalogue, *, strict=False, allow_per_page=False):
    """SearchParams from request.GET. `catalogue` maps facet param -> {value: label} (known values).

    With strict=True malformed parameters raise ParamErrors instead of falling back.
    Either way a request never asks the engine for more than it can answer quickly:
    at most MAX_QUERY_LENGTH characters, MAX_QUERY_TERMS words (synonyms expanded) and
    pages up to max_page(per_page). The page shortens or clamps with a notice; the API
    (strict) refuses with a message."""
    errors = {}
    notices = []
    raw_q = " ".join((query_dict.get("q", "") or "").split())
    q = clean_query(raw_q)
    if len(raw_q) > MAX_QUERY_LENGTH:
        errors["q"] = _("maximaal %(max)s tekens") % {"max": MAX_QUERY_LENGTH}
        notices.append(_("Uw zoekvraag was langer dan %(max)s tekens; gezocht is op het begin ervan.")
                       % {"max": MAX_QUERY_LENGTH})
    if q and query_terms(q) > MAX_QUERY_TERMS:
        errors.setdefault("q", _("te veel woorden: met synoniemen meegeteld maximaal %(max)s")
                          % {"max": MAX_QUERY_TERMS})
        q = shorten_query(q)
        notices.append(_("Uw zoekvraag had te veel woorden (synoniemen meegeteld); gezocht is op: "
                         "‘%(query)s’.") % {"query": q})

    filters = {}
    for facet in FACETS:
        known = catalogue.get(facet.param, {})
        values = []
        for value in query_dict.getlist(facet.param):
            value = value.strip()
            if value in known and value not in values:
                values.append(value)
        if values:
            filters[facet.param] = tuple(values)

    sort = query_dict.get("sorteer", "") or DEFAULT_SORT
    if sort not in SORTS:
        errors["sorteer"] = _("onbekende sortering ‘%(value)s’; kies uit %(choices)s") % {
            "value": sort[:50], "choices": ", ".join(SORTS)}
        sort = DEFAULT_SORT

    page = _positive_int(query_dict.get("pagina"), "pagina", errors)
    per_page = PER_PAGE
    if allow_per_page:
        per_page = _positive_int(query_dict.get("per_pagina"), "per_pagina", errors, default=PER_PAGE)
        if per_page > MAX_PER_PAGE:
            errors["per_pagina"] = _("maximaal %(max)s") % {"max": MAX_PER_PAGE}
            per_page = MAX_PER_PAGE
    if page > max_page(per_page):
        errors["pagina"] = _("maximaal %(max)s bij %(per_page)s resultaten per pagina") % {
            "max": max_page(per_page), "per_page": per_page}
        notices.append(_("Zo ver kan niet worden doorgebladerd; u ziet pagina %(max)s. Verfijn de zoekvraag "
                         "of kies filters om verder te komen.") % {"max": max_page(per_page)})
        page = max_page(per_page)

    if strict and errors:
        raise ParamErrors(errors)
    return SearchParams(q=q, filters=filters, sort=sort, page=page, per_page=per_page, notices=tuple(notices))


def _positive_int(raw, name, errors, default=1):
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        errors[name] = _("‘%(value)s’ is geen geheel getal") % {"value": raw[:50]}
        return default
    if value < 1:
        errors[name] = _("moet 1 of hoger zijn")
        return default
    return value
