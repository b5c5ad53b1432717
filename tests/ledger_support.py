"""Helpers for the ledger tests: short texts written for them, and ledgers on SQLite or PostgreSQL.

PostgreSQL runs when ``NEWSLEDGER_TEST_PG_URL`` is set (``scripts/ci-services.sh`` starts a
server and writes the URL to ``out/ci-services/pg_url``, read here too); otherwise those cases skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
PG_URL_FILE = ROOT / "out" / "ci-services" / "pg_url"

# Short articles written for these tests: (text, metadata).
TEXTS: list[tuple[str, dict[str, str]]] = [
    ("Russian forces are now about 10 km from Pokrovsk in the Donetsk region, according to UK military "
     "intelligence.\n\n"
     "\"We are holding the line,\" said Volodymyr Zelenskyy, the Ukrainian president.\n\n"
     "About 53,000 people remain in Pokrovsk, city officials said.",
     {"publisher": "Eastern Front Monitor", "published": "2024-08-20", "url": "https://a.invalid/1"}),
    ("Russian troops are about 8 km from Pokrovsk in the Donetsk region, according to the Institute for "
     "the Study of War.\n\n"
     "President Zelensky said in Kyiv that the army needed more air defence.\n\n"
     "\"Pokrovsk matters because of its roads,\" said Samuel Hart, an analyst at the Centre for "
     "Eastern Security Studies.",
     {"publisher": "Northern Wire Service", "published": "2024-08-27", "url": "https://b.invalid/2"}),
    ("A Russian missile strike on Kramatorsk killed three people and wounded at least 12 on "
     "Thursday, regional police said.\n\n"
     "Zelensky condemned the attack on the city. \"This is terror,\" he said.",
     {"publisher": "Eastern Front Monitor", "published": "2024-08-29", "url": "https://a.invalid/3"}),
]

#: A wire copy of TEXTS[0] with a new first line and an agency credit: a near-duplicate.
WIRE_COPY = ("UK intelligence: Russian forces close in\n\n" + TEXTS[0][0] + "\n\nWith agencies",
             {"publisher": "Syndicated Daily", "published": "2024-08-21", "url": "https://c.invalid/9"})


def pg_url() -> str | None:
    url = os.environ.get("NEWSLEDGER_TEST_PG_URL")
    if not url and PG_URL_FILE.is_file():
        url = PG_URL_FILE.read_text("utf-8").strip() or None
    return url


def _pg_schema() -> str:
    """A schema of this test process's own, so parallel test runs share the database safely."""
    return f"nl_test_{os.getpid()}"


def _pg_exec(url: str, *statements: str) -> None:
    from newsledger.ledger.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for sql in statements:
                conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def ledger_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    url = pg_url()
    if not url:
        pytest.skip("NEWSLEDGER_TEST_PG_URL is unset: PostgreSQL tests skipped")
    schema = _pg_schema()
    try:
        _pg_exec(url, f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")
    except Exception as exc:  # a configured but unreachable server is an error, not a skip
        raise RuntimeError(f"cannot reach the test PostgreSQL at {url}: {exc}") from exc
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


def open_ledger(kind: str, tmp_path: Path) -> Iterator[object]:
    from newsledger.ledger import Ledger

    url = ledger_url(kind, tmp_path)
    ledger = Ledger(url)
    try:
        yield ledger
    finally:
        ledger.close()
        if kind != "sqlite":
            _pg_exec(url.split("?")[0], f"DROP SCHEMA IF EXISTS {_pg_schema()} CASCADE")


def analyse(texts: list[tuple[str, dict[str, str]]]) -> list[object]:
    """Reports through the real pipeline."""
    from newsledger.ingest.article import make_article
    from newsledger.nlp.pipeline import run
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False)
    articles = [make_article(t, source=f"<test {i}>", **meta) for i, (t, meta) in enumerate(texts)]
    return list(run(articles, settings))


#: Columns that say when a row was written, not what it holds.
WHEN_COLUMNS = {"ingested_at", "applied_at"}


def snapshot(ledger: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as sorted tuples, canonical ids replaced by the canonical keys (ids
    are given in the order rows arrive; the keys say what they are)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with ledger.engine.connect() as conn:
        ent = {r.id: ("entity", r.label, r.key) for r in conn.execute(sa.text(
            "SELECT id, label, key FROM canonical_entities"))}
        plc = {r.id: ("place", r.key) for r in conn.execute(sa.text("SELECT id, key FROM canonical_places"))}
        meta = sa.MetaData()
        meta.reflect(conn)
        for name, table in meta.tables.items():
            if "_fts" in name or name == "ledger_generation":  # derived full-text index tables; a count of writes
                continue
            rows = []
            for row in conn.execute(sa.select(table)):
                d = dict(row._mapping)
                for col in list(d):
                    if col in WHEN_COLUMNS or (col == "id" and name.startswith("canonical_")):
                        d.pop(col)
                    elif col == "canonical_id" and d[col] is not None:
                        d[col] = ent[d[col]] if name not in ("places", "stage_places") else plc[d[col]]
                    elif col == "canonical_place_id" and d[col] is not None:
                        d[col] = plc[d[col]]
                rows.append(tuple(sorted((k, repr(v)) for k, v in d.items())))
            out[name] = sorted(rows)
    return out
