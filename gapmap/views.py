"""/bewijskaart/: the evidence-gap map page and its CSV download."""

import csv
import io

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from methods.models import EvidenceLevel
from search.facets import FACETS, FACETS_BY_PARAM

from . import matrix


def _choice(request, name, default, errors):
    value = request.GET.get(name, "") or default
    if value not in FACETS_BY_PARAM:
        errors.append(_("‘%(value)s’ is geen filter van de zoekpagina; kies uit de lijst.") % {"value": value[:50]})
        return default
    return value


def _axes(request):
    """(row param, column param, errors): unknown or equal choices fall back to the default map."""
    errors = []
    rows = _choice(request, "rijen", matrix.DEFAULT_ROWS, errors)
    columns = _choice(request, "kolommen", matrix.DEFAULT_COLUMNS, errors)
    if rows == columns:
        errors.append(_("Kies voor de rijen en de kolommen twee verschillende filters."))
        rows, columns = matrix.DEFAULT_ROWS, matrix.DEFAULT_COLUMNS
    return rows, columns, errors


@require_GET
def gap_map(request):
    rows, columns, errors = _axes(request)
    gap = matrix.build(rows, columns)
    if request.GET.get("formaat") == "csv" and not errors:
        return _csv(request, gap)
    context = {
        "gap": gap,
        "errors": errors,
        "facets": [(facet.param, str(facet.label)) for facet in FACETS],
        "levels": [(level.value, level.label) for level in EvidenceLevel],
        "csv_query": f"rijen={gap.row_facet.param}&kolommen={gap.column_facet.param}&formaat=csv",
        "is_default": (rows, columns) == (matrix.DEFAULT_ROWS, matrix.DEFAULT_COLUMNS),
    }
    response = TemplateResponse(request, "gapmap/gap_map.html", context, status=400 if errors else 200)
    if request.GET:
        response["X-Robots-Tag"] = "noindex"
    return response


def _csv(request, gap):
    """One line per cell (long format), so a spreadsheet can pivot or filter it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([
        "rij_filter", "rij_waarde", "rij_label", "kolom_filter", "kolom_waarde", "kolom_label",
        "aantal_methoden", "hoogste_bewijsniveau", "hoogste_bewijsniveau_label", "zoekpagina",
    ])
    for line in gap.rows:
        for column, cell in zip(gap.columns, line.cells, strict=True):
            writer.writerow([
                gap.row_facet.param, line.value, line.label, gap.column_facet.param, column.value, column.label,
                cell.count, cell.level_slug, str(cell.level_label), request.build_absolute_uri(cell.search_url),
            ])
    # A byte-order mark so that Excel opens the UTF-8 file with the right characters.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"bewijskaart-{gap.row_facet.param}-{gap.column_facet.param}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
