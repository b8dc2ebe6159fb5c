"""The open-data downloads, their descriptions, and the CSV export of a search.

The catalogue CSV and JSON and the search CSV are streamed (StreamingHttpResponse,
database rows fetched in chunks), so a large catalogue never sits in memory as a file."""

import csv
import json
import tempfile
import zipfile
from dataclasses import replace
from functools import wraps

from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from methods import catalogue_format as fmt
from methods.models import MethodPage
from methods.records import record_from_page
from search.facets import facet_catalogue
from search.params import MAX_PER_PAGE, parse
from search.service import run_search

from . import records

CHUNK = 200
CSV_TYPE = "text/csv; charset=utf-8"


class _Echo:
    def write(self, value):
        return value


def _csv_lines(pages, base_url):
    writer = csv.writer(_Echo())
    # A byte-order mark so that Excel opens the UTF-8 file with the right characters.
    yield "\ufeff" + writer.writerow(records.FIELD_NAMES)
    for page in pages:
        row = records.method_row(page, base_url)
        yield writer.writerow([row[name] for name in records.FIELD_NAMES])


def _download(stream, content_type, filename):
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _base(request):
    return request.build_absolute_uri("/")


@require_GET
def catalogue_csv(request):
    return _download(_csv_lines(records.live_methods().iterator(chunk_size=CHUNK), _base(request)),
                     CSV_TYPE, "preventiecatalogus-methoden.csv")


def _json_chunks(base_url):
    yield '{"licentie": ' + json.dumps(records.licence(), ensure_ascii=False) + ', "methoden": ['
    count = 0
    for page in records.live_methods().iterator(chunk_size=CHUNK):
        yield ("," if count else "") + "\n" + json.dumps(records.method_object(page, base_url), ensure_ascii=False)
        count += 1
    yield f'\n], "aantal": {count}}}\n'


@require_GET
def catalogue_json(request):
    return _download(_json_chunks(_base(request)), "application/json; charset=utf-8", "preventiecatalogus-methoden.json")


@require_GET
def markdown_archive(request):
    """The live methods in the importer's Markdown format (methods.catalogue_format), one file each.
    Written to a spooled temporary file: a zip needs its directory at the end."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for page in MethodPage.objects.live().public().order_by("path").iterator(chunk_size=CHUNK):
            archive.writestr(f"{page.slug}.md", fmt.dump(record_from_page(page)))
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename="preventiecatalogus-methoden-markdown.zip",
                        content_type="application/zip")


@require_GET
def json_schema(request):
    return JsonResponse(records.json_schema(_base(request)), json_dumps_params={"ensure_ascii": False, "indent": 2},
                        content_type="application/schema+json")


def data_package(base_url):
    """Frictionless Data Package descriptor of the downloads."""
    base = base_url.rstrip("/")
    licence = records.licence()
    return {
        "profile": "data-package",
        "name": "preventiecatalogus-mensenhandel",
        "title": "Preventiecatalogus Mensenhandel",
        "description": "Preventiemethoden tegen mensenhandel voor gemeenten: één standaardbeschrijving per methode.",
        "homepage": f"{base}/open-data/",
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [{"name": licence["id"], "title": licence["title"], "path": licence["url"]}],
        "resources": [
            {"name": "methoden-csv", "path": f"{base}/open-data/methoden.csv", "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
             "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
             "schema": records.table_schema()},
            {"name": "methoden-json", "path": f"{base}/open-data/methoden.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "schema": f"{base}/open-data/methoden.schema.json"},
            {"name": "methoden-markdown", "path": f"{base}/open-data/methoden-markdown.zip", "format": "zip",
             "mediatype": "application/zip",
             "description": "Eén Markdown-bestand met YAML-kop per methode; het formaat dat import_methods leest "
                            "(zie docs/editors.md)."},
        ],
    }


@require_GET
def datapackage(request):
    return JsonResponse(data_package(_base(request)), json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
def open_data_page(request):
    return TemplateResponse(request, "opendata/open_data.html", {
        "licence": records.licence(),
        "fields": records.FIELDS,
        "method_count": MethodPage.objects.live().public().count(),
        "separator": records.LIST_SEPARATOR,
    })


# -- the current result set of a search as CSV -------------------------------

def _search_pages(params, catalogue):
    """Every method the search finds, in its order, one results page of MAX_PER_PAGE at a time."""
    number = 1
    while True:
        answer = run_search(replace(params, page=number, per_page=MAX_PER_PAGE), catalogue)
        ids = [hit.page_id for hit in answer.hits]
        found = records.live_methods().filter(pk__in=ids).in_bulk()
        yield from (found[pk] for pk in ids if pk in found)
        if answer.page >= answer.num_pages or not ids:
            return
        number += 1


def search_csv(request):
    catalogue = facet_catalogue()
    params = parse(request.GET, catalogue)
    response = _download(_csv_lines(_search_pages(params, catalogue), _base(request)), CSV_TYPE,
                         "preventiecatalogus-zoekresultaten.csv")
    response["X-Robots-Tag"] = "noindex"
    return response


def csv_when_asked(view):
    """Wrap the search page or the search API: `formaat=csv` answers with the result set as CSV.
    Wired in the project's URLconf, so the search app does not depend on this one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "GET" and request.GET.get("formaat") == "csv":
            return search_csv(request)
        return view(request, *args, **kwargs)

    return wrapper
