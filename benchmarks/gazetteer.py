"""Measure the gazetteer and the places layer: ``python benchmarks/gazetteer.py``.

Prints JSON: build time and size on disk (a fresh build into a temporary directory), open
time of the built file, lookups per second (cold: each name once; warm: repeated), and,
with ``--corpus FILE.jsonl``, pipeline throughput with and without the places component
and the process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from newsledger.geo.build import build
from newsledger.geo.gazetteer import Gazetteer

#: Names for the lookup benchmark: a random sample of the gazetteer's own keys (fixed seed).
SAMPLE_NAMES = 20000


def bench_gazetteer() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        stats = build(path)
        t0 = time.perf_counter()
        gaz = Gazetteer(path)
        gaz.lookup("Pokrovsk")
        open_s = time.perf_counter() - t0
        con = sqlite3.connect(path)
        keys = [k for (k,) in con.execute("SELECT DISTINCT key FROM alias")]
        con.close()
        names = random.Random(0).sample(keys, min(SAMPLE_NAMES, len(keys)))
        t0 = time.perf_counter()
        for n in names:
            gaz.lookup(n)
        cold = len(names) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for n in names:
            gaz.lookup(n)
        warm = len(names) / (time.perf_counter() - t0)
    return {"build_s": round(stats.seconds, 1), "size_mb": round(stats.size_bytes / 2**20, 1),
            "places": stats.places, "names": stats.names, "open_s": round(open_s, 3),
            "lookups_per_s_cold": round(cold), "lookups_per_s_warm": round(warm)}


def bench_pipeline(corpus: Path, limit: int) -> dict[str, Any]:
    from newsledger.nlp.pipeline import build_nlp
    from newsledger.settings import load_settings

    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    chars = sum(len(t) for t in texts)
    settings = load_settings(use_files=False)
    out: dict[str, Any] = {"documents": len(texts), "chars": chars}
    bare = build_nlp(settings.replace(components=()))
    for label, nlp in (("bare_model", bare), ("full_pipeline", build_nlp(settings))):
        list(nlp.pipe(texts[:5]))  # warm up (the gazetteer opens on the first document)
        t0 = time.process_time()  # CPU time: robust to other processes sharing the machine
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        out[f"{label}_chars_per_cpu_s"] = round(chars / (time.process_time() - t0))
    names = list(build_nlp(settings).pipe_names)
    full = build_nlp(settings)
    with full.select_pipes(disable=[n for n in names if n == "newsledger_places"]):
        list(full.pipe(texts[:5]))
        t0 = time.process_time()
        for _ in full.pipe(texts, batch_size=settings.batch_size):
            pass
        out["without_places_chars_per_cpu_s"] = round(chars / (time.process_time() - t0))
    out["places_share_of_time"] = round(
        1 - out["full_pipeline_chars_per_cpu_s"] / out["without_places_chars_per_cpu_s"], 3)
    out["full_vs_bare"] = round(out["full_pipeline_chars_per_cpu_s"] / out["bare_model_chars_per_cpu_s"], 3)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, help="JSONL with a 'text' per line (pipeline throughput)")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--skip-build", action="store_true", help="only the pipeline figures")
    args = ap.parse_args()
    figures: dict[str, Any] = {} if args.skip_build else {"gazetteer": bench_gazetteer()}
    if args.corpus:
        figures["pipeline"] = bench_pipeline(args.corpus, args.limit)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
