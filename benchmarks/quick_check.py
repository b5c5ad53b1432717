"""Time of SQLite's ``PRAGMA quick_check``, which ``newsledger ingest`` runs when it opens a
ledger, on a ledger of N articles (the fault tests' three templates, varied).

    .venv/bin/python benchmarks/quick_check.py --articles 5000 --db /tmp/qc/ledger.sqlite
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fault_support import template_reports, variant
from newsledger.ledger.store import Ledger


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    if not db.exists():
        templates = template_reports()
        with Ledger(str(db)) as ledger:
            list(ledger.add(variant(templates[n % len(templates)], n) for n in range(args.articles)))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size
    t0 = time.perf_counter()
    result = conn.execute("PRAGMA quick_check(5)").fetchall()
    took = time.perf_counter() - t0
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"{n} articles, {size / 1e6:.1f} MB: quick_check {took * 1000:.0f} ms ({result[0][0]})")


if __name__ == "__main__":
    main()
