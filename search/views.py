"""The public search page (/zoeken/) and the fragment the JavaScript swaps in."""

from dataclasses import replace

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import presenters
from .facets import facet_catalogue
from .params import parse
from .service import run_search


def _context(request):
    catalogue = facet_catalogue()
    params = parse(request.GET, catalogue)
    answer = run_search(params, catalogue)
    shown = replace(params, page=answer.page)
    return {
        "answer": answer,
        "params": shown,
        "chips": presenters.chips(shown, catalogue),
        "status_text": presenters.status_text(answer.total, shown, catalogue),
        "clear_filters_url": presenters.clear_filters_url(shown),
        "page_links": presenters.page_links(shown, answer.page, answer.num_pages) if answer.num_pages > 1 else [],
        "previous_url": presenters.state_url(shown, page=answer.page - 1) if answer.page > 1 else "",
        "next_url": presenters.state_url(shown, page=answer.page + 1) if answer.page < answer.num_pages else "",
        "suggestion_url": presenters.state_url(replace(shown, q=answer.suggestion, page=1)) if answer.suggestion else "",
        "sort_options": presenters.sort_options(shown),
        "facet_suggestions": presenters.facet_suggestion_links(shown, answer.facet_suggestions),
        "noindex": presenters.is_filtered_view(request),
        "labels": catalogue,
        "first_number": (answer.page - 1) * params.per_page + 1,
    }


def _respond(request, template):
    context = _context(request)
    response = TemplateResponse(request, template, context)
    if context["noindex"]:
        response["X-Robots-Tag"] = "noindex"
    if context["params"].q:
        # Searches are personal and cheap to redo; keep them out of shared caches.
        response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def search_page(request):
    return _respond(request, "search/search.html")


@require_GET
def search_fragment(request):
    """Filters and results only, for the JavaScript enhancement (same parameters as the page)."""
    return _respond(request, "search/fragment.html")
