"""A report's rows as the ledger stores them, split in two:

- the **content rows** (:func:`prepare`): the article row, its MinHash and LSH bands, and one
  row per record. They depend on the report alone, so they are built anywhere (the writer, or
  a worker process next to the analysis, see :mod:`newsledger.ledger.staging`) and written
  under the article's content hash as often as needed with the same result;
- the **merged columns** (:data:`MERGED_COLUMNS`): the near-duplicate cluster, canonical
  people, organisations and places, and the quote speakers named after them. They depend on
  what the ledger held before, so they are set by the one writer, in input order
  (``Ledger._resolve``), and claims and quote places are built there too.

A content row holds a placeholder in each merged column, at the place the column takes in
the table's insert, so one prepared statement serves both paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa
from pydantic import BaseModel

from ..ingest.metadata import stored_fields
from ..models import Report, ReportWarning
from . import dedup
from . import schema as s
from .engine import JSONText, json_dumps
from .merge import MergeInfo

#: Per table, the columns the serial step fills in (what they hold depends on the ledger).
MERGED_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("cluster_id", "similarity", "ingested_at"),
    "entities": ("canonical_id",),
    "places": ("canonical_id",),
    "quotes": ("speaker", "canonical_id"),
    "events": ("canonical_place_id",),
}

#: Record tables whose rows are content rows (quote places and claims are built by the
#: serial step from the canonical places and names).
CONTENT_TABLES = ("entities", "places", "quotes", "quantities", "times", "events")


@dataclass
class Prepared:
    """A report's content rows."""

    sig: np.ndarray
    bands: list[str]
    article: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]


def prepare(r: Report) -> Prepared:
    """The content rows of a report (no database needed)."""
    a = r.article
    sig = dedup.signature(a.text)
    # metadata capped and normalised here too (the store-only path skips ingest), so
    # both stores hold the same values: see ingest.metadata.stored_fields
    meta, notes = stored_fields(a)
    article = {
        "id": a.id, "text": a.text, **meta, "source_kind": a.source.kind,
        "schema_version": r.schema_version, **pipeline_columns(r),
        "warnings": stored_warnings([*a.warnings, *notes], r.warnings), "cluster_id": a.id,
        "similarity": None, "minhash": dedup.to_bytes(sig), "ingested_at": "",
        "main_event_id": r.main_event_id}  # the story's lead event (migration 5)
    return Prepared(sig, dedup.bands(sig), article, content_rows(r))


def _json_columns(table: sa.Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.c if isinstance(c.type, sa.JSON))


#: Per table, the JSON columns a content row holds (serialised by :func:`serialised`).
JSON_COLUMNS: dict[str, tuple[str, ...]] = {t.name: _json_columns(t) for t in (s.articles, *s.RECORD_TABLES)}


def serialised(p: Prepared) -> Prepared:
    """The content rows with every JSON column serialised (:class:`JSONText`, which the
    inserts store as it is): what a helper process sends to the writer, which then neither
    serialises the records nor unpickles them as models (:mod:`newsledger.batch.reports`)."""
    for name in JSON_COLUMNS["articles"]:
        p.article[name] = JSONText(json_dumps(p.article[name]))
    for table, rows in p.records.items():
        for name in JSON_COLUMNS[table]:
            for row in rows:
                row[name] = JSONText(json_dumps(row[name]))
    return p


@dataclass
class Ready:
    """A report read from JSON Lines and checked, with its content rows, by a helper process
    (:mod:`newsledger.batch.reports`): what the ingest's duplicate check needs, its content
    rows, and what the writer's serial step reads (:mod:`newsledger.ledger.merge`). The
    line itself is parsed again (without the checks, which it passed) only when the claims
    the helper derived do not hold for the canonical names found."""

    id: str
    source_path: str | None
    language: str
    warnings: list[str]
    line: str
    prepared: Prepared
    merge: MergeInfo  # what the serial step reads, and the claims as the helper derived them
    _report: Report | None = field(default=None, repr=False)

    @property
    def report(self) -> Report:
        if self._report is None:
            self._report = Report.model_validate_json(self.line)
        return self._report


def content_rows(r: Report) -> dict[str, list[dict[str, Any]]]:
    """One row per record of :data:`CONTENT_TABLES`, merged columns left as None."""
    aid = r.article.id
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in CONTENT_TABLES}
    rows = out["entities"]
    for e in r.entities:
        first = e.mentions[0].span if e.mentions else None
        rows.append({
            "article_id": aid, "id": e.id, "label": e.label, "name": e.name,
            "canonical_id": None, "role": e.role, "affiliation": e.affiliation,
            "titles": "; ".join(t.text for t in e.titles) or None, "n_mentions": len(e.mentions),
            "start": first.start if first else None, "end": first.end if first else None,
            "data": _data(e)})
    rows = out["places"]
    for p in r.places:
        first_m = p.mentions[0].span if p.mentions else None
        rows.append({
            "article_id": aid, "id": p.id, "name": p.name, "canonical_id": None,
            "geonameid": p.geonameid, "resolved": p.resolved, "role": p.role,
            "n_mentions": len(p.mentions), "start": first_m.start if first_m else None,
            "end": first_m.end if first_m else None, "shown": p.shown, "data": _data(p)})
    rows = out["quotes"]
    for q in r.quotes:
        src = q.source
        rows.append({
            "article_id": aid, "id": q.id, "kind": q.kind,
            "text": " … ".join(piece.text for piece in q.content),
            "speaker": None,
            "speaker_text": src.span.text if src and src.span else None,
            "entity_id": src.entity_id if src else None, "canonical_id": None,
            "named": src.named if src else False, "role": src.role if src else None,
            "affiliation": src.affiliation if src else None,
            "source_type": src.source_type if src else None,
            "start": min((p.start for p in q.content), default=None),
            "end": max((p.end for p in q.content), default=None), "confidence": q.confidence,
            "shown": q.shown, "data": _data(q)})
    rows = out["quantities"]
    for n in r.quantities:
        rows.append({
            "article_id": aid, "id": n.id, "text": n.span.text, "value": n.value, "low": n.low,
            "high": n.high, "unit": n.unit, "si_value": n.si_value, "dimension": n.dimension,
            "qualifier": n.qualifier, "bound": n.bound, "measures": n.measures,
            "count_type": n.count_type, "date": n.date, "start": n.span.start, "end": n.span.end,
            "data": _data(n)})
    rows = out["times"]
    for t in r.times:
        rows.append({
            "article_id": aid, "id": t.id, "text": t.span.text, "kind": t.kind, "value": t.value,
            "start": t.span.start, "end": t.span.end, "data": _data(t)})
    rows = out["events"]
    for ev in r.events:
        rows.append({
            "article_id": aid, "id": ev.id, "plover_type": ev.plover_type,
            "acled_event_type": ev.acled_event_type, "place_id": ev.place_id,
            "canonical_place_id": None, "date": ev.date, "modality": ev.modality,
            "confidence": ev.confidence, "start": ev.trigger.start, "end": ev.trigger.end,
            "shown": ev.shown, "acled_sub_event_type": ev.acled_sub_event_type, "non_acled": ev.non_acled,
            "generic": ev.generic, "date_basis": ev.date_basis, "same_as": ev.same_as,
            "salience": ev.salience, "data": _data(ev)})
    return out


def pipeline_columns(r: Report) -> dict[str, Any]:
    """The article row's record of the pipeline that produced the report (migration 6)."""
    return {"pipeline": r.pipeline, "pipeline_key": r.pipeline.key() if r.pipeline else None}


def stored_warnings(article_warnings: list[str], report_warnings: list[ReportWarning]) -> list[dict[str, str]]:
    """The input's coded warnings ("[W101] ...") and the layers' warnings, once each, as stored."""
    out = [ReportWarning.from_legacy(w) for w in article_warnings] + list(report_warnings)
    return [w.model_dump() for w in dict.fromkeys(out)]


def _data(record: BaseModel) -> Any:
    """The record for its JSON column: serialised without its null fields by
    :func:`~newsledger.ledger.engine.json_dumps` (a third smaller; read back as None)."""
    return record
