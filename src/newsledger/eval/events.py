"""Events against PLOVER gold-standard records (``plover_gsr.jsonl``), or, given a ``.tsv``
file, against ACLED sub-event types in the CASE 2021 task 2 format (:mod:`.acled`).

Each record is one sentence with its event type, source and target actors (country codes).
The pipeline runs on each sentence and its main event (see
:func:`newsledger.nlp.events.select.main_event`) is compared with the gold.

The gold was coded in an earlier PLOVER draft; its DEMAND, DISAPPROVE, INVESTIGATE and FIGHT
are REQUEST, ACCUSE (disapprove/investigate modes) and ASSAULT in the current manual, which
is what the component codes. ``type_accuracy`` compares in the current categories;
``legacy_type_accuracy`` maps our type and mode back to the draft's finer categories. The
draft also coded the UN and the EU as IGO, where the current manual has UNO and EUR: they
count as IGO. Its JAP, ITL and VTN (not ISO codes) are read as JPN, ITA and VNM.

Figures:
- ``type_accuracy``: correct main-event types over all sentences (no event = wrong);
- ``type_precision``: correct over the sentences where an event was coded;
- ``coverage``: sentences where an event was coded;
- ``macro_f1`` and ``per_type``: per gold type, precision/recall/F1;
- ``source_country_match`` / ``target_country_match``: over sentences whose gold has that
  actor, the share where the main event's actor country is one of the gold codes;
- ``source_country_precision`` / ``target_country_precision``: the same matches over the
  sentences where our main event's actor has a country at all.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path
from typing import Any

from ..settings import Settings
from .common import prf, read_jsonl, select_part, write_jsonl

#: the draft PLOVER categories of the gold -> the current manual's
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: ASSAULT modes that the draft called FIGHT (conventional military force)
FIGHT_MODES = frozenset({None, "firearms", "heavy-weapons", "aerial", "drone"})
#: codes that the draft folded into IGO
IGO_CODES = frozenset({"UNO", "EUR", "IGO"})
#: the gold's few codes that are neither ISO 3166 alpha-3 nor PLOVER's (Japan, Italy and
#: Vietnam written JAP, ITL, VTN in 6 actors): read as the ISO codes they stand for
GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _norm_code(code: str | None) -> str | None:
    code = GOLD_CODE_FIXES.get(code or "", code)
    return "IGO" if code in IGO_CODES else code


def legacy_type(plover_type: str, mode: str | None) -> str:
    """Our (type, mode) in the draft's categories, for the finer comparison."""
    if plover_type == "REQUEST":
        return "DEMAND"
    if plover_type == "ACCUSE":
        return "INVESTIGATE" if mode == "investigate" else "DISAPPROVE"
    if plover_type == "ASSAULT":
        return "FIGHT" if mode in FIGHT_MODES else "ASSAULT"
    return plover_type


def evaluate(data: Path, predictions: Path | None, settings: Settings, **options: Any) -> dict[str, Any]:
    from ..models import Article
    from ..nlp.events.select import main_event
    from ..nlp.pipeline import get_nlp, make_doc

    if data.suffix.lower() in (".tsv", ".tab"):
        from .acled import evaluate_case

        return evaluate_case(data, predictions, settings, **options)
    limit = options.get("limit")
    rows = select_part([r for r in read_jsonl(data) if r.get("text") and r.get("event")], options.get("part"))
    if limit:
        rows = rows[: int(limit)]
    nlp = get_nlp(settings)
    articles = [Article(id=str(r.get("id") or i), text=r["text"]) for i, r in enumerate(rows)]
    docs = nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=settings.batch_size)

    from ..nlp.events.select import SHOWN_CONFIDENCE

    n = coded = correct = legacy_correct = 0
    scored: list[tuple[float, bool]] = []  # (confidence, right type) of each main event
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    country = {"source": [0, 0, 0], "target": [0, 0, 0]}  # [matched, gold actors, of them coded]
    out_rows = []
    for row, doc in zip(rows, docs, strict=True):
        n += 1
        gold = LEGACY_TYPES.get(row["event"], row["event"])
        n_gold[gold] += 1
        ev = main_event(doc, list(doc._.nl_events or []))
        pred = ev.plover_type if ev else None
        if pred is not None:
            coded += 1
            n_pred[pred] += 1
            if pred == gold:
                correct += 1
                tp[gold] += 1
            if legacy_type(pred, ev.plover_mode if ev else None) == row["event"]:
                legacy_correct += 1
            if ev is not None:
                scored.append((ev.confidence, pred == gold))
        for role, actor in (("source", ev.source_actor if ev else None), ("target", ev.target_actor if ev else None)):
            codes = {_norm_code(a.get("code")) for a in _actors(row.get(role)) if a.get("code")}
            if not codes:
                continue
            country[role][1] += 1
            if actor is not None and actor.country_code:
                country[role][2] += 1
            if actor is not None and _norm_code(actor.country_code) in codes:
                country[role][0] += 1
        out_rows.append(_prediction_row(row, ev))
    if predictions is not None:
        write_jsonl(predictions, out_rows)

    per_type = {t: prf(tp[t], n_pred[t], n_gold[t]) for t in sorted(n_gold)}
    macro_f1 = sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0
    return {
        "sentences": n,
        "coverage": round(coded / n, 4) if n else 0.0,
        "type_accuracy": round(correct / n, 4) if n else 0.0,
        "type_precision": round(correct / coded, 4) if coded else 0.0,
        "macro_f1": round(macro_f1, 4),
        "legacy_type_accuracy": round(legacy_correct / n, 4) if n else 0.0,
        "source_country_match": round(country["source"][0] / country["source"][1], 4) if country["source"][1] else 0.0,
        "target_country_match": round(country["target"][0] / country["target"][1], 4) if country["target"][1] else 0.0,
        "actor_country_match": round((country["source"][0] + country["target"][0])
                                     / max(1, country["source"][1] + country["target"][1]), 4),
        # of the actors we gave a country, how many have the gold's
        "source_country_precision": round(country["source"][0] / max(1, country["source"][2]), 4),
        "target_country_precision": round(country["target"][0] / max(1, country["target"][2]), 4),
        "per_type": per_type,
        "calibration": calibration(scored, SHOWN_CONFIDENCE),
    }


#: confidence bins of the calibration table
CALIBRATION_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def calibration(scored: list[tuple[float, bool]], threshold: float) -> dict[str, Any]:
    """How well the events' confidence predicts a right type: per confidence bin, the mean
    confidence and the share right; and the precision of the events at or above the threshold."""
    bins = []
    for lo, hi in itertools.pairwise(CALIBRATION_BINS):
        hit = [(c, ok) for c, ok in scored if lo <= c < hi]
        if hit:
            bins.append({"from": lo, "to": min(hi, 1.0), "events": len(hit),
                         "mean_confidence": round(sum(c for c, _ in hit) / len(hit), 4),
                         "right": round(sum(ok for _, ok in hit) / len(hit), 4)})
    above = [ok for c, ok in scored if c >= threshold]
    return {
        "bins": bins,
        "threshold": threshold,
        "share_at_threshold": round(len(above) / len(scored), 4) if scored else 0.0,
        "precision_at_threshold": round(sum(above) / len(above), 4) if above else 0.0,
        "brier": round(sum((c - ok) ** 2 for c, ok in scored) / len(scored), 4) if scored else 0.0,
    }


def confidence_rows(data: Path, settings: Settings, part: str) -> list[tuple[dict[str, float], bool]]:
    """(features of the confidence model, right type) for each coded main event of a
    PLOVER gold part: the rows :func:`fit_confidence` is fitted on."""
    from ..models import Article
    from ..nlp.events.select import confidence_features, main_event
    from ..nlp.pipeline import get_nlp, make_doc

    rows = select_part([r for r in read_jsonl(data) if r.get("text") and r.get("event")], part)
    nlp = get_nlp(settings)
    articles = [Article(id=str(r.get("id") or i), text=r["text"]) for i, r in enumerate(rows)]
    out = []
    for row, doc in zip(rows, nlp.pipe(make_doc(nlp, a) for a in articles), strict=True):
        ev = main_event(doc, list(doc._.nl_events or []))
        if ev is not None:
            out.append((confidence_features(doc, ev), ev.plover_type == LEGACY_TYPES.get(row["event"], row["event"])))
    return out


#: L2 penalty of the confidence model (keeps the few weights small on ~150 sentences)
CONFIDENCE_L2 = 1.0


def fit_confidence(rows: list[tuple[dict[str, float], bool]], iterations: int = 50) -> dict[str, float]:
    """A logistic regression by Newton's method with an L2 penalty: feature -> weight."""
    import numpy as np

    names = sorted({k for f, _ in rows for k in f})
    x = np.array([[1.0, *(f.get(k, 0.0) for k in names)] for f, _ in rows])
    y = np.array([float(ok) for _, ok in rows])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * CONFIDENCE_L2
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x.T * (p * (1 - p))) @ x + penalty
        w = w - np.linalg.solve(hess, grad)
    return {"intercept": round(float(w[0]), 4), **{k: round(float(v), 4) for k, v in zip(names, w[1:], strict=True)}}


def _prediction_row(row: dict[str, Any], ev: Any) -> dict[str, Any]:
    def actor(a: Any) -> list[dict[str, Any]]:
        if a is None:
            return []
        return [{"actorText": a.span.text, "code": a.country_code, "sector": a.sector}]

    return {
        "id": row.get("id"),
        "text": row["text"],
        "event": ev.plover_type if ev else None,
        "mode": ev.plover_mode if ev else None,
        "eventText": ev.trigger.text if ev else None,
        "source": actor(ev.source_actor if ev else None),
        "target": actor(ev.target_actor if ev else None),
        "modality": ev.modality if ev else None,
    }
