#!/usr/bin/env python
"""Load benchmark: the public pages under N concurrent clients, against gunicorn with the
production settings, next to a bare Django view measured in the same run.

    .venv/bin/python bench/load.py                          # 50 clients, 10 s per page
    .venv/bin/python bench/load.py --clients 100 --duration 20
    .venv/bin/python bench/load.py --no-page-cache          # what the pages cost uncached
    .venv/bin/python bench/load.py --engine-url http://127.0.0.1:9200
    .venv/bin/python bench/load.py --cache-url memcached://127.0.0.1:11211

Self-contained: a scratch SQLite database with the demo catalogue (migrate + load_demo),
collectstatic into a scratch folder, a private redis-server on a free loopback port as the
cache (CACHE_URL; --cache-url names another, `locmem://` the per-process memory), and
gunicorn on 127.0.0.1 with catalogue.settings.production (plus /bench/bare/, see
bench/load_settings.py; no HTTPS redirect, no API rate limit: all clients share one address).
With --engine-url the demo catalogue is indexed there under a throwaway prefix, removed
afterwards; without it the database search answers, as on a site without SEARCH_URL.

The load comes from wrk (Debian package; installed with apt-get when missing): each page in
turn for --duration seconds with --clients connections. The bare view runs first and last and
its mean is the yardstick, so a machine busy with other work shifts both alike. Printed per
page: requests/s, the share of the bare view's requests/s, p50/p95/p99 latency and errors
(connect, read, write, timeouts and non-2xx/3xx answers); exit status 1 when a public page
misses a target (>= 50 % of the bare view, p95 <= 300 ms, no errors). The search with words
and the API run uncached (each query is answered afresh) and are shown without a target.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")

BARE = ("bare Django view", "/bench/bare/")
PAGES = [
    ("home", "/", True),
    ("method index", "/methoden/", True),
    ("method page", "/methoden/girls-talk/", True),
    ("search page, facets", "/zoeken/?vorm=seksuele-uitbuiting&leeftijd=jongeren", True),
    ("search with words + facets", "/zoeken/?q=loverboy&vorm=seksuele-uitbuiting", False),
    ("JSON API, words + facets", "/api/search/?q=loverboy&vorm=seksuele-uitbuiting", False),
]
TARGET_SHARE = 0.5
TARGET_P95_MS = 300

# wrk prints its summary through this script, as one JSON line.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
    .. '"p50":%d,"p95":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_program(name, package):
    if shutil.which(name):
        return shutil.which(name)
    print(f"{name} not found; installing the Debian package {package} ...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which(name)


def wait_for(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def start_redis(scratch):
    server = ensure_program("redis-server", "redis-server")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(scratch)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("redis-server did not start")


def manage(env, *args):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def run_wrk(wrk, script, url, clients, duration, threads):
    result = subprocess.run(
        [wrk, f"-t{threads}", f"-c{clients}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True, text=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed on {url}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(lines[-1])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return data


def table(rows, bare_rps):
    header = f"| {'page':<28} | {'req/s':>7} | {'of bare':>7} | {'p50 ms':>6} | {'p95 ms':>6} | {'p99 ms':>6} | {'errors':>6} |"
    lines = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    for name, data, _target in rows:
        share = f"{data['rps'] / bare_rps:.0%}" if bare_rps else "-"
        lines.append(
            f"| {name:<28} | {data['rps']:>7.0f} | {share:>7} | {data['p50'] / 1000:>6.1f} | "
            f"{data['p95'] / 1000:>6.1f} | {data['p99'] / 1000:>6.1f} | {data['errors']:>6} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections (default 50)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    # Sync workers, as the README runs them: the search code is not thread-safe yet (the
    # shared Snowball stemmer fails under concurrent use), so gthread gives 500s on searches.
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker (default 1: sync workers; more: gthread)")
    parser.add_argument("--cache-url", default="", help="CACHE_URL (default: a private redis-server)")
    parser.add_argument("--no-page-cache", action="store_true", help="PAGE_CACHE_SECONDS=0: every view rendered")
    parser.add_argument("--engine-url", default="", help="index the demo catalogue on this engine and search there")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (database, logs)")
    args = parser.parse_args()

    wrk = ensure_program("wrk", "wrk")
    scratch = Path(tempfile.mkdtemp(prefix="load-bench-"))
    processes = []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "API_RATE_LIMIT": "",
        "API_AUTOCOMPLETE_RATE_LIMIT": "",
        "SEARCH_URL": args.engine_url,
        "SEARCH_INDEX_PREFIX": f"bench-load-{uuid.uuid4().hex[:8]}",
        "PAGE_CACHE_SECONDS": "0" if args.no_page_cache else os.environ.get("PAGE_CACHE_SECONDS", "600"),
        "PYTHONPATH": str(ROOT),
    }
    try:
        if args.cache_url:
            env["CACHE_URL"] = args.cache_url
        else:
            redis, env["CACHE_URL"] = start_redis(scratch)
            processes.append(redis)
        print(f"Scratch catalogue in {scratch}: migrate, load_demo, collectstatic ...", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--no-input")
        if args.engine_url:
            manage(env, "search_index", "rebuild")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with open(scratch / "gunicorn.log", "w") as log:
            server = subprocess.Popen(
                [str(GUNICORN), "catalogue.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(args.workers), "--backlog", "2048",
                 *(["--worker-class", "gthread", "--threads", str(args.threads)] if args.threads > 1 else [])],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        processes.append(server)
        wait_for(base + "/healthz", server)
        for _name, path, *_ in [BARE, *PAGES]:
            status = wait_for(base + path, server)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")

        script = scratch / "report.lua"
        script.write_text(WRK_REPORT)
        threads = min(4, max(1, os.cpu_count() or 1))
        print(f"{args.clients} clients, {args.duration} s per page, gunicorn {args.workers} workers"
              f"{f' x {args.threads} threads' if args.threads > 1 else ' (sync)'}, CACHE_URL {env['CACHE_URL']}, page cache "
              f"{'off' if args.no_page_cache else 'on'}, search on {'the engine' if args.engine_url else 'the database'}",
              flush=True)
        bare_runs = [run_wrk(wrk, script, base + BARE[1], args.clients, args.duration, threads)]
        rows = []
        for name, path, target in PAGES:
            rows.append((name, run_wrk(wrk, script, base + path, args.clients, args.duration, threads), target))
            print(f"  {name}: {rows[-1][1]['rps']:.0f} req/s", flush=True)
        bare_runs.append(run_wrk(wrk, script, base + BARE[1], args.clients, args.duration, threads))
        bare = {key: sum(run[key] for run in bare_runs) / 2 for key in bare_runs[0]}
        bare["errors"] = sum(run["errors"] for run in bare_runs)

        print()
        print(table([(BARE[0] + " (mean of 2)", bare, False), *rows], bare["rps"]))
        print(f"\nbare view runs: {bare_runs[0]['rps']:.0f} and {bare_runs[1]['rps']:.0f} req/s")
        for name, data, _target in rows:
            if data["errors"]:
                kinds = ", ".join(f"{k} {data[k]}" for k in ("connect", "read", "write", "timeout", "status") if data[k])
                print(f"errors on {name}: {kinds} (status: answers other than 2xx/3xx)")
        missed = [
            name for name, data, target in rows if target and (
                data["rps"] < TARGET_SHARE * bare["rps"] or data["p95"] / 1000 > TARGET_P95_MS or data["errors"])
        ]
        missed += [name for name, data, _target in rows if data["errors"]]
        if missed:
            print(f"targets missed (>= {TARGET_SHARE:.0%} of bare, p95 <= {TARGET_P95_MS} ms, 0 errors): "
                  + ", ".join(dict.fromkeys(missed)))
            return 1
        print(f"targets met: every public page >= {TARGET_SHARE:.0%} of the bare view, p95 <= {TARGET_P95_MS} ms, 0 errors")
        return 0
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.engine_url:
            subprocess.run([PYTHON, "-c", "import django; django.setup(); "
                            "from search.indexing import delete_all_indices; delete_all_indices()"],
                           cwd=ROOT, env=env, capture_output=True)
        if args.keep:
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
