"""What a search returns, whichever backend answered: the page's hits, the total,
the facet counts and a spelling suggestion. Templates and the API read only this."""

from dataclasses import dataclass, field

from .facets import FACETS


@dataclass
class Hit:
    page_id: int
    slug: str
    title: str
    url: str
    summary: str
    evidence_level: int
    evidence: str  # slug
    facets: dict  # param -> list of values
    # {"title": html or None, "summary": html or None, "text": [html fragments]}; html is escaped text with <mark>.
    highlights: dict = field(default_factory=dict)


@dataclass
class Outcome:
    """Raw answer of one backend for one page of results."""

    total: int
    hits: list
    counts: dict  # param -> {value: count}, disjunctive
    page: int  # the page actually shown (clamped)
    suggestion: str = ""
    # No page has all the words: the hits have some of them (the page says so).
    widened: bool = False


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    param: str
    label: str
    options: list

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


def facet_results(counts, params, catalogue):
    """Options to show per facet, in the catalogue's order: those with hits, plus any selected."""
    results = []
    for facet in FACETS:
        facet_counts = counts.get(facet.param, {})
        selected = set(params.selected(facet.param))
        options = [
            FacetOption(value, str(label), facet_counts.get(value, 0), value in selected)
            for value, label in catalogue.get(facet.param, {}).items()
            if facet_counts.get(value, 0) > 0 or value in selected
        ]
        results.append(FacetResult(facet.param, str(facet.label), options))
    return results


def num_pages(total, per_page, max_window):
    return max(1, min(-(-total // per_page), max_window // per_page))
