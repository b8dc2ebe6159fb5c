"""What the search page needs beyond the answer itself: URLs for each state, chips, pages."""

from dataclasses import replace
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .facets import FACETS_BY_PARAM
from .params import SORTS


def state_url(params, **changes):
    """The search page URL for this state with some changes (see SearchParams.query_items)."""
    query = urlencode(params.query_items(**changes))
    return reverse("search:search") + (f"?{query}" if query else "")


def chips(params, catalogue):
    """Applied filters, each with the URL that removes just that one."""
    result = []
    if params.q:
        result.append({"label": _("Zoekterm"), "value": params.q,
                       "remove_url": state_url(replace(params, q=""))})
    for param, values in params.filters.items():
        facet = FACETS_BY_PARAM[param]
        for value in values:
            result.append({"label": str(facet.label), "value": str(catalogue[param][value]),
                           "remove_url": state_url(params, without=(param, value))})
    return result


def status_text(total, params, catalogue):
    """What screen readers hear after an update: the count, the words and the filters."""
    text = ngettext("%(n)s methode gevonden", "%(n)s methoden gevonden", total) % {"n": total}
    if params.q:
        text += " " + _("voor ‘%(q)s’") % {"q": params.q}
    values = [str(catalogue[param][value]) for param, values in params.filters.items() for value in values]
    if values:
        text += ", " + _("gefilterd op %(filters)s") % {"filters": ", ".join(values)}
    return text


def clear_filters_url(params):
    """Every filter off; the search words stay (they have their own chip)."""
    return state_url(replace(params, filters={}))


def page_links(params, page, num_pages, around=2):
    """Page numbers to link, with None for a gap: 1 … 4 5 [6] 7 8 … 20."""
    wanted = {1, num_pages, *range(page - around, page + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= num_pages)
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "url": state_url(params, page=number), "current": number == page})
        previous = number
    return links


def sort_options(params):
    return [{"value": value, "label": str(label), "selected": value == params.sort} for value, label in SORTS.items()]


def is_filtered_view(request):
    """Any query, filter, sort or page parameter: such URLs must not be indexed by search engines."""
    return any(value for key, value in request.GET.items())


def facet_suggestion_links(params, offered):
    """"Filter op doelgroep: gemeenteambtenaren (17)": each offered filter with the URL that adds it."""
    links = []
    for item in offered:
        filters = dict(params.filters)
        filters[item.param] = (*filters.get(item.param, ()), item.value)
        links.append({"facet_label": item.facet_label, "label": item.label, "count": item.count,
                      "url": state_url(replace(params, filters=filters, page=1))})
    return links
