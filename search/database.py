"""Catalogue search on the database: the embedded default and the fallback when the engine fails.

Full text goes through Wagtail's search backend (SQLite FTS5 or PostgreSQL full text), with
the editors' synonyms expanded here and simple plural variants added, since the database
has no Dutch stemmer. Facets are counted in Python over one row per live page: OR within a
facet, AND across facets, and disjunctive counts, exactly as the engine counts them.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import connection
from django.utils.html import escape
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

from methods.models import MethodPage
from methods.models.evidence import LEVEL_SLUGS

from .facets import FACETS, FACETS_BY_PARAM
from .models import synonym_groups
from .params import MAX_RESULT_WINDOW
from .results import Hit, Outcome, num_pages
from .text import STOPWORDS, fold, markdown_text, search_words, stem, words
from .vocabulary import is_other_form, nearest, vocabulary

TAXONOMY_PARAMS = [facet.param for facet in FACETS if facet.kind == "taxonomy"]


# -- text -----------------------------------------------------------------

def concepts(q, groups, fuzzy=False):
    """The query as a list of concepts, each a list of alternatives (word lists).

    A run of words that is a synonym term (compared on stems) becomes one concept whose
    alternatives are all terms of its group; every other word is a concept of its own,
    and with fuzzy=True a word the catalogue does not contain also stands for the
    catalogue words one or two letters off (search.vocabulary.nearest)."""
    counts = vocabulary() if fuzzy else None
    query_words = search_words(q)
    query_stems = [stem(w) for w in query_words]
    terms = sorted(
        ((tuple(stem(w) for w in words(term)), index) for index, group in enumerate(groups) for term in group),
        key=lambda item: -len(item[0]),
    )
    result, i = [], 0
    while i < len(query_stems):
        for term_stems, index in terms:
            if term_stems and tuple(query_stems[i:i + len(term_stems)]) == term_stems:
                alternatives = [query_words[i:i + len(term_stems)], *(words(term) for term in groups[index])]
                i += len(term_stems)
                break
        else:
            alternatives = [[query_words[i]]]
            if counts is not None:
                alternatives += [[near] for near in nearest(query_words[i], counts)]
            i += 1
        unique = []
        for alternative in alternatives:
            if alternative and alternative not in unique:
                unique.append(alternative)
        result.append(unique)
    return result


def variants(word):
    """A word and its likely singular/plural forms (the database does not stem)."""
    found = {word}
    if len(word) >= 4 and not word.isdigit():
        found |= {word + "s", word + "en"}
        if word.endswith("en") and len(word) > 5:
            found.add(word[:-2])
        if word.endswith("s") and len(word) > 4:
            found.add(word[:-1])
    return sorted(found)


def text_query(concept_list):
    """Wagtail search query: every concept must match; any alternative of it will do."""
    parts = []
    for alternatives in concept_list:
        options = []
        for alternative in alternatives:
            if len(alternative) == 1:
                options.extend(PlainText(v) for v in variants(alternative[0]))
            else:
                options.append(PlainText(" ".join(alternative), operator="and"))
        parts.append(options[0] if len(options) == 1 else Or(options))
    return parts[0] if len(parts) == 1 else And(parts)


_analyzed = False


def _ensure_sqlite_statistics():
    """Without table statistics SQLite walks the search index entries and runs the full-text
    match once per entry (a quadratic plan: 0.2 s for 3,000 methods instead of 3 ms).
    One ANALYZE of the index table, once per process, lets it start from the match."""
    global _analyzed
    if _analyzed or connection.vendor != "sqlite":
        return
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        has_statistics = cursor.fetchone()[0] > 0
        if has_statistics:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
            has_statistics = cursor.fetchone()[0] > 0
        if not has_statistics:
            cursor.execute(f'ANALYZE "{table}"')
    _analyzed = True


def _ids_matching(queryset, query):
    """Ids of the pages a full-text query matches, without loading the pages or asking for
    relevance scores: Wagtail computes those with a subquery per row, which grows
    quadratically with the number of matches."""
    results = queryset.search(query, operator="and", order_by_relevance=False)
    if hasattr(results, "get_queryset"):
        return set(results.get_queryset().order_by().values_list("pk", flat=True))
    return {page.pk for page in results}


def relevance(q, groups=None, titles=None, related=()):
    """{page id: sort key} for the live, public pages matching any of the query's concepts.

    One full-text query per concept. There is no "most words must match" cut-off (recall
    first, as on the engine): pages matching more concepts come first, then those
    with more concepts in the title (the engine boosts the title most); equal keys are
    left to the caller's tie-breaks (evidence level, title). `titles` maps id -> title."""
    concept_list = concepts(q, synonym_groups() if groups is None else groups, fuzzy=True)
    if not concept_list:
        return {}
    _ensure_sqlite_statistics()
    live = MethodPage.objects.live().public()
    matched = Counter()
    for concept in concept_list:
        for pk in _ids_matching(live, text_query([concept])):
            matched[pk] += 1
    if related:
        # The broader terms of the query's slang count as one more word matched, and only
        # for pages that match a word of the query itself.
        broader = _ids_matching(live, text_query([[[word] for word in related]])) & set(matched)
    else:
        broader = set()
    concept_stems = [[{stem(w) for w in alternative} for alternative in concept] for concept in concept_list]
    keys = {}
    for pk, count in matched.items():
        title_stems = {stem(w) for w in words((titles or {}).get(pk, ""))}
        in_title = sum(any(alternative <= title_stems for alternative in concept) for concept in concept_stems)
        keys[pk] = (-count - (pk in broader), -in_title, count == len(concept_list))
    return keys


# -- facets ---------------------------------------------------------------

@dataclass
class Row:
    pk: int
    title_key: str
    evidence_level: int
    first_published_at: object
    values: dict  # param -> set of values


@functools.lru_cache(maxsize=1024)
def _age_groups(age_from, age_to):
    """The model's own age-group rule, for a bare (from, to) pair; shared sets, never mutated."""
    return frozenset(MethodPage.age_groups.fget(SimpleNamespace(age_from=age_from, age_to=age_to)))


def _rows():
    """One row per live, public page with its facet values (five queries in all)."""
    rows = {}
    for pk, title, level, first, age_from, age_to, cost, organisation in (
        MethodPage.objects.live().public().order_by().values_list(
            "pk", "title", "evidence_level", "first_published_at", "age_from", "age_to",
            "cost_band__slug", "owner_organisation_id")
    ):
        values = {param: set() for param in TAXONOMY_PARAMS}
        values.update(
            bewijs={LEVEL_SLUGS[level]}, leeftijd=_age_groups(age_from, age_to),
            kosten={cost} if cost else set(), organisatie={str(organisation)} if organisation else set(),
        )
        rows[pk] = Row(pk, fold(title), level, first, values)
    for param in TAXONOMY_PARAMS:
        relation = MethodPage._meta.get_field(FACETS_BY_PARAM[param].field)
        through = relation.remote_field.through
        page_column, item_column = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        for page_id, slug in through.objects.values_list(page_column, f"{item_column}__slug"):
            if page_id in rows:
                rows[page_id].values[param].add(slug)
    return rows


def _sort_key(sort, rank):
    if sort == "bewijs":
        return lambda r: (-r.evidence_level, rank.get(r.pk, ()), r.title_key)
    if sort == "nieuwste":
        return lambda r: (r.first_published_at is None,
                          -(r.first_published_at.timestamp() if r.first_published_at else 0), r.title_key)
    if sort == "titel":
        return lambda r: (r.title_key,)
    return lambda r: (rank.get(r.pk, ()), -r.evidence_level, r.title_key)


def database_search(params, named=(), groups=None, related=()):
    groups = synonym_groups() if groups is None else groups
    rows = _rows()
    rank = {}
    if params.q:
        titles = {pk: row.title_key for pk, row in rows.items()}
        rank = relevance(params.q, groups, titles, related)
        for pk, row in rows.items():
            # A facet value the words name counts as one more word matched, for pages the
            # words found (a value named by a broader term alone finds nothing, as on the engine).
            carried = sum(word.value in row.values[word.param] for word in named)
            if carried and pk in rank:
                count, in_title, complete = rank[pk]
                rank[pk] = (count - carried, in_title, complete)
        rows = {pk: row for pk, row in rows.items() if pk in rank}

    selected = {param: set(values) for param, values in params.filters.items() if values}
    counts = {facet.param: Counter() for facet in FACETS}
    matched = []
    for row in rows.values():
        failing = [param for param, wanted in selected.items() if not row.values[param] & wanted]
        if not failing:
            matched.append(row)
            for param, values in row.values.items():
                counts[param].update(values)
        elif len(failing) == 1:
            # Fails only its own facet: still counts there, so other options keep their counts.
            counts[failing[0]].update(row.values[failing[0]])

    total = len(matched)
    page = min(params.page, num_pages(total, params.per_page, MAX_RESULT_WINDOW))
    matched.sort(key=_sort_key(params.sort, rank))
    start = (page - 1) * params.per_page
    hits = _hits([row.pk for row in matched[start:start + params.per_page]], params.q, groups)
    suggestion = spelling_suggestion(params.q, groups) if params.q else ""
    widened = bool(params.q) and total > 0 and not any(rank[row.pk][2] for row in matched)
    return Outcome(total=total, hits=hits, counts={p: dict(c) for p, c in counts.items()},
                   page=page, suggestion=suggestion, widened=widened)


# -- hits and highlights ----------------------------------------------------

def _hits(ids, q, groups):
    pages = (
        MethodPage.objects.filter(pk__in=ids).select_related("cost_band")
        .prefetch_related("forms_of_exploitation", "target_groups", "approach_types", "settings").in_bulk()
    )
    marker = Highlighter(q, groups) if q else None
    hits = []
    for pk in ids:
        page = pages[pk]
        hits.append(Hit(
            page_id=pk, slug=page.slug, title=page.title, url=page.get_url() or page.url_path,
            summary=page.summary, evidence_level=page.evidence_level, evidence=page.evidence_level_slug,
            facets={facet.param: facet.page_values(page) for facet in FACETS},
            highlights=marker.highlights(page) if marker else {"title": None, "summary": None, "text": []},
        ))
    return hits


_TOKEN = re.compile(r"\w+", re.UNICODE)


class Highlighter:
    """Marks the query's words (and their synonyms) in a hit, as the engine's highlighter does."""

    fragment_size = 160

    def __init__(self, q, groups):
        self.stems = {stem(w) for alternatives in concepts(q, groups) for alt in alternatives for w in alt}

    def _matches(self, text):
        return [m.span() for m in _TOKEN.finditer(text) if self._hit(m.group())]

    def _hit(self, token):
        folded = fold(token)
        return any(folded.startswith(s) and len(folded) - len(s) <= 3 for s in self.stems if len(s) >= 3) \
            or stem(folded) in self.stems

    def mark(self, text, start=0, end=None):
        end = len(text) if end is None else end
        out, position = [], start
        for a, b in self._matches(text):
            if a < start or b > end:
                continue
            out += [escape(text[position:a]), "<mark>", escape(text[a:b]), "</mark>"]
            position = b
        out.append(escape(text[position:end]))
        return "".join(out)

    def highlights(self, page):
        result = {"title": None, "summary": None, "text": []}
        for name in ("title", "summary"):
            text = getattr(page, name)
            if self._matches(text):
                result[name] = self.mark(text)
        for source in (page.goals, page.approach, page.problem, page.theory, page.title_en, page.summary_en):
            text = markdown_text(source)
            spans = self._matches(text)
            if spans:
                a = max(0, spans[0][0] - self.fragment_size // 3)
                a = text.rfind(" ", 0, a) + 1 if a else 0
                b = min(len(text), a + self.fragment_size)
                b = text.find(" ", b) if text.find(" ", b) != -1 else len(text)
                result["text"].append(("…" if a else "") + self.mark(text, a, b) + ("…" if b < len(text) else ""))
                break
        return result


# -- did you mean, autocomplete -------------------------------------------

def spelling_suggestion(q, groups=None):
    """The query with each word the catalogue does not contain replaced by its nearest
    catalogue word ("" when every word is known or has no near neighbour). The parts of
    "e-learning" or "naaktfoto's" are words of their own, as the engine sees them."""
    counts = vocabulary()
    changed = False

    def correct(match):
        nonlocal changed
        bare = match.group()
        close = [near for near in nearest(bare, counts) if stem(near) != stem(bare)][:1] \
            if bare not in STOPWORDS and not is_other_form(bare, counts) else []
        if close:
            changed = True
            return close[0]
        return bare

    corrected = " ".join(re.sub(r"\w+", correct, word) for word in fold(q).split())
    return corrected if changed else ""


def database_autocomplete(q, limit=8):
    found = MethodPage.objects.live().public()
    terms = words(q)
    if not terms:
        return []
    for term in terms:
        found = found.filter(title__icontains=term)
    return [{"title": page.title, "url": page.get_url() or page.url_path}
            for page in found.order_by("title")[:limit]]

