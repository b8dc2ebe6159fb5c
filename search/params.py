"""The GET parameters of the search page and the API: one parser for both.

The page is forgiving (a bad page number shows page 1, an unknown sort means relevance);
the API reports the same problems as a 400 with a clear message. Unknown facet values
are ignored by both: an old bookmark with a renamed taxonomy slug still works.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .facets import FACETS
from .text import clean_query

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


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # param -> tuple of known values, in URL order
    sort: str = DEFAULT_SORT
    page: int = 1
    per_page: int = PER_PAGE

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

    With strict=True malformed parameters raise ParamErrors instead of falling back."""
    errors = {}
    q = clean_query(query_dict.get("q", ""))

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

    if strict and errors:
        raise ParamErrors(errors)
    return SearchParams(q=q, filters=filters, sort=sort, page=page, per_page=per_page)


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
