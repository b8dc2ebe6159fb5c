#!/usr/bin/env python
"""Benchmark: the catalogue search on the engine and on the database fallback, side by side.

    .venv/bin/python bench/search.py                     # 10,000 synthetic methods
    .venv/bin/python bench/search.py --methods 100000
    .venv/bin/python bench/search.py --engine-url http://127.0.0.1:9200 --rounds 5

Builds a throwaway catalogue of N synthetic methods in a fresh SQLite database (or the
database DATABASE_URL names: use an empty one), then measures:
  - index build throughput (documents per second): the engine's full rebuild (what
    `search_index rebuild` does) and Wagtail's database search index for the fallback;
  - search latency p50/p95 over a fixed mix of queries, with and without facets, through
    the same code path the page and the API use (search.service.run_search);
and prints one table with both backends and the ratio database / engine.
The engine indices it creates are removed at the end. This is not a test: nothing fails.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "loverboy", "arbeidsuitbuiting", "voorlichting school", "loverboy voorlichting school", "geldezel",
    "training professionals", "campagne jongeren", "uitbuiting op het werk", "barrièremodel gemeente",
    "lovrboy",
]
FACETED = [
    {"vorm": ["arbeidsuitbuiting"], "doelgroep": ["bedrijven-werkgevers"]},
    {"bewijs": ["goed-onderbouwd", "goed-beschreven"]},
    {"vorm": ["seksuele-uitbuiting"], "leeftijd": ["jongeren"]},
    {"aanpak": ["campagne"], "setting": []},
]

WORDS = (
    "preventie voorlichting school scholen jongeren ouders gemeente gemeenten signalen signaleren "
    "uitbuiting arbeidsuitbuiting loverboys loverboy pooierboy mensenhandel slachtoffers hulp opvang "
    "training professionals campagne werkgevers bedrijven arbeidsmigranten huisvesting inspectie "
    "samenwerking ketenpartners politie zorg jeugdhulp online grooming sexting weerbaarheid "
    "meiden jongens geldezels bankrekening criminele ronselen drugs koeriers barrièremodel "
    "bestuurlijke aanpak vergunning horeca schoonmaak seizoenswerk landbouw transport melden "
    "meldpunt anoniem lespakket gastles methode evaluatie effect onderzoek borging beleid"
).split()
PLACES = ["Utrecht", "Rotterdam", "Groningen", "Zwolle", "Eindhoven", "Den Haag", "Tilburg", "Arnhem"]
KINDS = ["Campagne", "Lespakket", "Training", "Aanpak", "Meldpunt", "Programma", "Toolkit", "Netwerk"]


def setup_django(args):
    """Django on a fresh database; returns the temporary directory to remove afterwards, if any."""
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="search-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
    os.environ["SEARCH_URL"] = args.engine_url
    os.environ["SEARCH_INDEX_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ["SEARCH_TIMEOUT"] = "30"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return scratch


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build_catalogue(n, seed=7):
    """N live methods under one index page, inserted in bulk (no revisions, no signals)."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from methods.demo import DEMO_DATA, load_taxonomies
    from methods.models import (
        ApproachType, CostBand, ExploitationForm, MethodIndexPage, MethodPage, Organisation, Setting, TargetGroup,
    )
    from home.models import HomePage

    rng = random.Random(seed)
    load_taxonomies(DEMO_DATA / "taxonomies.yaml")
    Organisation.objects.bulk_create([Organisation(name=f"Organisatie {i}") for i in range(200)],
                                     ignore_conflicts=True)
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    taxonomies = {model: list(model.objects.values_list("pk", flat=True))
                  for model in (ExploitationForm, TargetGroup, ApproachType, Setting, CostBand)}

    home = HomePage.objects.first()
    parent = MethodIndexPage(title="Methoden", slug="methoden")
    home.add_child(instance=parent)
    parent.refresh_from_db()
    content_type = ContentType.objects.get_for_model(MethodPage)
    locale = Locale.get_default()
    alphabet = Page.alphabet
    now = timezone.now()

    def step(i):
        digits = ""
        while i:
            i, r = divmod(i, len(alphabet))
            digits = alphabet[r] + digits
        return digits.rjust(Page.steplen, alphabet[0])

    batch = 1000
    page_fields = [f for f in MethodPage._meta.local_concrete_fields]
    with transaction.atomic():
        for start in range(0, n, batch):
            pages, methods = [], []
            for i in range(start, min(n, start + batch)):
                title = f"{rng.choice(KINDS)} {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(PLACES)} {i}"
                slug = f"methode-{i}"
                published = now - datetime.timedelta(days=rng.randint(0, 3000))
                pages.append(Page(
                    title=title, draft_title=title, slug=slug, content_type=content_type, locale=locale,
                    path=parent.path + step(i + 1), depth=parent.depth + 1, numchild=0,
                    url_path=f"{parent.url_path}{slug}/", live=True, has_unpublished_changes=False,
                    first_published_at=published, last_published_at=published, translation_key=uuid.uuid4(),
                ))
            Page.objects.bulk_create(pages)
            created = Page.objects.filter(path__in=[p.path for p in pages]).values_list("pk", "path")
            by_path = {path: pk for pk, path in created}
            through_rows = {name: [] for name in ("forms_of_exploitation", "target_groups", "approach_types", "settings")}
            for page in pages:
                pk = by_path[page.path]
                age_from = rng.choice([None, 6, 10, 12, 14, 16, 18, 25])
                method = MethodPage(
                    page_ptr_id=pk, summary=sentence(rng, 45), problem=sentence(rng, 40), goals=sentence(rng, 50),
                    approach=sentence(rng, 60), theory=sentence(rng, 30),
                    age_from=age_from, age_to=None if age_from is None else age_from + rng.choice([4, 8, 40]),
                    cost_band_id=rng.choice(taxonomies[CostBand] + [None]),
                    owner_organisation_id=rng.choice(organisations),
                    evidence_level=rng.choices(range(6), weights=[60, 15, 12, 7, 4, 2])[0],
                )
                methods.append(method)
                for name, model in (("forms_of_exploitation", ExploitationForm), ("target_groups", TargetGroup),
                                    ("approach_types", ApproachType), ("settings", Setting)):
                    for item in rng.sample(taxonomies[model], k=rng.randint(1, 3)):
                        through_rows[name].append((pk, item))
            MethodPage._base_manager._insert(methods, fields=page_fields)
            for name, rows in through_rows.items():
                relation = MethodPage._meta.get_field(name)
                through = relation.remote_field.through
                page_col, item_col = relation.m2m_field_name() + "_id", relation.m2m_reverse_field_name() + "_id"
                through.objects.bulk_create([through(**{page_col: a, item_col: b}) for a, b in rows])
        Page.objects.filter(pk=parent.pk).update(numchild=n)


def time_database_index():
    """Wagtail's database search index for the methods (what the fallback searches)."""
    from wagtail.search.backends import get_search_backend

    from methods.models import MethodPage

    backend = get_search_backend()
    index = backend.get_index_for_model(MethodPage)
    rebuilder = backend.rebuilder_class(index)
    started = time.perf_counter()
    index = rebuilder.start()
    index.add_model(MethodPage)
    pages = MethodPage.objects.live().order_by("pk")
    count = 0
    chunk = []
    for page in pages.iterator(chunk_size=1000):
        chunk.append(page)
        if len(chunk) == 1000:
            index.add_items(MethodPage, chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        index.add_items(MethodPage, chunk)
        count += len(chunk)
    rebuilder.finish()
    return count / (time.perf_counter() - started)


def time_engine_index():
    from search.indexing import rebuild

    started = time.perf_counter()
    count = rebuild(out=sys.stderr, progress_every=10_000)
    return count / (time.perf_counter() - started)


def latencies(param_sets, rounds):
    from search.facets import facet_catalogue
    from search.params import SearchParams
    from search.service import run_search

    def once(values):
        start = time.perf_counter()
        catalogue = facet_catalogue()
        answer = run_search(SearchParams(**values), catalogue)
        return time.perf_counter() - start, answer

    for values in param_sets:  # warm caches and connections
        once(values)
    timings, backends = [], set()
    for _ in range(rounds):
        for values in param_sets:
            elapsed, answer = once(values)
            timings.append(elapsed * 1000)
            backends.add("engine" if answer.backend == "engine" and not answer.degraded else "database")
    return timings, backends


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--methods", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query mix (after one warm-up)")
    parser.add_argument("--engine-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    args = parser.parse_args()

    scratch = setup_django(args)
    try:
        run(args)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def run(args):
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings

    from search import engine
    from search.indexing import delete_all_indices

    try:
        info = engine.client().info()
        engine_name = f"{info['version'].get('distribution', 'elasticsearch')} {info['version']['number']}"
    except engine.errors() as exc:
        sys.exit(f"No search engine at {args.engine_url} ({exc}); start one with scripts/search-engine start.")

    print(f"Building {args.methods:,} synthetic methods in {connection.vendor} ...", file=sys.stderr)
    started = time.perf_counter()
    build_catalogue(args.methods)
    print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    text_only = [{"q": q} for q in QUERIES]
    with_facets = [{"q": q, "filters": {k: tuple(v) for k, v in f.items() if v}}
                   for q in QUERIES[:5] for f in FACETED] + [{"filters": {k: tuple(v) for k, v in f.items() if v}}
                                                               for f in FACETED]
    results = {}
    try:
        print("Indexing on the engine ...", file=sys.stderr)
        results["engine", "build"] = time_engine_index()
        print("Indexing on the database ...", file=sys.stderr)
        with override_settings(SEARCH_URL=""):
            results["database", "build"] = time_database_index()
        for name, url in (("engine", settings.SEARCH_URL), ("database", "")):
            with override_settings(SEARCH_URL=url):
                for label, mix in (("words", text_only), ("facets", with_facets)):
                    print(f"Searching on the {name}: {label} ({len(mix)} searches x {args.rounds}) ...", file=sys.stderr)
                    timings, answered_by = latencies(mix, args.rounds)
                    if answered_by != {name}:
                        sys.exit(f"expected every search to be answered by the {name}, got {answered_by}")
                    results[name, label] = timings
    finally:
        delete_all_indices()

    db_name = f"{connection.vendor} {connection.Database.sqlite_version}" if connection.vendor == "sqlite" \
        else connection.vendor
    print()
    print(f"Catalogue search, {args.methods:,} synthetic methods ({engine_name} vs {db_name}; "
          f"{len(text_only)} word queries, {len(with_facets)} faceted, {args.rounds} rounds)")
    rows = [("index build (docs/s)", results["engine", "build"], results["database", "build"], "{:,.0f}")]
    for label, key in (("words only", "words"), ("with facets", "facets")):
        for p in (50, 95):
            rows.append((f"search {label}, p{p} (ms)", percentile(results["engine", key], p),
                         percentile(results["database", key], p), "{:,.1f}"))
    print(f"{'':32}{'engine':>12}{'database':>12}{'database/engine':>18}")
    for label, on_engine, on_database, fmt in rows:
        print(f"{label:32}{fmt.format(on_engine):>12}{fmt.format(on_database):>12}{on_database / on_engine:>17.2f}x")
    print(f"(median of all searches: engine {statistics.median(results['engine', 'words'] + results['engine', 'facets']):.1f} ms, "
          f"database {statistics.median(results['database', 'words'] + results['database', 'facets']):.1f} ms)")


if __name__ == "__main__":
    main()
