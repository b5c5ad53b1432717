"""Store-only ingest throughput and size on disk of the ledger.

1. Analyse ``--limit`` articles of a JSON Lines corpus through the pipeline once and cache
   the reports (``--reports``); NLP time is reported but is not part of the measure.
2. Store the cached reports into a fresh ledger (``--db``, default a temporary SQLite file)
   with ``Ledger.add`` and report articles per second and the size on disk.

    .venv/bin/python benchmarks/ledger_store.py --corpus ../shared/data/dev/corpus/bbc2225.jsonl \
        --limit 1000 --reports out/bench/bbc-1000.reports.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def analyse(corpus: str, limit: int, out: Path) -> None:
    from newsledger.ingest.files import Failure
    from newsledger.ingest.sources import iter_sources
    from newsledger.nlp.pipeline import run
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    articles = [a for a in iter_sources([corpus], settings) if not isinstance(a, Failure)][:limit]
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for r in run(articles, settings):  # type: ignore[arg-type]
            fh.write(r.to_json() + "\n")
    dt = time.perf_counter() - t0
    print(f"analysed {len(articles)} articles in {dt:.1f} s ({len(articles) / dt:.1f} articles/s, NLP)")


def size_on_disk(url: str) -> int | None:
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url[len("sqlite:///"):])
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="JSON Lines with a text field per article")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--reports", default="out/bench/reports.jsonl", help="cache of analysed reports")
    ap.add_argument("--db", default=None, help="ledger URL (default: a fresh temporary SQLite file)")
    ap.add_argument("--batch-size", type=int, default=200)
    args = ap.parse_args()

    from newsledger.ledger import Ledger
    from newsledger.models import Report

    cache = Path(args.reports)
    if not cache.is_file():
        analyse(args.corpus, args.limit, cache)
    t0 = time.perf_counter()
    reports = [Report.model_validate_json(line) for line in cache.read_text("utf-8").splitlines()][: args.limit]
    parse_s = time.perf_counter() - t0
    records = sum(len(r.entities) + len(r.quotes) + len(r.quantities) + len(r.times) + len(r.places)
                  + len(r.events) for r in reports)

    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{tmp.name}/ledger.sqlite"
    ledger = Ledger(url)
    t0, c0 = time.perf_counter(), time.process_time()
    results = list(ledger.add(reports, batch_size=args.batch_size))
    store_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    added = sum(r.status == "added" for r in results)
    with ledger.engine.connect() as conn:
        if ledger.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = ledger.counts()
    ledger.close()
    size = size_on_disk(url)
    out = {
        "articles": len(reports), "added": added, "records": records, "batch_size": args.batch_size,
        "parse_s": round(parse_s, 2), "store_s": round(store_s, 2),
        "store_articles_per_s": round(len(reports) / store_s, 1),
        "store_cpu_s": round(cpu_s, 2),  # this process's CPU time: the rate on an idle core
        "store_articles_per_cpu_s": round(len(reports) / cpu_s, 1),
        "store_records_per_s": round(records / store_s, 1),
        "size_bytes": size, "size_mb_per_1000_articles": round(size / len(reports) * 1000 / 1e6, 2) if size else None,
        "text_mb_per_1000_articles": round(sum(len(r.article.text.encode()) for r in reports)
                                           / len(reports) * 1000 / 1e6, 2),
        "rows": counts, "dialect": url.split(":", 1)[0],
    }
    print(json.dumps(out, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()
