"""/vergelijk/?m=slug&m=slug: 2 to 4 methods side by side. Every problem with the
parameters is a message on the page, never an error page."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from methods.models import MethodPage

from .rows import MAX_METHODS, MIN_METHODS, comparison_rows, methods_by_slug


def compare_url(slugs, **extra):
    query = urlencode([("m", slug) for slug in slugs] + list(extra.items()))
    return reverse("compare:compare") + (f"?{query}" if query else "")


@require_GET
def compare(request):
    asked = []
    for slug in request.GET.getlist("m"):
        slug = slug.strip()[:255]
        if slug and slug not in asked:
            asked.append(slug)
    methods, unknown = methods_by_slug(asked)
    messages, status = [], 200
    if unknown:
        status = 400
        messages.append(ngettext(
            "Deze methode bestaat niet (meer) in de catalogus: %(slugs)s.",
            "Deze methoden bestaan niet (meer) in de catalogus: %(slugs)s.", len(unknown),
        ) % {"slugs": ", ".join(f"‘{slug[:60]}’" for slug in unknown)})
    if len(methods) > MAX_METHODS:
        status = 400
        messages.append(_("U kunt maximaal %(max)s methoden tegelijk vergelijken; u koos er %(n)s. "
                          "Hieronder staan de eerste %(max)s.") % {"max": MAX_METHODS, "n": len(methods)})
        methods = methods[:MAX_METHODS]
    if len(methods) < MIN_METHODS:
        messages.append(
            _("Kies nog één methode om te vergelijken.") if len(methods) == 1
            else _("Kies twee tot vier methoden om te vergelijken, bijvoorbeeld met de vakjes ‘Vergelijk’ bij de zoekresultaten.")
        )
    slugs = [method.slug for method in methods]
    only_differences = request.GET.get("verschillen") == "1" and len(methods) >= MIN_METHODS
    rows = comparison_rows(methods) if len(methods) >= MIN_METHODS else []
    context = {
        "methods": methods,
        "columns": [{"method": m, "remove_url": compare_url([s for s in slugs if s != m.slug])} for m in methods],
        "rows": [row for row in rows if row.differs] if only_differences else rows,
        "row_count": len(rows),
        "messages_": messages,
        # With a table to show, a message is a warning about what was left out of it.
        "messages_kind": "warning" if len(methods) >= 2 else "info",
        "only_differences": only_differences,
        "all_rows_url": compare_url(slugs),
        "differences_url": compare_url(slugs, verschillen="1"),
        "can_add": len(methods) < MAX_METHODS,
        "addable": MethodPage.objects.live().public().exclude(slug__in=slugs).order_by("title").values_list("slug", "title")
        if len(methods) < MAX_METHODS else [],
        "slugs": slugs,
    }
    response = TemplateResponse(request, "compare/compare.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
