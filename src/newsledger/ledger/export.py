"""Writing the whole ledger out: JSON Lines of reports, CSV or Parquet tables, GeoJSON.

- ``jsonl``: one :class:`~newsledger.models.Report` per line, as ``newsledger analyze`` prints;
- ``csv`` / ``parquet``: a directory with one file per table (JSON columns as JSON text);
- in these, the quotes shown by default only (``Quote.shown``: a record confidence of 0.9 or
  more), as every quote view, unless ``include_hidden``;
- ``geojson``: a FeatureCollection of canonical places (with article and event counts) and
  events with a resolved place; events shown by default only (``Event.shown``), unless
  ``include_hidden``;
- ``acled``: one CSV row per shown event with an ACLED type, ACLED's columns (:mod:`.acled`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from . import schema as s
from .queries import Filters, Page, iter_reports, places
from .store import Ledger

#: Tables written by the csv and parquet exports (the MinHash bands are internal).
EXPORT_TABLES = (s.articles, s.canonical_entities, s.entity_aliases, s.canonical_places, *s.RECORD_TABLES)
#: Rows per Parquet row group / fetch.
CHUNK_ROWS = 5000


def export_jsonl(ledger: Ledger, out: IO[str], *, include_hidden: bool = False) -> int:
    n = 0
    for report in iter_reports(ledger):
        if not include_hidden:
            report = report.model_copy(update={"quotes": [q for q in report.quotes if q.shown is not False]})
        out.write(report.to_json() + "\n")
        n += 1
    return n


def _rows(ledger: Ledger, table: sa.Table, include_hidden: bool = True) -> Iterator[dict[str, Any]]:
    cols = [c for c in table.c if c.name != "minhash"]
    where = [] if include_hidden or table is not s.quotes else [s.quotes.c.shown == sa.true()]
    with ledger.engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(sa.select(*cols).where(*where))
        for part in result.partitions(CHUNK_ROWS):
            for r in part:
                yield {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
                       for k, v in r._mapping.items()}


def export_csv(ledger: Ledger, directory: Path, *, include_hidden: bool = False) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in EXPORT_TABLES:
        cols = [c.name for c in table.c if c.name != "minhash"]
        n = 0
        with open(directory / f"{table.name}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for row in _rows(ledger, table, include_hidden):
                w.writerow(row)
                n += 1
        counts[table.name] = n
    return counts


def _arrow_type(col: sa.Column[Any]) -> Any:
    import pyarrow as pa

    t = col.type
    if isinstance(t, sa.Integer):
        return pa.int64()
    if isinstance(t, sa.Float):
        return pa.float64()
    if isinstance(t, sa.Boolean):
        return pa.bool_()
    return pa.string()


def export_parquet(ledger: Ledger, directory: Path, *, include_hidden: bool = False) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in EXPORT_TABLES:
        cols = [c for c in table.c if c.name != "minhash"]
        schema = pa.schema([(c.name, _arrow_type(c)) for c in cols])
        n = 0
        with pq.ParquetWriter(directory / f"{table.name}.parquet", schema) as writer:
            buf: list[dict[str, Any]] = []
            for row in _rows(ledger, table, include_hidden):
                buf.append(row)
                if len(buf) >= CHUNK_ROWS:
                    writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                    n += len(buf)
                    buf = []
            if buf or n == 0:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
        counts[table.name] = n
    return counts


def geojson(ledger: Ledger, *, include_hidden: bool = False) -> dict[str, Any]:
    """Places and located events (those shown by default, unless ``include_hidden``) as a
    GeoJSON FeatureCollection."""
    features: list[dict[str, Any]] = []
    f = Filters(include_hidden=include_hidden or None)
    for p in places(ledger, f, page=Page(limit=1_000_000)).items:
        if p.lat is None or p.lon is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                         "properties": {"kind": "place", **p.model_dump(exclude={"lat", "lon"})}})
    ev, cp, a = s.events, s.canonical_places, s.articles
    with ledger.engine.connect() as conn:
        rows = conn.execute(
            sa.select(ev.c.article_id, ev.c.id, ev.c.plover_type, ev.c.acled_event_type, ev.c.date,
                      ev.c.modality, ev.c.confidence, ev.c.shown, ev.c.acled_sub_event_type, ev.c.date_basis,
                      ev.c.start, ev.c.end, cp.c.name, cp.c.lat, cp.c.lon, a.c.published, a.c.publisher)
            .join(cp, cp.c.id == ev.c.canonical_place_id).join(a, a.c.id == ev.c.article_id)
            .where(cp.c.lat.is_not(None), cp.c.lon.is_not(None),
                   *([] if include_hidden else [ev.c.shown == sa.true()]))).all()
    for r in rows:
        props = {k: (bool(v) if k == "shown" else v) for k, v in r._mapping.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                         "properties": {"kind": "event", **props}})
    return {"type": "FeatureCollection", "features": features}
