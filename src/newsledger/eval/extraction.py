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
    """Each page goes through ingest's own path (``make_article``: decoding, both size caps,
    extraction), so a page ingest would refuse counts as failed here."""
    from ..ingest.article import make_article

    truth = load_ground_truth(data)
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
            raw = gzip.decompress(path.read_bytes())
            text = make_article(raw, source=str(path), kind="html", max_chars=settings.max_doc_chars,
                                max_bytes=settings.max_input_bytes, url=truth[pid].get("url")).text
        except (InputError, OSError, EOFError, gzip.BadGzipFile):
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


def load_ground_truth(data: Path) -> dict[str, Any]:
    """``ground-truth.json`` of the benchmark folder; a coded error (E108) naming the file and
    the format expected when it is missing or not that JSON object."""
    from ..errors import BadRecordError

    path = data / "ground-truth.json"
    expected = ("expected a folder with ground-truth.json (a JSON object: page id -> "
                "{\"articleBody\": ...}) and html/<id>.html.gz")
    try:
        truth = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BadRecordError(f"no ground-truth.json here; {expected}", source=str(data)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadRecordError(f"not readable JSON ({type(exc).__name__}); {expected}", source=str(path)) from None
    if not isinstance(truth, dict) or not all(isinstance(v, dict) for v in truth.values()):
        raise BadRecordError(f"not a JSON object of pages; {expected}", source=str(path))
    return truth
