"""Article extraction against the article-extraction benchmark's format.

``--data`` is a folder with ``ground-truth.json`` (id -> {"articleBody": ...}) and
``html/<id>.html.gz``. Scored as the benchmark does: word 4-gram shingles of the lower-cased
text; precision and recall per page, averaged over pages; F1 from the averages.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import Settings
from .common import part_of, write_jsonl

SHINGLE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))} if words else set()


def page_scores(pred: str, gold: str) -> tuple[float, float]:
    p, g = shingles(pred), shingles(gold)
    if not g:
        return (1.0, 1.0) if not p else (0.0, 1.0)
    if not p:
        return 0.0, 0.0
    tp = len(p & g)
    return tp / len(p), tp / len(g)


def evaluate(data: Path, predictions: Path | None, settings: Settings, **opts: Any) -> dict[str, Any]:
    from ..ingest.decode import decode_bytes
    from ..ingest.html import extract_html

    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)
    part = opts.get("part")
    if part not in (None, "all"):
        ids = [i for i in ids if part_of(str(i)) == part]
    if opts.get("limit"):
        ids = ids[: opts["limit"]]
    precisions, recalls, rows, failures = [], [], [], 0
    for pid in ids:
        path = data / "html" / f"{pid}.html.gz"
        try:
            html, _ = decode_bytes(gzip.decompress(path.read_bytes()), str(path))
            text = extract_html(html, str(path), url=truth[pid].get("url")).text
        except (InputError, OSError):
            text, failures = "", failures + 1
        p, r = page_scores(text, truth[pid].get("articleBody") or "")
        precisions.append(p)
        recalls.append(r)
        rows.append({"id": pid, "articleBody": text})
    mp = sum(precisions) / len(precisions) if precisions else 0.0
    mr = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    if predictions is not None:
        write_jsonl(predictions, rows)
    return {"pages": len(ids), "precision": round(mp, 4), "recall": round(mr, 4),
            "f1": round(f1, 4), "failed": failures}
