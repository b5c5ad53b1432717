"""Score place recognition and resolution against LGL-style JSONL (``../shared/data/dev/geo``).

Each line: ``text`` and ``toponyms[]`` with ``start``, ``end``, ``lat``, ``lon``, ``geonameid``.
``gold_spans=True`` resolves the gold spans (the resolver alone, each span with what
recognition would give it: the model's label of the span, its qualifier and cues, and
whether it is the dateline); otherwise our own
recognition is matched to the gold spans (toponym P/R/F1, every gold toponym counting) and
resolution is scored on the matched pairs. Gold toponyms without a point (streets, "Earth")
count for recognition only. Errors are great-circle km; an unresolved toponym counts as a miss, with
the largest possible error (half the Earth's circumference) in the mean, median and AUC.
"""

from __future__ import annotations

import itertools
import math
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..settings import Settings
from .common import greedy_match, prf, read_jsonl, select_part, write_jsonl

#: Accuracy threshold: 161 km (100 miles), the geoparsing literature's standard.
ACC_KM = 161.0
#: Error of an unresolved toponym: the largest great-circle distance.
MAX_KM = 20039.0
#: Overlap of a predicted span with a gold span (share of the gold span) for a lenient match.
LENIENT_OVERLAP = 0.5


def error_figures(errors: list[float]) -> dict[str, float]:
    """acc@161, mean and median error, and AUC of log error (Gritta et al. 2018; lower is better)."""
    if not errors:
        return {"n": 0, "acc@161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    errs = sorted(errors)
    logs = [math.log(e + 1) for e in errs]
    if len(logs) > 1:
        area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
        auc = area / (math.log(MAX_KM + 1) * (len(logs) - 1))
    else:
        auc = logs[0] / math.log(MAX_KM + 1)
    return {"n": len(errs), "acc@161": round(sum(e <= ACC_KM for e in errs) / len(errs), 4),
            "mean_km": round(statistics.fmean(errs), 1), "median_km": round(statistics.median(errs), 1),
            "auc": round(auc, 4)}


def _err(pred: tuple[float | None, float | None], gold: dict[str, Any]) -> float:
    from ..geo.distance import km

    if pred[0] is None or pred[1] is None:
        return MAX_KM
    return km(pred[0], pred[1], float(gold["lat"]), float(gold["lon"]))


#: Label of a gold span no entity of the model overlaps (recognition would find such a name
#: only by a place cue, and label it GPE).
UNLABELLED = "GPE"


def _model_label(doc: Any, start: int, end: int) -> str:
    """The label the model gives the gold span: that of the entity overlapping it most (so
    the resolver sees what recognition would pass it: a facility the model calls FAC or ORG,
    a person it calls GPE), else :data:`UNLABELLED`."""
    best, label = 0, UNLABELLED
    for e in doc.ents:
        overlap = min(end, e.end_char) - max(start, e.start_char)
        if overlap > best:
            best, label = overlap, e.label_
    return label


def gold_span_mentions(doc: Any, toponyms: list[dict[str, Any]], gaz: Any) -> tuple[list[Any], Counter[str]]:
    """The gold toponym spans as place mentions (qualifiers, cues and containers read from the
    parsed text, as recognition would), and the article's demonym counts."""
    from ..nlp.places.lexicon import lexicon
    from ..nlp.places.mentions import RawMention, annotate_span, dateline_spans, link_containers

    lex = lexicon()
    text = doc.text
    datelines = set(dateline_spans(text, gaz))
    mentions = []
    for t in toponyms:
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        label = _model_label(doc, t["start"], t["end"])
        m = annotate_span(doc, span, label, lex, gaz) if span is not None else None
        if m is None:
            m = RawMention(t["start"], t["end"], text[t["start"]:t["end"]], label)
        m.start, m.end, m.text = t["start"], t["end"], text[t["start"]:t["end"]]
        m.dateline = (m.start, m.end) in datelines
        mentions.append(m)
    link_containers(text, mentions, doc)
    demonyms = Counter(lex.demonyms[e.text] for e in doc.ents if e.label_ == "NORP" and e.text in lex.demonyms)
    return mentions, demonyms


def _gold_span_predictions(doc: Any, toponyms: list[dict[str, Any]], gaz: Any, common: Any,
                           abstain_p: float) -> list[dict[str, Any]]:
    from ..nlp.places.lexicon import lexicon
    from ..nlp.places.resolve import resolve

    mentions, demonyms = gold_span_mentions(doc, toponyms, gaz)
    out = []
    res = resolve(mentions, gaz, demonyms, lexicon().demonyms, is_common=common, abstain_p=abstain_p)
    for m, (cand, conf) in zip(mentions, res, strict=True):
        out.append({"start": m.start, "end": m.end, "phrase": m.text, "lat": cand.lat if cand else None,
                    "lon": cand.lon if cand else None, "geonameid": cand.geonameid if cand else None,
                    "confidence": conf})
    return out


def _own_predictions(doc: Any) -> list[dict[str, Any]]:
    out = []
    for p in doc._.nl_places or []:
        for m in p.mentions:
            out.append({"start": m.span.start, "end": m.span.end, "phrase": m.span.text, "lat": p.lat, "lon": p.lon,
                        "geonameid": p.geonameid, "confidence": p.confidence})
    return sorted(out, key=lambda r: r["start"])


def evaluate(data: Path, predictions: Path | None, settings: Settings, **options: Any) -> dict[str, Any]:
    from ..geo import get_gazetteer
    from ..nlp.pipeline import get_nlp
    from ..nlp.places.ranker import CommonWords
    from ..nlp.places.resolve import ABSTAIN_P

    gold_spans = bool(options.get("gold_spans"))
    limit = options.get("limit")
    files = sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    docs = select_part([d for f in files for d in read_jsonl(f)], options.get("part"))
    docs = docs[:limit] if limit else docs
    gaz = get_gazetteer(settings)
    nlp = get_nlp(settings)
    common = CommonWords(nlp)
    names = list(nlp.pipe_names)
    # the layer's own config (settings' [components.places]), as the pipeline would use it
    layer = nlp.get_pipe("newsledger_places") if "newsledger_places" in names else None
    abstain_p = float(getattr(getattr(layer, "cfg", None), "abstain_p", ABSTAIN_P))
    keep = names[: names.index("newsledger_places") + 1] if "newsledger_places" in names else names
    if gold_spans:
        keep = [n for n in keep if n != "newsledger_places"]
    disable = [n for n in names if n not in keep]
    errors: list[float] = []
    strict_tp = lenient_tp = n_pred = n_gold = 0
    rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=disable):
        texts = ((d["text"], d) for d in docs)
        for doc, d in nlp.pipe(texts, as_tuples=True, batch_size=settings.batch_size):
            gold = d["toponyms"]  # all count for recognition; those with a point for resolution
            if gold_spans:
                preds = _gold_span_predictions(doc, gold, gaz, common, abstain_p)
                errors += [_err((p["lat"], p["lon"]), g) for p, g in zip(preds, gold, strict=True)
                           if g.get("lat") is not None]
            else:
                preds = _own_predictions(doc)
                gs = [(g["start"], g["end"]) for g in gold]
                ps = [(p["start"], p["end"]) for p in preds]
                pairs = greedy_match(gs, ps, LENIENT_OVERLAP)
                strict_tp += sum(gs[gi] == ps[pi] for gi, pi in pairs)
                lenient_tp += len(pairs)
                n_pred, n_gold = n_pred + len(ps), n_gold + len(gs)
                errors += [_err((preds[pi]["lat"], preds[pi]["lon"]), gold[gi]) for gi, pi in pairs
                           if gold[gi].get("lat") is not None]
            rows.append({"doc_id": d.get("doc_id"), "toponyms": preds})
    seconds = time.perf_counter() - t0
    if predictions is not None:
        write_jsonl(predictions, rows)
    result: dict[str, Any] = {"documents": len(docs), "mode": "gold spans" if gold_spans else "end to end",
                              "seconds": round(seconds, 1)}
    if gold_spans:
        result["resolution"] = error_figures(errors)
    else:
        result["toponyms"] = prf(strict_tp, n_pred, n_gold)
        result["toponyms_lenient"] = prf(lenient_tp, n_pred, n_gold)
        result["resolution_on_matched"] = error_figures(errors)
    return result
