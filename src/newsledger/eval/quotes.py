"""Score the quotes layer on attribution corpora in PolNeAR's JSONL shape.

Each row: ``doc_id``, ``text`` and ``quotes[]`` with ``contents``/``sources``/``cue`` spans
and ``quote_type`` (direct/mixed/indirect); rows with ``primary: false`` (second annotators)
are skipped. Quotes are matched per document, greedily and one-to-one, by the characters a
prediction's content shares with the gold content, relative to the gold content's length
(contents may be several pieces); equal ratios go to the prediction that the shared
characters cover most (so a short nested gold quote pairs with its own tight prediction
rather than with the long one around it). Figures:

- ``content@0.3`` / ``content@0.8``: precision, recall and F1 of the matching;
- ``speaker_accuracy``: on pairs matched at 0.3, the share whose predicted source span
  overlaps a gold source span (or both have no source);
- ``who_said_what``: F1 counting a prediction right when it matches at 0.3 and its speaker
  is right;
- ``by_confidence``: speaker accuracy of matched pairs for each ``Attribution.confidence``
  value (its calibration), and ``shown_at_0.9``: the share of predictions whose speaker link is
  at 0.9 or more and their who-said-what precision (a quote without a source counts as 1.0);
- ``shown``: the records shown by default (``Quote.shown``: record confidence at
  ``QuotesConfig.shown_confidence``), their share, and who-said-what precision and recall
  counting those records only (``scripts/quote_confidence.py`` gives the calibration);
- ``by_kind``: content F1 at 0.3 for direct, mixed and indirect (recall over gold of that
  kind, precision over predictions of that kind; "according-to" predictions count by their
  quotation marks).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..models import Article, Quote
from ..settings import Settings
from .common import prf, read_jsonl, select_part, write_jsonl

THRESHOLDS = (0.3, 0.8)
#: The confidence at which a view shows a speaker link (issue 17: "show only links at 90%").
SHOW_AT = 0.9
KINDS = ("direct", "mixed", "indirect")

Pieces = list[tuple[int, int]]


def _shared(g: Pieces, p: Pieces) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in g for c, d in p)


def match(gold: list[Pieces], pred: list[Pieces], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, pred index), best overlap ratio first."""
    cands = []
    for gi, g in enumerate(gold):
        glen = max(1, sum(b - a for a, b in g))
        for pi, p in enumerate(pred):
            shared = _shared(g, p)
            ratio = shared / glen
            if ratio and ratio >= threshold:
                # ties (a short gold inside two predictions) go to the tighter prediction
                tight = shared / max(1, sum(b - a for a, b in p))
                cands.append((ratio, tight, -gi, -pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, ngi, npi in cands:
        gi, pi = -ngi, -npi
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _confidence(q: Quote) -> float:
    return q.source.confidence if q.source is not None and q.source.confidence is not None else 1.0


def form(q: Quote) -> str:
    if q.kind in KINDS:
        return q.kind
    return "mixed" if q.quoted else "indirect"


def _speaker_ok(gq: dict[str, Any], q: Quote) -> bool:
    gold = [(s["start"], s["end"]) for s in gq.get("sources") or []]
    span = q.source.span if q.source is not None else None
    if not gold:
        return span is None
    return span is not None and any(min(b, span.end) > max(a, span.start) for a, b in gold)


def _as_gold_shape(row: dict[str, Any], quotes: list[Quote]) -> dict[str, Any]:
    def sp(s: Any) -> dict[str, Any]:
        return {"start": s.start, "end": s.end, "text": s.text}

    out = {k: v for k, v in row.items() if k != "quotes"}
    out["quotes"] = [{
        "id": q.id,
        "cue": sp(q.cue) if q.cue else None,
        "cue_spans": [sp(q.cue)] if q.cue else [],
        "sources": [sp(q.source.span)] if q.source and q.source.span else [],
        "contents": [sp(c) for c in q.content],
        "speaker_canonical": q.source.name if q.source else None,
        "has_quote_marks": bool(q.quoted),
        "quote_type": form(q),
        "kind": q.kind,
        "source_type": q.source.source_type if q.source else None,
        "no_source": q.source is None,
    } for q in quotes]
    return out


def evaluate(data: Path, predictions: Path | None, settings: Settings, **options: Any) -> dict[str, Any]:
    from ..nlp.pipeline import run

    files = sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    rows = select_part([r for f in files for r in read_jsonl(f) if r.get("primary", True)], options.get("part"))
    limit = options.get("limit")
    if limit:
        rows = rows[:limit]
    articles = [Article(id=str(r.get("doc_id") or i), text=r["text"]) for i, r in enumerate(rows)]
    n_pred = n_gold = 0
    tp = dict.fromkeys(THRESHOLDS, 0)
    speaker_ok = said_ok = 0
    conf_n: Counter[float] = Counter()
    conf_ok: Counter[float] = Counter()
    high_pred = high_ok = 0
    shown_pred = shown_ok = 0
    kind_gold: Counter[str] = Counter()
    kind_pred: Counter[str] = Counter()
    kind_tp_gold: Counter[str] = Counter()
    kind_tp_pred: Counter[str] = Counter()
    out_rows = []
    for row, report in zip(rows, run(articles, settings), strict=True):
        gold = [q for q in row.get("quotes", []) if q.get("contents")]
        preds = list(report.quotes)
        gp = [[(c["start"], c["end"]) for c in q["contents"]] for q in gold]
        pp = [[(c.start, c.end) for c in q.content] for q in preds]
        n_gold += len(gold)
        n_pred += len(preds)
        for q in gold:
            kind_gold[q.get("quote_type", "indirect")] += 1
        for q in preds:
            kind_pred[form(q)] += 1
            high_pred += _confidence(q) >= SHOW_AT
            shown_pred += q.shown
        for t in THRESHOLDS:
            pairs = match(gp, pp, t)
            tp[t] += len(pairs)
            if t != THRESHOLDS[0]:
                continue
            for gi, pi in pairs:
                kind_tp_gold[gold[gi].get("quote_type", "indirect")] += 1
                kind_tp_pred[form(preds[pi])] += 1
                conf = _confidence(preds[pi])
                conf_n[conf] += 1
                if _speaker_ok(gold[gi], preds[pi]):
                    speaker_ok += 1
                    said_ok += 1
                    conf_ok[conf] += 1
                    high_ok += conf >= SHOW_AT
                    shown_ok += preds[pi].shown
        if predictions is not None:
            out_rows.append(_as_gold_shape(row, preds))
    if predictions is not None:
        write_jsonl(predictions, out_rows)
    matched = tp[THRESHOLDS[0]]
    by_kind = {}
    for k in KINDS:
        r = kind_tp_gold[k] / kind_gold[k] if kind_gold[k] else 0.0
        p = kind_tp_pred[k] / kind_pred[k] if kind_pred[k] else 0.0
        by_kind[k] = {"precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                      "gold": kind_gold[k], "predicted": kind_pred[k]}
    return {
        "documents": len(rows),
        **{f"content@{t}": prf(tp[t], n_pred, n_gold) for t in THRESHOLDS},
        "speaker_accuracy": round(speaker_ok / matched, 4) if matched else 0.0,
        "who_said_what": prf(said_ok, n_pred, n_gold),
        "by_kind": by_kind,
        # calibration of Attribution.confidence: on pairs matched at 0.3, the share whose
        # speaker is right, for each confidence value given
        "by_confidence": {str(c): {"matched": conf_n[c], "right": conf_ok[c],
                                   "accuracy": round(conf_ok[c] / conf_n[c], 4)}
                          for c in sorted(conf_n)},
        # what a view showing only links at SHOW_AT or better keeps: its who-said-what precision
        f"shown_at_{SHOW_AT}": {"predicted": high_pred, "share": round(high_pred / n_pred, 4) if n_pred else 0.0,
                                "who_said_what_precision": round(high_ok / high_pred, 4) if high_pred else 0.0},
        # what the views show by default (Quote.shown): their who-said-what precision and recall
        "shown": {"predicted": shown_pred, "share": round(shown_pred / n_pred, 4) if n_pred else 0.0,
                  "who_said_what": prf(shown_ok, shown_pred, n_gold)},
    }
