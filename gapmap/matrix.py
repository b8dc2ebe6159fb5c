"""The evidence-gap map: live methods counted per pair of facet values.

Rows and columns are any two of the search facets (search.facets.FACETS), so a cell
counts exactly the methods the search page finds with both filters set, and its link
is that search. Empty cells are kept: they show where no method exists yet.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from methods.models import EvidenceLevel, MethodPage
from search.facets import FACETS_BY_PARAM

DEFAULT_ROWS = "vorm"
DEFAULT_COLUMNS = "doelgroep"
# Count buckets for the bar in each cell (the chart view): 0 = empty, 1..5 = up to
# 20, 40, 60, 80, 100 % of the fullest cell. Classes, not inline styles (CSP).
BAR_STEPS = 5


@dataclass
class Cell:
    row: str
    column: str
    column_label: str
    count: int = 0
    level: int | None = None  # highest evidence level among the methods, None when empty
    search_url: str = ""
    bar: int = 0

    @property
    def level_label(self):
        return EvidenceLevel(self.level).label if self.level is not None else ""

    @property
    def level_slug(self):
        return EvidenceLevel(self.level).slug if self.level is not None else ""


@dataclass
class Line:
    value: str
    label: str
    cells: list = field(default_factory=list)
    total: int = 0  # methods with this row value, whatever their column value
    total_url: str = ""


@dataclass
class Total:
    value: str
    label: str
    total: int = 0
    total_url: str = ""


@dataclass
class GapMap:
    row_facet: object
    column_facet: object
    columns: list  # [Total]: value, label, total, total_url
    rows: list  # [Line]
    method_count: int
    unplaced: int  # methods with no value for the row or the column facet
    empty_cells: int

    @property
    def cell_count(self):
        return len(self.rows) * len(self.columns)


def search_url(row_param, row_value, column_param, column_value):
    return reverse("search:search") + "?" + urlencode([(row_param, row_value), (column_param, column_value)])


def build(row_param=DEFAULT_ROWS, column_param=DEFAULT_COLUMNS):
    row_facet, column_facet = FACETS_BY_PARAM[row_param], FACETS_BY_PARAM[column_param]
    row_options = [(value, str(label)) for value, label in row_facet.options()]
    column_options = [(value, str(label)) for value, label in column_facet.options()]
    cells = {(r, c): Cell(r, c, column_label, search_url=search_url(row_param, r, column_param, c))
             for r, _ in row_options for c, column_label in column_options}

    pages = (
        MethodPage.objects.live().public().select_related("cost_band")
        .prefetch_related("forms_of_exploitation", "target_groups", "approach_types", "settings")
    )
    method_count = unplaced = 0
    row_totals, column_totals = Counter(), Counter()
    for page in pages:
        method_count += 1
        row_values, column_values = row_facet.page_values(page), column_facet.page_values(page)
        row_totals.update(set(row_values))
        column_totals.update(set(column_values))
        placed = False
        for r in row_values:
            for c in column_values:
                cell = cells.get((r, c))
                if cell is None:
                    continue
                placed = True
                cell.count += 1
                cell.level = page.evidence_level if cell.level is None else max(cell.level, page.evidence_level)
        unplaced += not placed

    fullest = max((cell.count for cell in cells.values()), default=0)
    for cell in cells.values():
        cell.bar = -(-cell.count * BAR_STEPS // fullest) if cell.count else 0
    search = reverse("search:search")
    rows = [
        Line(value, label, [cells[(value, c)] for c, _ in column_options], row_totals[value],
             f"{search}?{urlencode([(row_param, value)])}")
        for value, label in row_options
    ]
    columns = [Total(value, label, column_totals[value], f"{search}?{urlencode([(column_param, value)])}")
               for value, label in column_options]
    return GapMap(
        row_facet=row_facet, column_facet=column_facet, columns=columns, rows=rows,
        method_count=method_count, unplaced=unplaced,
        empty_cells=sum(1 for cell in cells.values() if not cell.count),
    )
