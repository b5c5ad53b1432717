"""Shared by ``tests/test_faults_*.py``: ledgers of many analysed reports, built fast, and the
checks that a ledger survived a fault whole.

Reports are made once through the real pipeline from a few short texts written here, then
copied with a distinct sentence appended (a new content hash, records unchanged, spans still
exact), so a JSON Lines file of thousands of reports takes a second and ingests through the
store-only path.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from newsledger.ingest.article import article_id
from newsledger.models import Report

ROOT = Path(__file__).resolve().parents[1]
NEWSLEDGER = [sys.executable, "-m", "newsledger"]

TEMPLATES = [
    "Russian forces shelled Pokrovsk overnight, killing 4 people, the regional governor said.\n\n"
    "“The city is under constant fire,” said Vadym Filashkin, the governor of Donetsk region.",
    "Ukraine said it shot down 38 drones over Kharkiv on Monday, according to the air force.\n\n"
    "“Most of them were Shaheds,” said Yuriy Ihnat, a spokesman for the air force.",
    "At least 12 people were wounded in a missile strike on Odesa, officials said on Tuesday.",
]


@lru_cache(maxsize=1)
def _templates() -> tuple[Report, ...]:
    from newsledger import analyze
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    return tuple(analyze(t, settings=settings, source=f"template-{i}.txt", published=f"2024-08-0{i + 1}")
                 for i, t in enumerate(TEMPLATES))


def template_reports() -> list[Report]:
    """The templates through the real pipeline, analysed once per test process."""
    return list(_templates())


_FILLER_TEXT = ("front line village road convoy bridge supply depot river artillery brigade drone "
                "battalion trench winter harvest power station railway checkpoint shelter hospital "
                "school market tower port grain tanker radar airfield corridor evacuation ceasefire "
                "talks envoy summit sanctions aid fuel water clinic ambulance volunteer mayor council")
_FILLER = _FILLER_TEXT.split()


def filler(n: int, words: int = 40) -> str:
    """A paragraph of ``words`` words that differs for every ``n`` (so copies are not near-duplicates)."""
    import random

    rng = random.Random(n)
    return " ".join(rng.choice(_FILLER) for _ in range(words)) + "."


def variant(report: Report, n: int) -> Report:
    """The report with a distinct closing paragraph: a new article id, the same records."""
    text = report.article.text + f"\n\nReport {n}: {filler(n)}"
    new_id = article_id(text)
    raw = report.model_dump_json().replace(report.article.id, new_id)
    out = Report.model_validate_json(raw)
    return out.model_copy(update={"article": out.article.model_copy(update={"text": text, "id": new_id})})


def write_reports(path: Path, templates: list[Report], count: int, start: int = 0) -> list[str]:
    """``count`` report variants as JSON Lines; returns their article ids in order."""
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for n in range(start, start + count):
            r = variant(templates[n % len(templates)], n)
            ids.append(r.article.id)
            fh.write(r.model_dump_json() + "\n")
    return ids


def ingest_cmd(source: Path, db: Path, batch_size: int = 25) -> list[str]:
    return [*NEWSLEDGER, "ingest", str(source), "--db", str(db), "--batch-size", str(batch_size), "--quiet"]


def run_cli(args: list[str], timeout: float = 300, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSLEDGER_CONFIG": str(ROOT / "tests" / "no-such-config.toml")}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, **kw)  # type: ignore[call-overload]


def article_ids(db: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT id FROM articles")}


def check_whole(db: Path, templates: list[Report], *, read_only: bool = False) -> int:
    """The ledger passes SQLite's integrity checks, its full-text index matches its tables, and
    every stored article has all its records (no half-written article). Returns the count.
    ``read_only`` opens a ledger on a read-only filesystem (the FTS check writes, so it is skipped)."""
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True) if read_only else sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        if not read_only:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        rows = conn.execute(
            "SELECT a.id, a.text, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id), "
            "(SELECT count(*) FROM entities e WHERE e.article_id = a.id), "
            "(SELECT count(*) FROM article_bands b WHERE b.article_id = a.id) FROM articles a").fetchall()
        bands = {r[4] for r in rows}
        assert len(bands) <= 1, f"articles with differing numbers of LSH bands: {bands}"
        for aid, text, n_quotes, n_entities, _ in rows:
            t = next(t for t in templates if text.startswith(t.article.text))
            assert (n_quotes, n_entities) == (len(t.quotes), len(t.entities)), f"{aid} is half-written"
        return len(rows)
    finally:
        conn.close()


def sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
