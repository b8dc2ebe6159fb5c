"""Placeholder search view until the faceted search lands (issue 3)."""

from django.template.response import TemplateResponse

from methods.models import MethodPage


def search_page(request):
    query = request.GET.get("q", "")[:200]
    results = MethodPage.objects.live().public().search(query) if query else MethodPage.objects.none()
    return TemplateResponse(request, "search/search.html", {"query": query, "results": results})
