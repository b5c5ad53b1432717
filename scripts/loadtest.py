#!/usr/bin/env python3
"""Load test of the analyst's desk: ``newsledger serve`` on 127.0.0.1 over a ledger of at
least 5,000 articles, read by concurrent clients while ``newsledger ingest`` writes to the same
ledger. Reports requests per second and latency percentiles per endpoint, errors, and whether
every write landed. Loopback only; bounded in time (``--duration``) and in requests
(``--max-requests``). Per endpoint it also counts, from the desk's ``Cache-Status`` header, the
answers a client's request computed, waited for (another request computing it) or got stale
while it was recomputed in the background: the figures that say what a write costs the clients
whatever the machine's load. ``--strict`` serves in strict mode (``answer_stale_s = 0``).

    .venv/bin/python scripts/loadtest.py                      # build (or reuse) the ledger, run 30 s
    .venv/bin/python scripts/loadtest.py --articles 5000 --duration 30 --clients 8 --out load.json

The ledger is built through the store-only path: a few short texts written here go through
the pipeline once, then each report is copied under a distinct closing paragraph (a new
content hash, the same records) and stored, so 5,000 articles take a minute or two rather
than an hour of analysis. With ``--reports`` the ledger is built from real articles instead:
the reports of ``newsledger analyze -f jsonl`` over a corpus are stored as they are, then
copies of them under a closing paragraph until there are ``--articles`` (docs/reliability.md,
"Load", says how the published figures were made). ``--db`` takes a SQLite file or a
``postgresql://`` URL. Exit status 1 if any request failed or any write was lost.

``--alone N`` measures instead what each endpoint costs by itself: N requests each, one at a
time, in this process, with the median wall-clock and CPU milliseconds of computing the
answer, and the CPU milliseconds of the answer kept by the desk's cache. On a shared machine
the CPU columns are the figures to compare before and after a change.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"  # loopback only, by design

#: Short articles written for this script; each becomes many stored copies.
TEMPLATES = [
    "Russian forces shelled Pokrovsk overnight, killing 4 people, the regional governor said.\n\n"
    "“The city is under constant fire,” said Vadym Filashkin, the governor of Donetsk region.",
    "Ukraine said it shot down 38 drones over Kharkiv on Monday, according to the air force.\n\n"
    "“Most of them were Shaheds,” said Yuriy Ihnat, a spokesman for the air force.",
    "At least 12 people were wounded in a missile strike on Odesa, officials said on Tuesday.",
    "Ukrainian troops advanced 10 km into the Kursk region, the Russian defence ministry said.\n\n"
    "“The situation is under control,” said Alexei Smirnov, the acting governor of Kursk.",
    "A drone attack set fire to an oil depot in Belgorod, the regional governor Vyacheslav "
    "Gladkov said on Wednesday. No one was hurt.",
    "Israeli strikes killed 25 people in Gaza City on Thursday, the health ministry said.\n\n"
    "“We are running out of fuel,” said Dr Mohammed Abu Salmiya, director of al-Shifa hospital.",
    "Sudan's army said it had retaken parts of Khartoum after heavy fighting with the Rapid "
    "Support Forces, according to a statement on Friday.",
    "About 3,000 people fled Zaporizhzhia after shelling damaged the power grid, the mayor said.",
]
FILLER = ["front", "line", "village", "road", "convoy", "bridge", "supply", "depot", "river", "artillery", "brigade", "drone", "battalion", "trench", "winter", "harvest", "power", "station", "railway", "checkpoint", "shelter", "hospital", "school", "market", "tower", "port", "grain", "tanker", "radar", "airfield", "corridor", "evacuation", "ceasefire", "talks", "envoy", "summit", "sanctions", "aid", "fuel", "water", "clinic", "ambulance", "volunteer", "mayor", "council"]

#: The endpoints exercised, with their share of the requests. ``{id}`` is a stored article.
#: The unfiltered lists are spelled as the desk's pages ask for them (``/api/people``, not
#: ``/api/people?limit=50``: the same answer, 50 rows, under the key the desk uses), so the
#: answers the server computes at start (setting ``warm_urls``) are the ones the clients ask.
ENDPOINTS: list[tuple[str, str, int]] = [
    ("stats", "/api/stats", 5),
    ("articles", "/api/articles", 15),
    ("articles?place", "/api/articles?place=Pokrovsk&limit=20", 5),
    ("articles?q", "/api/articles?q=drones&limit=20", 5),
    ("article", "/api/articles/{id}", 15),
    ("quotes", "/api/quotes", 10),
    ("quotes?person", "/api/quotes?person=Ihnat&limit=20", 5),
    ("people", "/api/people", 5),
    ("places", "/api/places?limit=50", 5),
    ("events", "/api/events?limit=50", 10),
    ("claims", "/api/claims?limit=50", 5),
    ("search", "/api/search?q=governor&limit=20", 5),
    ("geojson", "/api/geojson?limit=500", 5),
    ("index", "/", 5),
    ("experts", "/api/experts?limit=50", 2),  # 350-700 ms of CPU before its rows were kept (migration 12)
]


def safe(url: str) -> str:
    """A ledger URL without its password, for messages."""
    if "://" not in url:
        return url
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


def log(msg: str) -> None:
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- the ledger


def template_reports() -> list[Any]:
    from newsledger import analyze
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    return [analyze(t, settings=settings, source=f"loadtest-{i}.txt", published=f"2024-0{1 + i % 9}-1{i % 10}")
            for i, t in enumerate(TEMPLATES)]


def variant(report: Any, n: int) -> Any:
    from newsledger.ingest.article import article_id
    from newsledger.models import Report

    rng = random.Random(n)
    text = report.article.text + f"\n\nDispatch {n}: " + " ".join(rng.choice(FILLER) for _ in range(40)) + "."
    new_id = article_id(text)
    out = Report.model_validate_json(report.model_dump_json().replace(report.article.id, new_id))
    return out.model_copy(update={"article": out.article.model_copy(update={"text": text, "id": new_id})})


def real_reports(path: Path) -> list[Any]:
    """Reports of real articles (``newsledger analyze -f jsonl`` output), in file order."""
    from newsledger.models import Report

    with path.open(encoding="utf-8") as fh:
        return [Report.model_validate_json(line) for line in fh if line.strip()]


def copy_n(templates: list[Any], n: int, originals: bool) -> Any:
    """The ``n``-th report to store: with ``originals`` the templates themselves first, then
    variants (each text with its own closing paragraph, so its own id)."""
    if originals and n < len(templates):
        return templates[n]
    return variant(templates[n % len(templates)], n)


def build_ledger(db: str, templates: list[Any], count: int, originals: bool = False) -> int:
    from newsledger.ledger import Ledger

    with Ledger(db) as led:
        have = led.counts()["articles"]
        if have >= count:
            log(f"reusing {safe(db)} ({have:,} articles)")
            return have
        log(f"building {safe(db)}: {count - have:,} articles through the store-only path")
        t0 = time.monotonic()
        reports = (copy_n(templates, n, originals) for n in range(have, count))
        added = sum(r.status == "added" for r in led.add(reports, batch_size=200))
        log(f"stored {added:,} in {time.monotonic() - t0:.0f} s")
        return led.counts()["articles"]


def write_jsonl(path: Path, templates: list[Any], start: int, count: int) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for n in range(start, start + count):
            r = variant(templates[n % len(templates)], n)
            ids.append(r.article.id)
            fh.write(r.model_dump_json() + "\n")
    return ids


# ----------------------------------------------------------------------------- the load


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"newsledger serve exited with {proc.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("newsledger serve did not start listening")


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        #: the desk's Cache-Status per endpoint: how many answers were computed by a client's
        #: request, waited for, served stale or kept
        self.cache: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, name: str, seconds: float, error: str | None, cache_status: str | None = None) -> None:
        with self.lock:
            if error is None:
                self.latency[name].append(seconds)
            else:
                self.errors[name].append(error)
            if cache_status:
                self.cache[name][CACHE_STATUS.get(cache_status, cache_status)] += 1

    @property
    def total(self) -> int:
        with self.lock:
            return sum(map(len, self.latency.values())) + sum(map(len, self.errors.values()))


#: The desk's Cache-Status values (server/cache.py), by a short name.
CACHE_STATUS = {
    "newsledger; hit": "kept",
    "newsledger; hit; detail=stale-while-revalidate": "stale",
    "newsledger; fwd=uri-miss; stored": "computed",
    "newsledger; fwd=uri-miss; collapsed": "waited",
}


def client(port: int, ids: list[str], stop: threading.Event, results: Results, seed: int,
           max_requests: int) -> None:
    rng = random.Random(seed)
    names = [e[0] for e in ENDPOINTS]
    weights = [e[2] for e in ENDPOINTS]
    paths = {e[0]: e[1] for e in ENDPOINTS}
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while not stop.is_set() and results.total < max_requests:
        name = rng.choices(names, weights)[0]
        path = paths[name].replace("{id}", rng.choice(ids))
        t0 = time.perf_counter()
        error = status = None
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            resp = conn.getresponse()
            resp.read()
            status = resp.getheader("cache-status")
            if resp.status != 200:
                error = f"HTTP {resp.status} {path}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc} {path}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        results.add(name, time.perf_counter() - t0, error, status)
    conn.close()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


#: Endpoints measured by ``--alone`` besides :data:`ENDPOINTS`: the other lists of the desk.
ALONE_EXTRA: list[tuple[str, str, int]] = [
    ("people?q", "/api/people?q=zelensky&limit=50", 0),
    ("organisations", "/api/organisations?limit=50", 0),
]


def alone(db: str, ids: list[str], repeat: int, out: Path | None) -> int:
    """Each endpoint ``repeat`` times in this process (FastAPI's test client, the app as
    ``newsledger serve`` builds it), after one unmeasured call: the median wall and CPU ms of
    computing the answer (the desk's answer cache off), and the CPU ms of the same request
    answered from the cache (as between two writes)."""
    from fastapi.testclient import TestClient

    from newsledger.server import create_app
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False).replace(db_url=db)
    computed = TestClient(create_app(settings, create=False, answer_cache_bytes=0))
    cached = TestClient(create_app(settings, create=False))

    def measure(client: TestClient, path: str) -> tuple[float, float]:
        wall, cpu = [], []
        for i in range(repeat + 1):
            url = path.replace("{id}", ids[i % len(ids)] if client is computed else ids[0])
            t0, c0 = time.perf_counter(), time.process_time()
            resp = client.get(url)
            if resp.status_code != 200:
                raise SystemExit(f"{url}: HTTP {resp.status_code} {resp.text[:200]}")
            if i:
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
        return round(statistics.median(wall), 1), round(statistics.median(cpu), 1)

    rows = []
    print("| endpoint | wall ms | CPU ms | CPU ms, from the cache |")
    print("|---|---:|---:|---:|")
    for name, path, _ in [*ENDPOINTS, *ALONE_EXTRA]:
        wall, cpu = measure(computed, path)
        rows.append({"endpoint": name, "wall_ms": wall, "cpu_ms": cpu, "cached_cpu_ms": measure(cached, path)[1]})
        print(f"| {name} | {wall} | {cpu} | {rows[-1]['cached_cpu_ms']} |", flush=True)
    if out:
        out.write_text(json.dumps({"alone": rows, "repeat": repeat}, indent=2) + "\n")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None, help="ledger: a SQLite file or a postgresql:// URL (built if short "
                    "of --articles; default: a file in a temporary directory)")
    ap.add_argument("--articles", type=int, default=5000, help="articles in the ledger before the run")
    ap.add_argument("--writes", type=int, default=400, help="reports ingested during the run")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load (upper bound)")
    ap.add_argument("--max-requests", type=int, default=50_000, help="requests at most")
    ap.add_argument("--clients", type=int, default=8, help="concurrent keep-alive clients")
    ap.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    ap.add_argument("--alone", type=int, default=0, metavar="N",
                    help="instead of the load: each endpoint N times in this process, one request at a time, "
                    "no writer; prints the median wall-clock and CPU milliseconds of each (what a request "
                    "costs, apart from queueing)")
    ap.add_argument("--strict", action="store_true",
                    help="serve in strict mode (answer_stale_s = 0): no answer from before a write is served "
                    "after it, each is recomputed by the first request that asks (the default serves it, "
                    "within the staleness bound, while it is recomputed in the background)")
    ap.add_argument("--reports", type=Path, default=None,
                    help="reports of real articles (`newsledger analyze -f jsonl`) to build the ledger from: "
                    "each stored as it is, then variants of them (a closing paragraph added) up to --articles")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="nl-load-"))
    db = args.db or str(work / "ledger.sqlite")
    if args.reports:
        log(f"reading the reports in {args.reports}")
        templates = real_reports(args.reports)
    else:
        log("analysing the templates once")
        templates = template_reports()
    before = build_ledger(db, templates, args.articles, originals=args.reports is not None)
    from newsledger.ledger import Ledger

    with Ledger(db) as led, led.engine.connect() as conn:
        import sqlalchemy as sa

        ids = list(conn.execute(sa.text("SELECT id FROM articles ORDER BY random() LIMIT 2000")).scalars())
    if args.alone:
        return alone(db, ids, args.alone, args.out)
    start = 10_000_000 + int(time.time())  # fresh copies each run: every write must be "added"
    more = work / "writes.jsonl"
    new_ids = write_jsonl(more, templates, start, args.writes)

    port = free_port()
    env = {**os.environ, "NEWSLEDGER_CONFIG": str(work / "none.toml")}
    exe = [sys.executable, "-m", "newsledger"]
    server_env = {**env, "NEWSLEDGER_ANSWER_STALE_S": "0"} if args.strict else env
    server = subprocess.Popen([*exe, "serve", "--db", db, "--host", HOST, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=server_env)
    try:
        wait_listening(port, server)
        log(f"desk on http://{HOST}:{port}/ over {before:,} articles; {args.clients} clients for "
            f"{args.duration:g} s while ingesting {args.writes} reports")
        results, stop = Results(), threading.Event()
        threads = [threading.Thread(target=client, args=(port, ids, stop, results, i, args.max_requests))
                   for i in range(args.clients)]
        t0 = time.monotonic()
        writer = subprocess.Popen([*exe, "ingest", str(more), "--db", db, "--batch-size", "20", "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for t in threads:
            t.start()
        time.sleep(0.5)
        while time.monotonic() - t0 < args.duration and results.total < args.max_requests:
            time.sleep(0.2)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        w_out, w_err = writer.communicate(timeout=600)
        write_s = time.monotonic() - t0
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    with Ledger(db) as led:
        stored = set(led.existing(new_ids))
        after = led.counts()["articles"]
    lost = len(new_ids) - len(stored)
    rows = []
    for name, _, _ in ENDPOINTS:
        lat = results.latency.get(name, [])
        errs = results.errors.get(name, [])
        rows.append({"endpoint": name, "requests": len(lat) + len(errs), "errors": len(errs),
                     "rps": round((len(lat) + len(errs)) / elapsed, 1),
                     "p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
                     "p90_ms": round(pct(lat, 90) * 1000, 1) if lat else None,
                     "p99_ms": round(pct(lat, 99) * 1000, 1) if lat else None,
                     "max_ms": round(max(lat) * 1000, 1) if lat else None,
                     "cache": dict(results.cache.get(name, {}))})
    all_lat = [x for v in results.latency.values() for x in v]
    n_err = sum(map(len, results.errors.values()))
    summary = {
        "articles_before": before, "articles_after": after, "writes": len(new_ids),
        "writes_stored": len(stored), "lost_writes": lost, "ingest_exit": writer.returncode,
        "ingest_summary": w_out.strip().splitlines()[-1:] if w_out else [], "ingest_wall_s": round(write_s, 1),
        "clients": args.clients, "strict": args.strict, "duration_s": round(elapsed, 1), "requests": len(all_lat) + n_err,
        "errors": n_err, "rps": round((len(all_lat) + n_err) / elapsed, 1),
        "p50_ms": round(statistics.median(all_lat) * 1000, 1) if all_lat else None,
        "p90_ms": round(pct(all_lat, 90) * 1000, 1) if all_lat else None,
        "p99_ms": round(pct(all_lat, 99) * 1000, 1) if all_lat else None,
        "cpus": os.cpu_count(), "endpoints": rows,
        "error_samples": [e for v in results.errors.values() for e in v][:10],
    }
    print("| endpoint | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | computed | waited | stale |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        c = r["cache"]
        print(f"| {r['endpoint']} | {r['requests']} | {r['rps']} | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | "
              f"{r['max_ms']} | {r['errors']} | {c.get('computed', 0)} | {c.get('waited', 0)} | {c.get('stale', 0)} |")
    totals = {k: sum(r["cache"].get(k, 0) for r in rows) for k in ("computed", "waited", "stale")}
    summary["cache"] = totals
    print(f"| **all** | {summary['requests']} | {summary['rps']} | {summary['p50_ms']} | {summary['p90_ms']} | "
          f"{summary['p99_ms']} | | {n_err} | {totals['computed']} | {totals['waited']} | {totals['stale']} |")
    print(f"\nledger {before:,} -> {after:,} articles; {len(stored)}/{len(new_ids)} concurrent writes stored "
          f"(lost {lost}); ingest exit {writer.returncode}: {' '.join(summary['ingest_summary'])}")
    if w_err.strip():
        log(f"ingest stderr: {w_err.strip()[-500:]}")
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2) + "\n")
    return 0 if n_err == 0 and lost == 0 and writer.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
