"""JSON API: GET /api/search/ (same parameters as the page), the autocomplete endpoint
and the OpenAPI description of both."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from methods.models import EvidenceLevel

from .facets import FACETS, facet_catalogue
from .openapi import openapi_document
from .params import ParamErrors, parse
from .service import autocomplete, run_search
from .text import clean_query


def _json(request, data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def search_api(request):
    catalogue = facet_catalogue()
    try:
        params = parse(request.GET, catalogue, strict=True, allow_per_page=True)
    except ParamErrors as exc:
        return _json(request, {"error": _("Ongeldige parameters."), "details": exc.messages}, status=400)
    answer = run_search(params, catalogue)
    return _json(request, {
        "query": {"q": params.q, "filters": {p: list(v) for p, v in params.filters.items()},
                  "sort": params.sort, "page": answer.page, "per_page": params.per_page},
        "total": answer.total,
        "page": answer.page,
        "num_pages": answer.num_pages,
        "backend": answer.backend,
        "degraded": answer.degraded,
        "suggestion": answer.suggestion or None,
        "widened": answer.widened,
        "facet_suggestions": [
            {"param": item.param, "facet_label": item.facet_label, "value": item.value, "label": item.label,
             "count": item.count} for item in answer.facet_suggestions],
        "results": [_result(request, hit, catalogue) for hit in answer.hits],
        "facets": [
            {"param": facet.param, "label": facet.label,
             "options": [{"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                         for o in facet.options]}
            for facet in answer.facets
        ],
    })


def _result(request, hit, catalogue):
    return {
        "slug": hit.slug,
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "summary": hit.summary,
        "evidence_level": {"value": hit.evidence_level, "slug": hit.evidence,
                           "label": str(EvidenceLevel(hit.evidence_level).label)},
        "facets": {facet.param: [{"value": v, "label": str(catalogue[facet.param].get(v, v))}
                                 for v in hit.facets.get(facet.param, [])] for facet in FACETS},
        "highlights": hit.highlights,
    }


@require_GET
def autocomplete_api(request):
    q = clean_query(request.GET.get("q", ""))
    suggestions = autocomplete(q) if len(q) >= 2 else []
    return _json(request, {"q": q, "suggestions": [
        {"title": s["title"], "url": request.build_absolute_uri(s["url"])} for s in suggestions]})


@require_GET
def openapi_api(request):
    return _json(request, openapi_document(request.build_absolute_uri("/")))
