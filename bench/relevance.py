#!/usr/bin/env python
"""Relevance harness: the judged queries through the catalogue search, on the engine and on
the database fallback, side by side.

    .venv/bin/python bench/relevance.py                       # scratch SQLite + the demo catalogue
    .venv/bin/python bench/relevance.py --engine-url http://127.0.0.1:9200
    .venv/bin/python bench/relevance.py --check               # fail below the floors (CI)
    .venv/bin/python bench/relevance.py --verbose             # every query with its top 5

Self-contained: builds the demo catalogue (`load_demo`) in a fresh SQLite database (or in
the empty database DATABASE_URL names), indexes it on the engine under a throwaway prefix,
runs each query of bench/relevance-queries.json through search.service.run_search (the code
path of the page and the API) and removes the index afterwards.

Scores per query (grades 2 = wanted on top, 1 = useful), averaged overall and per class:
nDCG@10 (gains 2/1/0), recall@10 of the grade-2 slugs, MRR of the first grade-2 slug, and
the share of queries with no hits at all. With --check it exits 1 when a figure is below
its floor in FLOORS (set just under what the backends reach: a regression guard).
"""

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ROOT / "bench" / "relevance-queries.json"
K = 10
METRICS = ("ndcg", "recall", "mrr", "zero")
LABELS = {"ndcg": "nDCG@10", "recall": "recall@10", "mrr": "MRR", "zero": "zero-result"}

# Regression floors (--check): just under the latest measured figures on the demo catalogue.
# "class" is the lowest nDCG@10 any one class may have; "zero" is a ceiling.
FLOORS = {
    "engine": {"ndcg": 0.81, "recall": 0.95, "mrr": 0.84, "zero": 0.02, "class": 0.75},
    "database": {"ndcg": 0.74, "recall": 0.90, "mrr": 0.82, "zero": 0.05, "class": 0.62},
}


def setup_django(engine_url):
    """Django on a fresh database; returns the temporary directory to remove afterwards, if any."""
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="search-relevance-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'relevance.sqlite3'}"
    os.environ["SEARCH_URL"] = engine_url
    os.environ["SEARCH_INDEX_PREFIX"] = f"relevance-{uuid.uuid4().hex[:8]}"
    os.environ["SEARCH_TIMEOUT"] = "30"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return scratch


# -- scores ------------------------------------------------------------------

def ndcg(ranked, relevant, k=K):
    dcg = sum(relevant.get(slug, 0) / math.log2(i + 2) for i, slug in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked, relevant, k=K):
    wanted = {slug for slug, grade in relevant.items() if grade == 2}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 1.0


def reciprocal_rank(ranked, relevant, k=K):
    for i, slug in enumerate(ranked[:k]):
        if relevant.get(slug) == 2:
            return 1 / (i + 1)
    return 0.0


def score(ranked, total, relevant):
    return {"ndcg": ndcg(ranked, relevant), "recall": recall(ranked, relevant),
            "mrr": reciprocal_rank(ranked, relevant), "zero": 1.0 if total == 0 else 0.0}


def average(rows):
    return {m: sum(r[m] for r in rows) / len(rows) for m in METRICS} if rows else dict.fromkeys(METRICS, 0.0)


# -- running -------------------------------------------------------------------

def run_queries(queries, backend, lang):
    """[(query, class, scores, top slugs, answer)] for one backend, through run_search."""
    from django.test import override_settings
    from django.utils import translation

    from search import engine
    from search.facets import facet_catalogue
    from search.params import SearchParams
    from search.service import run_search

    url = os.environ["SEARCH_URL"] if backend == "engine" else ""
    out = []
    with override_settings(SEARCH_URL=url), translation.override(lang):
        engine.breaker.reset()
        catalogue = facet_catalogue()
        for item in queries:
            answer = run_search(SearchParams(q=item["query"], per_page=K), catalogue)
            answered = "database" if answer.backend == "database" or answer.degraded else "engine"
            if answered != backend:
                sys.exit(f"expected {backend} to answer {item['query']!r}, got {answered}")
            ranked = [hit.slug for hit in answer.hits]
            out.append((item, score(ranked, answer.total, item["relevant"]), ranked, answer))
    return out


def summarise(results):
    by_class = defaultdict(list)
    for item, scores, _ranked, _answer in results:
        by_class[item["class"]].append(scores)
    return average([s for _i, s, _r, _a in results]), {c: average(rows) for c, rows in by_class.items()}


def print_table(summaries, classes, out=sys.stdout):
    backends = list(summaries)
    print("| class | n | " + " | ".join(f"{b} {LABELS[m]}" for b in backends for m in METRICS) + " |", file=out)
    print("|---|---|" + "---|" * (len(backends) * len(METRICS)), file=out)
    rows = [("all", None)] + [(c, c) for c in classes]
    for label, cls in rows:
        cells = []
        for b in backends:
            overall, per_class, count = summaries[b]
            figures = overall if cls is None else per_class[cls]
            for m in METRICS:
                cells.append(f"{figures[m] * 100:.0f} %" if m == "zero" else f"{figures[m]:.2f}")
        n = summaries[backends[0]][2] if cls is None else classes[cls]
        print(f"| {label} | {n} | " + " | ".join(cells) + " |", file=out)


def check(summaries):
    """(number of floors checked, [failures])."""
    failures, checked = [], 0
    for backend, (overall, per_class, _n) in summaries.items():
        floors = FLOORS[backend]
        checked += 4 + len(per_class)
        for m in ("ndcg", "recall", "mrr"):
            if overall[m] < floors[m]:
                failures.append(f"{backend} {LABELS[m]} {overall[m]:.3f} < floor {floors[m]:.2f}")
        if overall["zero"] > floors["zero"]:
            failures.append(f"{backend} zero-result rate {overall['zero']:.3f} > ceiling {floors['zero']:.2f}")
        for cls, figures in per_class.items():
            if figures["ndcg"] < floors["class"]:
                failures.append(f"{backend} class {cls} nDCG@10 {figures['ndcg']:.3f} < floor {floors['class']:.2f}")
    return checked, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--backend", choices=("both", "engine", "database"), default="both")
    parser.add_argument("--queries", default=str(QUERIES))
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    parser.add_argument("--verbose", action="store_true", help="print every query with its scores and top 5")
    args = parser.parse_args()

    scratch = setup_django(args.engine_url)
    try:
        sys.exit(run(args))
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def run(args):
    from methods.demo import load_demo
    from search import engine
    from search.indexing import delete_all_indices, rebuild

    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    classes = {}
    for item in queries:
        classes[item["class"]] = classes.get(item["class"], 0) + 1
    backends = ["engine", "database"] if args.backend == "both" else [args.backend]

    print("Loading the demo catalogue ...", file=sys.stderr)
    load_demo()
    summaries = {}
    try:
        if "engine" in backends:
            try:
                engine.client().info()
            except engine.errors() as exc:
                print(f"No search engine at {args.engine_url} ({exc}); start one with scripts/search-engine start.",
                      file=sys.stderr)
                return 2
            rebuild(quiet=True)
        for backend in backends:
            results = run_queries(queries, backend, "nl")
            overall, per_class = summarise(results)
            summaries[backend] = (overall, per_class, len(results))
            if args.verbose:
                print(f"\n== {backend}")
                for item, scores, ranked, answer in results:
                    notes = []
                    for name in ("suggestion", "widened"):
                        if getattr(answer, name, ""):
                            notes.append(f"{name}={getattr(answer, name)!r}")
                    print(f"{scores['ndcg']:.2f} {item['class']:10} {item['query']!r} total={answer.total} "
                          f"{' '.join(notes)}\n     top: {', '.join(ranked[:5])}\n     want: "
                          f"{', '.join(s for s, g in item['relevant'].items() if g == 2)}")
    finally:
        if "engine" in backends:
            delete_all_indices()

    print(f"\nRelevance on the demo catalogue: {len(queries)} judged queries ({args.queries})\n")
    print_table(summaries, classes)
    if args.check:
        checked, failures = check(summaries)
        for failure in failures:
            print(f"BELOW FLOOR: {failure}")
        # One line in the form test runners close with: each floor is one check.
        print(f"relevance: {checked - len(failures)} passed, {len(failures)} failed")
        if failures:
            return 1
    return 0


if __name__ == "__main__":
    main()
