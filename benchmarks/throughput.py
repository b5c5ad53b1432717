"""Throughput benchmark for newsledger (a script, not a test).

    .venv/bin/python benchmarks/throughput.py [CORPUS.jsonl] [--limit N] [--json OUT]

CORPUS is JSON Lines with a ``text`` field per line (default: the BBC corpus in
``../shared/data/dev/corpus/bbc2225.jsonl`` when present). In one run it measures:

1. the bare spaCy model's ``nlp.pipe`` words/s, as a new user would call it;
2. the full newsledger pipeline's words/s (Reports out, in process) and the ratio of the
   two. Bare and full alternate over the same slices of the corpus so that load from other
   processes hits both alike; CPU seconds are reported beside wall seconds;
3. where each component's time goes (CPU seconds per component, one pass);
4. store-only ingest into SQLite, from Reports and from reports JSON Lines, articles/s, each
   against the store before issue 22 (SQLAlchemy inserts, FTS triggers per row, serial loop)
   in the same run, and ``Ledger.add`` against today's store with FTS triggers per row
   (before migration 7); from JSON Lines also against the serial reports path (no helper
   processes) and against transactions of ``batch_size`` (before ``reports_batch_size``),
   with the writer's and the helpers' CPU per article apart, and each path's
   fixed start-up cost (opening the ledger, forking the helpers) apart from its cost per
   article, from a second run on the first ``FIXED_COST_REPORTS`` reports;
   ``--reports FILE`` stores those reports instead of the pipeline's;
   with PostgreSQL (``--pg``), the writer's CPU per article building every row itself against
   merging rows that workers staged (issue 22's parallel writes), in the same run;
5. ``newsledger analyze -f jsonl`` end to end (start-up and output included) against the bare
   model's words/s of step 1;
6. end-to-end ingest (corpus JSON Lines -> analysis -> ledger) with ``--workers 1`` and
   ``--workers N``, into SQLite and (with ``--pg URL`` or ``$NEWSLEDGER_TEST_PG_URL``) PostgreSQL,
   where ``--workers N`` is also run with the workers' own writes turned off (the writer builds
   every row: the baseline of issue 22's parallel writes), the writer's CPU seconds beside;
7. scaling from 1 to 2 local Dask workers, and each worker's peak resident memory.

Each measurement records the 1-minute load average before and after it, printed beside its
figure; a workers speedup measured without a free core is flagged as not judgeable.
It prints a table and writes the figures as JSON (``--json``, default
``benchmarks/results/throughput.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "corpus" / "bbc2225.jsonl"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "throughput.json"

#: Targets from issue 9, the last two raised by issue 22.
TARGET_RATIO = 0.75
TARGET_RSS_MB = 1500
TARGET_SCALING = 1.7
TARGET_STORE_APS = 1000
#: Issue 22: ``newsledger analyze`` end to end (start-up, JSON out) against the bare model.
TARGET_ANALYZE = 0.85

#: Reports of the short store-only run that separates the fixed start-up cost (forking the
#: helpers, opening and migrating the ledger) from the cost per article: enough for two
#: writes and a task per helper, a quarter of the reports at most.
FIXED_COST_REPORTS = 64
#: Bare and full runs alternate over this many slices of the corpus (noise shared alike).
ROUNDS = 4
#: Articles used to warm up each pipeline before timing (first-call costs are not throughput).
WARMUP = 8


class Clock:
    """Wall and CPU seconds of a block."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0
        self.helpers_cpu = 0.0  # CPU seconds of helper processes, where a measurement has them

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall += time.perf_counter() - self._w
        self.cpu += time.process_time() - self._c


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Unlike ``getrusage``'s ru_maxrss, which a
    spawned worker inherits from the parent it was forked from, VmHWM restarts at exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def words_of(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def read_corpus(path: Path, limit: int) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if len(rows) >= limit:
                break
    return rows


def to_articles(rows: list[dict[str, Any]], corpus: Path) -> list[Any]:
    from newsledger.ingest.article import make_article

    return [make_article(r["text"], source=f"{corpus.name}:{r.get('id', i)}", title=r.get("title"))
            for i, r in enumerate(rows)]


def slices(n: int, k: int) -> list[slice]:
    step = -(-n // k)
    return [slice(i, min(n, i + step)) for i in range(0, n, step)]


# ----------------------------------------------------------------------------- measurements


def bare_vs_full(articles: list[Any], settings: Any) -> dict[str, Any]:
    import spacy

    from newsledger.batch import analyze_stream

    texts = [a.text for a in articles]
    bare = spacy.load(settings.model)
    list(bare.pipe(texts[:WARMUP]))
    list(analyze_stream(articles[:WARMUP], settings))
    cb, cf = Clock(), Clock()
    reports: list[Any] = []
    for sl in slices(len(articles), ROUNDS):
        with cb:
            for _ in bare.pipe(texts[sl]):
                pass
        with cf:
            reports.extend(analyze_stream(articles[sl], settings))
    words = words_of(texts)
    out = {
        "articles": len(articles), "words": words,
        "bare": {"wall_s": cb.wall, "cpu_s": cb.cpu, "words_per_s": words / cb.wall,
                 "words_per_cpu_s": words / cb.cpu},
        "full": {"wall_s": cf.wall, "cpu_s": cf.cpu, "words_per_s": words / cf.wall,
                 "words_per_cpu_s": words / cf.cpu},
        "ratio_wall": cb.wall / cf.wall, "ratio_cpu": cb.cpu / cf.cpu,
        "failures": sum(1 for r in reports if not hasattr(r, "article")),
    }
    return out | {"_reports": reports}


def component_breakdown(articles: list[Any], settings: Any) -> dict[str, float]:
    """CPU seconds per pipeline component over one pass (plus building Reports)."""
    from newsledger.nlp.pipeline import get_nlp, make_doc
    from newsledger.nlp.report import doc_to_report

    nlp = get_nlp(settings)
    times: dict[str, float] = {}
    with nlp.memory_zone():
        docs = [make_doc(nlp, a) for a in articles]
        for name, proc in nlp.pipeline:
            t = time.process_time()
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            times[name] = time.process_time() - t
        t = time.process_time()
        for a, d in zip(articles, docs, strict=True):
            doc_to_report(a, d)
        times["(reports)"] = time.process_time() - t
    return times


def _triggers(ledger: Any) -> None:
    """Give a fresh SQLite ledger back the FTS insert triggers that migration 7 dropped."""
    from newsledger.ledger import migrations

    with ledger.engine.begin() as conn:
        for sql in migrations._SQLITE_FTS:
            if "_fts_ai " in sql:
                conn.exec_driver_sql(sql)


class _Swap:
    """Set module attributes for the length of a ``with`` block."""

    def __init__(self, module: Any, **values: Any) -> None:
        self.module, self.values, self.saved = module, values, {k: getattr(module, k) for k in values}

    def __enter__(self) -> None:
        for k, v in self.values.items():
            setattr(self.module, k, v)

    def __exit__(self, *exc: object) -> None:
        for k, v in self.saved.items():
            setattr(self.module, k, v)


def _baseline_store() -> _Swap:
    """The store as it wrote before issue 22: SQLAlchemy's own executemany per table (its
    parameter processing per row) and the full-text index by a trigger per row, run by the
    ingest loop in the calling thread."""
    from newsledger.ledger import store

    def sqlalchemy_insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(table.insert(), rows)

    return _Swap(store, bulk_insert=sqlalchemy_insert, FTS_COLUMNS={})


def _trigger_store() -> _Swap:
    """Today's store but for the full-text index, kept by a trigger per row (before migration 7)."""
    from newsledger.ledger import store

    return _Swap(store, FTS_COLUMNS={})


def store_only(reports: list[Any], settings: Any, workdir: Path) -> dict[str, Any]:
    """Analysed Reports into a fresh SQLite ledger: ``Ledger.add`` on Reports in memory, and
    the ``newsledger ingest reports.jsonl`` path (JSON parsing and the duplicate check too);
    each against the baseline of the same run (SQLAlchemy inserts, FTS triggers, serial
    ingest loop), and ``Ledger.add`` also against today's store with FTS triggers per row."""
    from newsledger.batch.into_ledger import ingest
    from newsledger.batch.reports import default_helpers
    from newsledger.ingest.sources import iter_sources
    from newsledger.ledger import Ledger, dedup

    good = list({r.article.id: r for r in reports if hasattr(r, "to_json")}.values())  # a repeat: a duplicate
    path = workdir / "reports.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in good), encoding="utf-8")
    dedup.lsh_params()  # a one-time cost (datasketch's parameter search), not throughput

    def add(name: str, triggers: bool = False) -> Clock:
        with Ledger(f"sqlite:///{workdir / name}") as ledger:
            if triggers:
                _triggers(ledger)
            with Clock() as c:
                added = sum(1 for x in ledger.add(good) if x.status == "added")
        assert added == len(good), f"{added} of {len(good)} stored"
        return c

    small = workdir / "reports-first.jsonl"
    n_small = min(FIXED_COST_REPORTS, len(good) // 4)
    small.write_text("".join(r.to_json() + "\n" for r in good[:n_small]), encoding="utf-8")

    def from_jsonl(name: str, pipelined: bool, triggers: bool = False, helpers: int | None = 0,
                   first: bool = False, batch: int | None = None) -> Clock:
        """``helpers`` 0: the serial reports path (each line parsed, checked and made into
        rows in this process, as before the helper processes); else that many helpers
        (None: the default), whose CPU seconds are kept in ``c.helpers_cpu``. Opening the
        ledger (migrations) is timed too: it is part of every ``ingest`` command's fixed
        cost. ``first``: only the first ``n_small`` reports (for the fixed cost). ``batch``:
        reports per transaction (default: ``reports_batch_size``)."""
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        with Clock() as c, Ledger(f"sqlite:///{workdir / name}") as ledger:
            if triggers:
                _triggers(ledger)
            summary = ingest(iter_sources([str(small if first else path)], settings, report_lines=helpers != 0),
                             ledger, settings, pipelined=pipelined, helpers=helpers, batch_size=batch)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the helpers, joined by now
        c.helpers_cpu = (after.ru_utime + after.ru_stime) - (kids.ru_utime + kids.ru_stime)
        want = n_small if first else len(good)
        assert summary.added == want, f"{summary.added} of {want} stored"
        return c

    def split(whole: Clock, part: Clock) -> dict[str, float]:
        """A run's fixed cost apart from its cost per article, from the whole run and a run
        of its first ``n_small`` reports: per article, the difference of the two over the
        difference in reports; fixed, what the small run took beyond its reports' share."""
        more = len(good) - n_small
        per = {"wall": (whole.wall - part.wall) / more, "cpu": (whole.cpu - part.cpu) / more,
               "helpers_cpu": (whole.helpers_cpu - part.helpers_cpu) / more}
        return {"first_reports": n_small,
                "fixed_wall_s": part.wall - n_small * per["wall"], "fixed_cpu_s": part.cpu - n_small * per["cpu"],
                "fixed_helpers_cpu_s": part.helpers_cpu - n_small * per["helpers_cpu"],
                "articles_per_s_beyond_fixed": 1 / per["wall"] if per["wall"] > 0 else float("nan"),
                "main_cpu_ms_per_article_beyond_fixed": 1000 * per["cpu"],
                "helpers_cpu_ms_per_article_beyond_fixed": 1000 * per["helpers_cpu"]}

    with _baseline_store():
        b_add = add("store-base.sqlite", triggers=True)
        b_jsonl = from_jsonl("store-cli-base.sqlite", pipelined=False, triggers=True)
    with _trigger_store():
        t_add = add("store-triggers.sqlite", triggers=True)
    c = add("store.sqlite")
    serial = from_jsonl("store-cli-serial.sqlite", pipelined=True)
    c2 = from_jsonl("store-cli.sqlite", pipelined=True, helpers=None)
    # the same with the transactions of analysed articles (before reports_batch_size)
    small_tx = from_jsonl("store-cli-batch.sqlite", pipelined=True, helpers=None, batch=settings.batch_size)
    serial_first = from_jsonl("store-cli-serial-first.sqlite", pipelined=True, first=True)
    c2_first = from_jsonl("store-cli-first.sqlite", pipelined=True, helpers=None, first=True)
    n = len(good)
    return {"articles": n, "added": n, "wall_s": c.wall, "cpu_s": c.cpu,
            "articles_per_s": n / c.wall, "articles_per_cpu_s": n / c.cpu,
            "baseline": {"articles_per_s": n / b_add.wall, "articles_per_cpu_s": n / b_add.cpu},
            "ratio_wall": b_add.wall / c.wall, "ratio_cpu": b_add.cpu / c.cpu,
            "fts_triggers": {"articles_per_s": n / t_add.wall, "articles_per_cpu_s": n / t_add.cpu,
                             "ratio_wall": t_add.wall / c.wall, "ratio_cpu": t_add.cpu / c.cpu},
            "from_jsonl": {"added": n, "wall_s": c2.wall, "cpu_s": c2.cpu,
                           "articles_per_s": n / c2.wall, "articles_per_cpu_s": n / c2.cpu,
                           "baseline": {"articles_per_s": n / b_jsonl.wall,
                                        "articles_per_cpu_s": n / b_jsonl.cpu},
                           "ratio_wall": b_jsonl.wall / c2.wall, "ratio_cpu": b_jsonl.cpu / c2.cpu,
                           "helpers": default_helpers(),
                           "main_cpu_ms_per_article": 1000 * c2.cpu / n,
                           "helpers_cpu_ms_per_article": 1000 * c2.helpers_cpu / n,
                           "serial": {"articles_per_s": n / serial.wall, "articles_per_cpu_s": n / serial.cpu,
                                      "cpu_ms_per_article": 1000 * serial.cpu / n,
                                      "fixed": split(serial, serial_first)},
                           "ratio_wall_serial": serial.wall / c2.wall,
                           "batch_size_transactions": {
                               "batch_size": settings.batch_size, "reports_batch_size": settings.reports_batch_size,
                               "articles_per_s": n / small_tx.wall,
                               "main_cpu_ms_per_article": 1000 * small_tx.cpu / n,
                               "helpers_cpu_ms_per_article": 1000 * small_tx.helpers_cpu / n},
                           "fixed": split(c2, c2_first)}}


def store_pg(reports: list[Any], base: str, partition: int = 16) -> dict[str, Any]:
    """The serial writer's share into PostgreSQL, in CPU seconds of its thread: ``add_batch``
    building every row itself (before issue 22) against ``add_batch`` merging the rows that
    workers staged (``ledger.staging``; the staging is done here beforehand, partition by
    partition as workers do, and its CPU reported apart: it is the work moved off the writer).
    Each into a fresh schema, after a one-report batch that warms the caches."""
    from newsledger.ledger import Ledger, dedup, staging

    good = list({r.article.id: r for r in reports if hasattr(r, "to_json")}.values())  # no duplicates
    dedup.lsh_params()
    urls, drop = pg_urls(base)
    out: dict[str, Any] = {"articles": len(good) - 1}
    try:
        for mode, url in (("writer_alone", urls[0]), ("workers_stage", urls[1])):
            with Ledger(url) as ledger:
                ledger.add_batch(good[:1])
                t0 = time.thread_time()
                if mode == "workers_stage":
                    for i in range(1, len(good), partition):
                        staging.stage_reports(ledger.url, "bench", good[i:i + partition])
                t1 = time.thread_time()
                w0 = time.perf_counter()
                res = ledger.add_batch(good[1:], "bench" if mode == "workers_stage" else None)
                wall = time.perf_counter() - w0
                t2 = time.thread_time()
            assert all(r.status == "added" for r in res)
            n = len(res)
            out[mode] = {"stage_cpu_ms_per_article": 1000 * (t1 - t0) / n,
                         "writer_cpu_ms_per_article": 1000 * (t2 - t1) / n, "writer_wall_s": wall,
                         "writer_articles_per_cpu_s": n / (t2 - t1)}
    finally:
        drop()
    out["ratio_writer_cpu"] = (out["writer_alone"]["writer_cpu_ms_per_article"]
                               / out["workers_stage"]["writer_cpu_ms_per_article"])
    return out


def end_to_end(corpus: Path, limit: int, settings: Any, url: str, workers: int = 1) -> dict[str, Any]:
    """Corpus JSONL into a fresh ledger (SQLite file or PostgreSQL URL) as ``newsledger
    ingest [--workers N]`` does (the cluster's start-up is included: it is part of what a
    user waits for)."""
    from itertools import islice

    from newsledger.batch import Runner
    from newsledger.batch.into_ledger import ingest
    from newsledger.ingest.sources import iter_sources
    from newsledger.ledger import Ledger

    with Clock() as c, Ledger(url) as ledger, Runner(settings, workers=workers) as runner:
        items = islice(iter_sources([str(corpus)], settings), limit)
        summary = ingest(items, ledger, settings, runner=runner)
    # cpu_s: this process's CPU seconds (reading, the writer, the Dask client and the local
    # cluster's scheduler), not the workers'; writer_cpu_s: the writer thread's, in its writes
    return {"workers": workers, "articles": summary.seen, "added": summary.added,
            "failed": len(summary.failures), "wall_s": c.wall, "cpu_s": c.cpu,
            "articles_per_s": summary.seen / c.wall, "writer_cpu_s": summary.writer_cpu_s,
            "writer_cpu_ms_per_article": 1000 * summary.writer_cpu_s / max(1, summary.seen)}


def end_to_end_pair(corpus: Path, limit: int, settings: Any, urls: tuple[str, ...], workers: int) -> dict[str, Any]:
    """``ingest --workers 1`` (the baseline) and ``--workers N`` into two fresh ledgers. With a
    third URL (PostgreSQL), ``--workers N`` again with the workers' staging writes turned off
    (the writer builds every row, as before issue 22), against the run where they write."""
    one = end_to_end(corpus, limit, settings, urls[0], 1)
    many = end_to_end(corpus, limit, settings, urls[1], workers)
    out = {"one": one, "many": many, "speedup": many["articles_per_s"] / one["articles_per_s"]}
    if len(urls) > 2:
        from newsledger.batch import into_ledger

        with _Swap(into_ledger, stages=lambda ledger, runner: False):
            alone = end_to_end(corpus, limit, settings, urls[2], workers)
        out["writer_alone"] = alone
        out["staging_ratio_wall"] = alone["wall_s"] / many["wall_s"]
        out["staging_ratio_writer_cpu"] = alone["writer_cpu_s"] / max(many["writer_cpu_s"], 1e-9)
    return out


def pg_urls(base: str) -> tuple[tuple[str, ...], Callable[[], None]]:
    """Three empty schemas in the PostgreSQL database at ``base``, and how to drop them."""
    import sqlalchemy as sa

    from newsledger.ledger.engine import make_engine

    names = [f"nl_bench_{os.getpid()}_{k}" for k in ("a", "b", "c")]
    engine = make_engine(base)

    def run(*sql: str) -> None:
        with engine.begin() as conn:
            for q in sql:
                conn.execute(sa.text(q))

    for n in names:
        run(f"DROP SCHEMA IF EXISTS {n} CASCADE", f"CREATE SCHEMA {n}")
    sep = "&" if "?" in base else "?"
    urls = tuple(f"{base}{sep}options=-csearch_path%3D{n}" for n in names)

    def drop() -> None:
        for n in names:
            run(f"DROP SCHEMA IF EXISTS {n} CASCADE")
        engine.dispose()

    return urls, drop


def analyze_cli(articles: list[Any], bare: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """``newsledger analyze -f jsonl DIR`` in a fresh process, start-up and output included,
    against the bare model's words/s measured earlier in this run: wall, and CPU seconds (the
    child's user + system time, which other processes' load does not inflate)."""
    folder = workdir / "texts"
    folder.mkdir(exist_ok=True)
    for i, a in enumerate(articles):
        (folder / f"{i:05d}.txt").write_text(a.text, encoding="utf-8")
    exe = Path(sys.executable).with_name("newsledger")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Clock() as c, open(workdir / "reports-cli.jsonl", "wb") as out:
        # exit status 1 when an input failed (say, over the time limit on a loaded machine):
        # counted, not fatal
        done = subprocess.run([str(exe), "analyze", "-f", "jsonl", str(folder)], stdout=out,
                              stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(workdir / "reports-cli.jsonl", "rb") as fh:
        reports = sum(1 for _ in fh)
    words = words_of([a.text for a in articles])
    wps = words / c.wall
    return {"articles": len(articles), "reports": reports, "exit_status": done.returncode,
            "words": words, "wall_s": c.wall, "words_per_s": wps, "cpu_s": cpu,
            "words_per_cpu_s": words / cpu,
            "bare_words_per_s": bare["words_per_s"], "ratio": wps / bare["words_per_s"],
            "bare_words_per_cpu_s": bare["words_per_cpu_s"],
            "ratio_cpu": words / cpu / bare["words_per_cpu_s"]}


def _worker_peak_rss_mb() -> float:
    from pathlib import Path as P

    for line in P("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def scaling(articles: list[Any], settings: Any, max_workers: int) -> dict[str, Any]:
    from distributed import Client

    from newsledger.batch import Runner
    from newsledger.batch.stream import local_cluster

    words = words_of([a.text for a in articles])
    runs: dict[str, Any] = {}
    for n in range(1, max_workers + 1):
        with local_cluster(n) as cluster, Client(cluster) as client, \
                Runner(settings, cluster=client) as runner:
            runner.analyze(articles[:WARMUP * n])  # every worker past its first call
            cpu0 = client.run(time.process_time)
            with Clock() as c:
                results = list(runner.stream(articles))
            cpu1 = client.run(time.process_time)
            rss = client.run(_worker_peak_rss_mb)
        runs[str(n)] = {"workers": n, "wall_s": c.wall, "words_per_s": words / c.wall,
                        "articles_per_s": len(results) / c.wall,
                        # CPU seconds the workers spent, and this process (the writer side)
                        "workers_cpu_s": sum(cpu1[w] - cpu0[w] for w in cpu1), "driver_cpu_s": c.cpu,
                        "per_worker_cpu_s": sorted(cpu1[w] - cpu0[w] for w in cpu1),
                        "worker_peak_rss_mb": sorted(rss.values())}
    base = runs["1"]["wall_s"]
    for r in runs.values():
        r["speedup"] = base / r["wall_s"]
        # What the speedup would be if each worker had a core to itself: the busiest
        # worker's CPU seconds set the wall time (imbalance and per-worker overhead count,
        # other people's processes do not). An estimate, shown beside the measurement.
        r["speedup_if_cores_free"] = runs["1"]["workers_cpu_s"] / max(r["per_worker_cpu_s"])
    return runs


# ----------------------------------------------------------------------------- report


def conditions() -> dict[str, Any]:
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    import spacy

    return {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit,
            "python": platform.python_version(), "spacy": spacy.__version__,
            "cpus": os.cpu_count(), "loadavg_start": os.getloadavg()}


def step(name: str, fn: Callable[[], Any]) -> Any:
    """Run one measurement; its result carries the load average before and after it (1 min)."""
    print(f"... {name}", file=sys.stderr, flush=True)
    before = os.getloadavg()[0]
    try:
        out = fn()
    except Exception as exc:  # one missing layer (say, no ledger yet) must not sink the rest
        print(f"    {name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        out = {"error": f"{type(exc).__name__}: {exc}"}
    if isinstance(out, dict):
        out["loadavg"] = [round(before, 2), round(os.getloadavg()[0], 2)]
    return out


def _load(part: dict[str, Any]) -> str:
    lo = part.get("loadavg")
    return f"  [load {lo[0]:.1f}-{lo[1]:.1f}]" if lo else ""


def _no_free_core(part: dict[str, Any]) -> bool:
    """Whether the machine lacked a free core for a second worker during the measurement."""
    lo = part.get("loadavg")
    return bool(lo) and max(lo) > (os.cpu_count() or 1) - 1


def table(res: dict[str, Any]) -> Iterator[str]:
    def ok(flag: bool) -> str:
        return "ok" if flag else "MISSED"

    bf = res.get("bare_vs_full", {})
    if "bare" in bf:
        yield f"corpus: {res['corpus']} ({bf['articles']} articles, {bf['words']:,} words)"
        yield f"{'measure':44s} {'value':>14s}  target"
        yield f"{'bare model nlp.pipe, words/s':44s} {bf['bare']['words_per_s']:14,.0f}"
        yield f"{'full pipeline, words/s':44s} {bf['full']['words_per_s']:14,.0f}"
        yield (f"{'ratio full/bare (wall)':44s} {bf['ratio_wall']:14.2f}  "
               f">= {TARGET_RATIO} {ok(bf['ratio_wall'] >= TARGET_RATIO)}")
        yield f"{'ratio full/bare (CPU seconds)':44s} {bf['ratio_cpu']:14.2f}{_load(bf)}"
    so = res.get("store_only", {})
    if "articles_per_s" in so:
        yield (f"{'store-only ingest into SQLite, articles/s':44s} {so['articles_per_s']:14,.0f}  "
               f">= {TARGET_STORE_APS} {ok(so['articles_per_s'] >= TARGET_STORE_APS)}{_load(so)}")
        yield f"{'  per CPU second (noise-free), articles/s':44s} {so['articles_per_cpu_s']:14,.0f}"
        yield (f"{'  vs baseline (SQLAlchemy inserts), wall/CPU':44s} "
               f"{so['ratio_wall']:6.2f} / {so['ratio_cpu']:5.2f}  (baseline "
               f"{so['baseline']['articles_per_s']:,.0f}/s, {so['baseline']['articles_per_cpu_s']:,.0f} per CPU s)")
        ft = so["fts_triggers"]
        yield (f"{'  vs FTS triggers per row (before mig. 7)':44s} "
               f"{ft['ratio_wall']:6.2f} / {ft['ratio_cpu']:5.2f}  (with triggers "
               f"{ft['articles_per_s']:,.0f}/s, {ft['articles_per_cpu_s']:,.0f} per CPU s)")
        js = so["from_jsonl"]
        yield (f"{'  from reports JSONL, articles/s':44s} {js['articles_per_s']:14,.0f}  "
               f">= {TARGET_STORE_APS} {ok(js['articles_per_s'] >= TARGET_STORE_APS)}")
        yield f"{'    per CPU s of the ingest process, articles/s':44s} {js['articles_per_cpu_s']:14,.0f}"
        if "serial" in js:
            yield (f"{'    CPU ms/article: writer process / helpers':44s} "
                   f"{js['main_cpu_ms_per_article']:6.2f} / {js['helpers_cpu_ms_per_article']:5.2f}  "
                   f"({js['helpers']} helper process(es))")
            yield (f"{'    vs serial reports path (no helpers), wall':44s} {js['ratio_wall_serial']:14.2f}  "
                   f"(serial {js['serial']['articles_per_s']:,.0f}/s, "
                   f"{js['serial']['cpu_ms_per_article']:.2f} CPU ms/article)")
        if "batch_size_transactions" in js:
            bt = js["batch_size_transactions"]
            yield (f"{'    transactions of ' + str(bt['batch_size']) + ' (batch_size), CPU ms':44s} "
                   f"{bt['main_cpu_ms_per_article']:6.2f} / {bt['helpers_cpu_ms_per_article']:5.2f}  "
                   f"(writer / helpers, {bt['articles_per_s']:,.0f}/s; above: transactions of "
                   f"{bt['reports_batch_size']}, reports_batch_size)")
        if "fixed" in js:
            fx, sx = js["fixed"], js["serial"]["fixed"]
            noisy = min(fx["fixed_wall_s"], sx["fixed_wall_s"], fx["fixed_cpu_s"], sx["fixed_cpu_s"]) < 0
            yield (f"{'    fixed cost (start-up), wall s / CPU s':44s} {fx['fixed_wall_s']:6.2f} / "
                   f"{fx['fixed_cpu_s']:.2f} + helpers {fx['fixed_helpers_cpu_s']:.2f}  "
                   f"(serial {sx['fixed_wall_s']:.2f} / {sx['fixed_cpu_s']:.2f}; from the first "
                   f"{fx['first_reports']} reports{'; a negative cost: within the noise of this run' if noisy else ''})")
            yield (f"{'    beyond it, articles/s':44s} {fx['articles_per_s_beyond_fixed']:14,.0f}  "
                   f"(serial {sx['articles_per_s_beyond_fixed']:,.0f}/s; CPU ms/article writer "
                   f"{fx['main_cpu_ms_per_article_beyond_fixed']:.2f}, helpers "
                   f"{fx['helpers_cpu_ms_per_article_beyond_fixed']:.2f}, serial "
                   f"{sx['main_cpu_ms_per_article_beyond_fixed']:.2f})")
        yield (f"{'    vs baseline (serial, SQLAlchemy), wall/CPU':44s} "
               f"{js['ratio_wall']:6.2f} / {js['ratio_cpu']:5.2f}  (baseline "
               f"{js['baseline']['articles_per_s']:,.0f}/s, {js['baseline']['articles_per_cpu_s']:,.0f} per CPU s)")
    sp = res.get("store_pg", {})
    if "ratio_writer_cpu" in sp:
        wa, ws = sp["writer_alone"], sp["workers_stage"]
        yield (f"{'PostgreSQL writer, articles per CPU s, alone':44s} {wa['writer_articles_per_cpu_s']:14,.0f}"
               f"{_load(sp)}")
        yield (f"{'  merging rows the workers staged':44s} {ws['writer_articles_per_cpu_s']:14,.0f}  "
               f"{sp['ratio_writer_cpu']:.2f}x (workers' staging {ws['stage_cpu_ms_per_article']:.2f} ms/article)")
    an = res.get("analyze_cli", {})
    if "ratio" in an:
        yield (f"{'newsledger analyze -f jsonl (start-up incl.), w/s':44s} {an['words_per_s']:14,.0f}")
        yield (f"{'  vs bare model in process':44s} {an['ratio']:14.2f}  "
               f">= {TARGET_ANALYZE} {ok(an['ratio'] >= TARGET_ANALYZE)}{_load(an)}")
        if "ratio_cpu" in an:
            yield (f"{'  the same in CPU seconds':44s} {an['ratio_cpu']:14.2f}  "
                   f">= {TARGET_ANALYZE} {ok(an['ratio_cpu'] >= TARGET_ANALYZE)}")
    for key, where in (("end_to_end", "SQLite"), ("end_to_end_pg", "PostgreSQL")):
        ee = res.get(key, {})
        if "speedup" in ee:
            yield f"{f'end-to-end ingest into {where}, articles/s':44s} {ee['one']['articles_per_s']:14,.1f}"
            label = f"  with --workers {ee['many']['workers']}, articles/s"
            yield f"{label:44s} {ee['many']['articles_per_s']:14,.1f}"
            yield (f"{'  speedup':44s} {ee['speedup']:14.2f}  "
                   f">= {TARGET_SCALING} {ok(ee['speedup'] >= TARGET_SCALING)}{_load(ee)}")
            if _no_free_core(ee):
                yield "    (no free core for a second worker: this speedup cannot be judged)"
            if "writer_alone" in ee:
                wa = ee["writer_alone"]
                yield (f"{'  writer thread CPU ms/article, workers write / not':44s} "
                       f"{ee['many']['writer_cpu_ms_per_article']:6.2f} / {wa['writer_cpu_ms_per_article']:5.2f}")
                yield (f"{'  workers writing vs writer alone, wall/CPU':44s} "
                       f"{ee['staging_ratio_wall']:6.2f} / {ee['staging_ratio_writer_cpu']:5.2f}  "
                       f"(writer alone {wa['articles_per_s']:,.1f}/s)")
    sc_all = res.get("scaling", {})
    sc = {k: v for k, v in sc_all.items() if k.isdigit()}
    if "1" in sc:
        for n, r in sc.items():
            yield f"{f'{n} Dask worker(s), words/s':44s} {r['words_per_s']:14,.0f}"
        for n, r in sc.items():
            yield f"{f'  {n} worker(s): worker CPU s / wall s':44s} {r['workers_cpu_s']:6.1f} / {r['wall_s']:5.1f}"
        last = sc[max(sc, key=int)]
        if int(last["workers"]) > 1:
            yield (f"{'speedup ' + last['workers'].__str__() + ' vs 1 worker':44s} {last['speedup']:14.2f}  "
                   f">= {TARGET_SCALING} {ok(last['speedup'] >= TARGET_SCALING)}{_load(sc_all)}")
            if _no_free_core(sc_all):
                yield "    (no free core for a second worker: this speedup cannot be judged)"
            yield (f"{'  if each worker had a free core (CPU-based)':44s} "
                   f"{last['speedup_if_cores_free']:14.2f}")
        peak = max(max(r["worker_peak_rss_mb"]) for r in sc.values())
        yield (f"{'peak RSS per Dask worker, MB':44s} {peak:14,.0f}  "
               f"<= {TARGET_RSS_MB} {ok(peak <= TARGET_RSS_MB)}")
    yield f"{'peak RSS of this process (bare + full), MB':44s} {res['peak_rss_mb_main']:14,.0f}"
    br = {k: v for k, v in res.get("breakdown", {}).items() if k != "loadavg"}  # step() adds it
    if br and "error" not in br:
        total = sum(br.values())
        yield "CPU share per component (one pass):"
        for name, sec in sorted(br.items(), key=lambda kv: -kv[1]):
            yield f"  {name:40s} {sec:8.2f} s {100 * sec / total:5.1f} %"
    yield f"load average at start {res['conditions']['loadavg_start']}, at end {res['loadavg_end']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=400, help="articles for the throughput runs")
    ap.add_argument("--e2e-limit", type=int, default=200, help="articles for end-to-end ingest")
    ap.add_argument("--breakdown-limit", type=int, default=100, help="articles for the component breakdown")
    ap.add_argument("--analyze-limit", type=int, default=150, help="articles for `newsledger analyze`")
    ap.add_argument("--pg", default=os.environ.get("NEWSLEDGER_TEST_PG_URL"),
                    help="PostgreSQL URL for the end-to-end ingest there (default $NEWSLEDGER_TEST_PG_URL)")
    ap.add_argument("--max-workers", type=int, default=2, help="scale from 1 to this many Dask workers")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["pipeline", "breakdown", "store", "analyze", "e2e", "e2e-sqlite", "scaling"],
                    help="leave a measurement out (pipeline: the bare/full comparison, and analyze with it)")
    ap.add_argument("--reports", type=Path, default=None,
                    help="reports JSON Lines (`newsledger analyze -f jsonl`) for the store-only ingest, "
                         "instead of the reports of the full pipeline's run")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the figures")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        ap.error(f"no corpus at {args.corpus}: give a JSON Lines file with a 'text' field")

    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    rows = read_corpus(args.corpus, args.limit)
    articles = to_articles(rows, args.corpus)
    res: dict[str, Any] = {"corpus": str(args.corpus), "conditions": conditions(),
                           "targets": {"ratio": TARGET_RATIO, "rss_mb": TARGET_RSS_MB,
                                       "scaling": TARGET_SCALING, "store_articles_per_s": TARGET_STORE_APS,
                                       "analyze": TARGET_ANALYZE}}
    bf = {} if "pipeline" in args.skip else step("bare model vs full pipeline",
                                                  lambda: bare_vs_full(articles, settings))
    reports = bf.pop("_reports", [])
    if args.reports is not None:
        from newsledger.models import Report

        with open(args.reports, encoding="utf-8") as fh:
            reports = [Report.model_validate_json(line) for line in fh if line.strip()]
    res["bare_vs_full"] = bf
    if "breakdown" not in args.skip:
        res["breakdown"] = step("component breakdown",
                                lambda: component_breakdown(articles[:args.breakdown_limit], settings))
    res["peak_rss_mb_main"] = peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as tmp:
        work = Path(tmp)
        if "store" not in args.skip:
            res["store_only"] = step("store-only ingest", lambda: store_only(reports, settings, work))
            if args.pg:
                res["store_pg"] = step("the writer's share into PostgreSQL, alone and with staged rows",
                                       lambda: store_pg(reports, args.pg))
        if "analyze" not in args.skip and "bare" in bf:
            res["analyze_cli"] = step("newsledger analyze, end to end", lambda: analyze_cli(
                articles[:args.analyze_limit], bf["bare"], work))
        if "e2e" not in args.skip:
            sqlite = (f"sqlite:///{work / 'e2e-1.sqlite'}", f"sqlite:///{work / 'e2e-n.sqlite'}")
            if "e2e-sqlite" not in args.skip:
                res["end_to_end"] = step("end-to-end ingest into SQLite, 1 and N workers", lambda: end_to_end_pair(
                    args.corpus, args.e2e_limit, settings, sqlite, args.max_workers))
            if args.pg:
                urls, drop = pg_urls(args.pg)
                try:
                    res["end_to_end_pg"] = step("end-to-end ingest into PostgreSQL, 1 and N workers",
                                                lambda: end_to_end_pair(args.corpus, args.e2e_limit, settings,
                                                                        urls, args.max_workers))
                finally:
                    drop()
    if "scaling" not in args.skip:
        res["scaling"] = step("scaling over Dask workers",
                              lambda: scaling(articles, settings, args.max_workers))
    res["loadavg_end"] = os.getloadavg()
    for line in table(res):
        print(line)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
