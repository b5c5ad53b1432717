"""``newsledger places PATH...``: the places each article mentions, resolved to GeoNames.

With no PATH, the places stored in the ledger (see :mod:`newsledger.cli.ledger`)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from .common import err, settings_from, write


class PlacesFormat(StrEnum):
    table = "table"
    json = "json"
    geojson = "geojson"


def register(app: typer.Typer) -> None:
    app.command(help="Print the places each article mentions, resolved to GeoNames "
                "(table, JSON, or GeoJSON).")(places)


def _geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for r in rows:
        if r["lat"] is None or r["lon"] is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}})
    return {"type": "FeatureCollection", "features": features}


def places(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files, directories, or '-' for stdin; none: the places in the ledger (--db).")] = None,
    fmt: Annotated[PlacesFormat, typer.Option("--format", "-f", help="table, json or geojson.")] = PlacesFormat.table,
    unresolved: Annotated[bool, typer.Option(help="Include names not found in the gazetteer.")] = True,
    db: Annotated[str | None, typer.Option("--db", help="With no PATH: the ledger URL or SQLite file.")] = None,
) -> None:
    if not paths:  # the ledger's places, merged across articles (newsledger.cli.ledger)
        from .ledger import print_ledger_places

        print_ledger_places(fmt.value, db=db)
        return
    from ..ingest.files import Failure, articles_from_paths
    from ..nlp.pipeline import get_nlp, make_doc

    settings = settings_from()
    nlp = get_nlp(settings)
    names = list(nlp.pipe_names)
    after = names[names.index("newsledger_places") + 1:] if "newsledger_places" in names else []
    rows: list[dict[str, Any]] = []
    failed = 0
    with nlp.select_pipes(disable=after):
        for item in articles_from_paths(paths, settings.max_doc_chars, max_bytes=settings.max_input_bytes):
            if isinstance(item, Failure):
                err(f"skipped {item}")
                failed += 1
                continue
            doc = nlp(make_doc(nlp, item))
            for w in doc._.nl_warnings or []:
                err(f"{item.source.path or item.id}: {w}")
            for p in doc._.nl_places or []:
                if not p.resolved and not unresolved:
                    continue
                rows.append({
                    "article": item.source.path or item.id, "place": p.id, "name": p.name,
                    "resolved": p.resolved, "geonameid": p.geonameid, "gazetteer_name": p.gazetteer_name,
                    "feature": f"{p.feature_class}.{p.feature_code}" if p.resolved else None,
                    "country": p.country_code, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                    "confidence": p.confidence, "role": p.role, "mentions": len(p.mentions),
                    "spans": [[m.span.start, m.span.end] for m in p.mentions],
                    "metonymic": sum(m.metonymic for m in p.mentions)})
    if fmt is PlacesFormat.json:
        write(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is PlacesFormat.geojson:
        write(json.dumps(_geojson(rows), ensure_ascii=False, indent=2))
    else:
        from .common import TableFormat, emit_rows

        cols = ("name", "geonameid", "gazetteer_name", "feature", "country", "admin1", "lat", "lon",
                "confidence", "role", "mentions")
        short = [{k: (round(r[k], 3) if k in ("lat", "lon") and r[k] is not None else r[k]) for k in cols}
                 for r in rows]
        emit_rows(short, TableFormat.table, title="places")
    if failed:
        raise typer.Exit(1)
