"""Entity mentions against a hand annotation in the seed article's format.

``--data`` is a ``*.gold.json`` file whose ``document.file`` names the article text beside
it. Gold: the mentions of ``persons`` (names only, no pronouns), of ``organisations``
that are named entities, and ``place_mentions``. A predicted mention counts when its span
and its class (person, organisation, place) are exactly right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..settings import Settings
from .common import prf, read_json_object, write_jsonl

PRONOUNS = {"he", "she", "his", "her", "him", "they", "their", "them", "it", "its"}
CLASS_OF = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


def gold_mentions(gold: dict[str, Any]) -> set[tuple[str, int, int]]:
    out = set()
    for p in gold.get("persons", []):
        for m in p["mentions"]:
            if m["text"].lower() not in PRONOUNS:
                out.add(("person", *m["span"]))
    for o in gold.get("organisations", []):
        if o.get("named_entity", True):
            for m in o["mentions"]:
                out.add(("organisation", *m["span"]))
    for m in gold.get("place_mentions", []):
        out.add(("place", *m["span"]))
    return out


GOLD_EXPECTED = "expected a *.gold.json file (or a folder of them) naming its text in document.file"


def evaluate(data: Path, predictions: Path | None, settings: Settings, **_: Any) -> dict[str, Any]:
    from .. import analyze
    from ..errors import BadRecordError

    files = sorted(data.glob("*.gold.json")) if data.is_dir() else [data]
    gold_all: set[tuple[str, str, int, int]] = set()
    pred_all: set[tuple[str, str, int, int]] = set()
    rows = []
    for gpath in files:
        gold = read_json_object(gpath, GOLD_EXPECTED)
        document = gold.get("document")
        if not isinstance(document, dict) or not isinstance(document.get("file"), str):
            raise BadRecordError(f"no document.file field; {GOLD_EXPECTED}", source=str(gpath))
        tpath = gpath.parent / document["file"]
        report = analyze(tpath.read_text("utf-8"), settings=settings, source=str(tpath))
        doc_id = tpath.name
        gold_all |= {(doc_id, *g) for g in gold_mentions(gold)}
        for e in report.entities:
            cls = CLASS_OF.get(e.label)
            if cls is None:
                continue
            for m in e.mentions:
                pred_all.add((doc_id, cls, m.span.start, m.span.end))
                rows.append({"doc": doc_id, "class": cls, "start": m.span.start,
                             "end": m.span.end, "text": m.span.text, "entity": e.name})
    figures: dict[str, Any] = {"all": prf(len(gold_all & pred_all), len(pred_all), len(gold_all))}
    for cls in ("person", "organisation", "place"):
        g = {x for x in gold_all if x[1] == cls}
        p = {x for x in pred_all if x[1] == cls}
        figures[cls] = prf(len(g & p), len(p), len(g))
    figures["missed"] = sorted(f"{c}:{s}-{e}" for _, c, s, e in gold_all - pred_all)[:30]
    figures["spurious"] = sorted(f"{c}:{s}-{e}" for _, c, s, e in pred_all - gold_all)[:30]
    if predictions is not None:
        write_jsonl(predictions, rows)
    return figures
