from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .similar import similar_for


@require_GET
def similar_methods_json(request):
    """Admin endpoint for the 'Bestaat dit al?' panel; admin login is enforced by Wagtail's admin URLs."""
    try:
        exclude = int(request.GET.get("exclude") or 0) or None
    except ValueError:
        exclude = None
    pages = similar_for(request.GET.get("title", ""), request.GET.get("summary", ""), exclude_page_id=exclude)
    results = [{
        "title": page.title,
        "level": page.evidence_level,
        "level_label": str(page.get_evidence_level_display()),
        "url": page.url,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    } for page in pages]
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "no-store"
    return response
