"""Fit the place ranker's weights (src/newsledger/data/places/ranker.json).

    python scripts/fit_place_ranker.py --geo ../shared/data/dev/geo [--write]

Reads the geoparsing corpora (LGL, GeoWebNews and GeoVirus dev halves; not part of the
project), parses every document once (cached in --cache), and fits a conditional logit over
each name's readings plus a "no match" option by maximum likelihood (scipy L-BFGS, L2
penalty) on the **tune** part only:

- gold spans: the right readings are those within 161 km of the gold point; a name with no
  such reading teaches "no match";
- our own recognition (end to end): a mention that overlaps no gold toponym teaches "no
  match" (a common word, a person, an organisation taken for a place).

The context features depend on the other names' readings, so the fit is repeated
(ROUNDS times) with the readings of the previous weights. It prints acc@161 on gold spans and
the calibration (mean confidence vs accuracy per bin) for the tune and the check parts;
--write saves the weights. --only FEATURE[,FEATURE] fits only those readings' weights, every
other weight held at the shipped values (a new feature added without moving the others).
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import pickle
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from newsledger.eval.common import greedy_match, part_of, read_jsonl, row_key
from newsledger.eval.places import ACC_KM, LENIENT_OVERLAP, gold_span_mentions
from newsledger.geo import get_gazetteer
from newsledger.geo.distance import km
from newsledger.nlp.pipeline import get_nlp
from newsledger.nlp.places.lexicon import lexicon
from newsledger.nlp.places.mentions import find_mentions
from newsledger.nlp.places.ranker import FEATURES, NULL_FEATURES, CommonWords, Weights, weights
from newsledger.nlp.places.resolve import Trace, resolve
from newsledger.settings import get_settings

CORPORA = ("lgl.jsonl", "geowebnews_dev.jsonl", "geovirus_dev.jsonl")
ROUNDS = 2
#: A short text, for the calibration on short texts: an article's first sentences.
SHORT_SENTENCES = 2
#: Penalty on the squared weights, against a log-likelihood summed over ~3,400 names: small,
#: so that rare but decisive features (a qualifier mismatch) keep their weight.
L2 = 0.01
#: Features whose weight may not be positive: evidence against a reading by its meaning (a
#: qualifier that does not fit, a worse name match, distance). Few names carry some of them,
#: and unbounded they took the wrong sign on the tune data.
NON_POSITIVE = frozenset({"kind_alternate", "kind_base", "qual_mismatch", "weak_qual_mismatch",
                          "settlement_mismatch", "same_name_division", "log_dist", "common_small",
                          "inner_name", "site_gap", "variant"})
OUT = Path(__file__).resolve().parents[1] / "src/newsledger/data/places/ranker.json"


@lru_cache(maxsize=1)
def common() -> CommonWords:
    return CommonWords(get_nlp(get_settings()))


def parse(geo: Path, cache: Path) -> list[dict[str, Any]]:
    """Per document: corpus, part, gold toponyms, gold-span mentions and our own mentions."""
    if cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)  # our own cache file
    settings = get_settings()
    gaz = get_gazetteer(settings)
    nlp = get_nlp(settings)
    names = list(nlp.pipe_names)
    disable = names[names.index("newsledger_places"):]
    lex = lexicon()
    out = []
    with nlp.select_pipes(disable=disable):
        for corpus in CORPORA:
            docs = list(read_jsonl(geo / corpus))
            for doc, d in nlp.pipe(((d["text"], d) for d in docs), as_tuples=True):
                gold_m, demonyms = gold_span_mentions(doc, d["toponyms"], gaz)
                own, _ = find_mentions(doc, lex, gaz)
                out.append({"corpus": corpus, "part": part_of(row_key(d)), "gold": d["toponyms"],
                            "gold_m": gold_m, "own": own, "demonyms": demonyms,
                            "sent_ends": [s.end_char for s in itertools.islice(doc.sents, SHORT_SENTENCES)]})
    with cache.open("wb") as fh:
        pickle.dump(out, fh)
    return out


def _first(mentions: list[Any], keep: list[int]) -> list[Any]:
    """Copies of the mentions at ``keep`` (their containers re-indexed, or dropped)."""
    at = {i: n for n, i in enumerate(keep)}
    out = []
    for i in keep:
        m = copy.copy(mentions[i])
        m.container = at.get(m.container) if m.container is not None else None
        out.append(m)
    return out


def short_docs(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each document cut to its first SHORT_SENTENCES sentences (with the gold toponyms and
    our own mentions inside them): short texts, which have little context, for the fit and
    for the calibration report."""
    out = []
    for d in docs:
        end = d["sent_ends"][-1] if d.get("sent_ends") else 0
        keep = [i for i, g in enumerate(d["gold"]) if g["end"] <= end]
        if not keep:
            continue
        own = [i for i, m in enumerate(d["own"]) if m.end <= end]
        out.append({**d, "corpus": d["corpus"] + " (short)", "gold": [d["gold"][i] for i in keep],
                    "gold_m": _first(d["gold_m"], keep), "own": _first(d["own"], own)})
    return out


def examples(docs: list[dict[str, Any]], model: Weights, part: str) -> list[tuple[np.ndarray, np.ndarray, list[int]]]:
    """(candidate features, no-match features, indices of the right readings; [] = no match)."""
    gaz = get_gazetteer()
    table = lexicon().demonyms
    out = []
    for d in docs:
        if d["part"] != part:
            continue
        gold = d["gold"]
        for mode in ("gold", "own"):
            mentions = d["gold_m"] if mode == "gold" else d["own"]
            if mode == "gold":
                point = {i: g for i, g in enumerate(gold)}
            else:
                pairs = greedy_match([(g["start"], g["end"]) for g in gold],
                                     [(m.start, m.span_end) for m in mentions], LENIENT_OVERLAP)
                point = {pi: gold[gi] for gi, pi in pairs}
            trace: list[Trace] = []
            resolve(mentions, gaz, d["demonyms"], table, model=model, trace=trace, is_common=common())
            for t in trace:
                if not t.cands:
                    continue
                g = point.get(t.mentions[0])
                if g is None and mode == "gold":
                    continue
                if g is not None and g.get("lat") is None:
                    continue  # a street or "Earth": no point to score against
                right = [] if g is None else [
                    k for k, c in enumerate(t.cands) if c.lat is not None and c.lon is not None
                    and km(c.lat, c.lon, float(g["lat"]), float(g["lon"])) <= ACC_KM]
                x = np.array([[xi.get(f, 0.0) for f in FEATURES] for xi in t.x])
                z = np.array([t.z.get(f, 0.0) for f in NULL_FEATURES])
                out.append((x, z, right))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray, list[int]]], start: Weights, null_only: bool = False,
        only: frozenset[str] | None = None) -> Weights:
    """Maximum likelihood over the readings and "no match"; ``null_only`` keeps the readings'
    weights and fits only the no-match option's; ``only`` fits only the readings' weights it
    names, every other weight held at its start value."""
    nf, ng = len(FEATURES), len(NULL_FEATURES)
    held = np.array([only is not None and f not in only for f in FEATURES] + [only is not None] * ng)
    width = max(len(x) for x, _, _ in data)
    n = len(data)
    xs = np.zeros((n, width, nf))
    mask = np.zeros((n, width), bool)
    right = np.zeros((n, width + 1), bool)  # last column: no match
    zs = np.zeros((n, ng))
    for i, (x, z, r) in enumerate(data):
        xs[i, :len(x)] = x
        mask[i, :len(x)] = True
        zs[i] = z
        if r:
            right[i, r] = True
        else:
            right[i, width] = True

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, v = theta[:nf], theta[nf:]
        s = np.concatenate([np.where(mask, xs @ w, -np.inf), (zs @ v)[:, None]], axis=1)
        top = s.max(axis=1, keepdims=True)
        e = np.exp(s - top)
        p_all = e / e.sum(axis=1, keepdims=True)
        er = np.where(right, e, 0.0)
        p_right = er / er.sum(axis=1, keepdims=True)
        ll = np.log(er.sum(axis=1)) - np.log(e.sum(axis=1))
        g_s = p_right - p_all  # d ll / d score
        gw = np.einsum("nk,nkf->f", g_s[:, :width], xs)
        gv = g_s[:, width] @ zs
        grad = -np.concatenate([gw, gv]) + 2 * L2 * theta
        if null_only:
            grad[:nf] = 0.0
        grad[held] = 0.0
        return float(-ll.sum() + L2 * theta @ theta), grad

    # start from the previous weights, by name (a new feature starts at 0)
    w0 = dict(zip(start.features, start.w, strict=True))
    v0 = dict(zip(start.null_features, start.v, strict=True))
    theta0 = np.concatenate([np.array([w0.get(f, 0.0) for f in FEATURES]),
                             np.maximum(np.array([v0.get(f, 0.0) for f in NULL_FEATURES]), -8.0)])
    bounds = [(None, 0.0) if f in NON_POSITIVE else (None, None) for f in FEATURES] + [(None, None)] * ng
    theta0 = np.clip(theta0, [b[0] if b[0] is not None else -np.inf for b in bounds],
                     [b[1] if b[1] is not None else np.inf for b in bounds])
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 500})
    th = res.x
    if null_only:
        th[:nf] = theta0[:nf]
    th[held] = theta0[held]
    return Weights(FEATURES, tuple(round(float(a), 4) for a in th[:nf]), NULL_FEATURES,
                   tuple(round(float(a), 4) for a in th[nf:]))


def report(docs: list[dict[str, Any]], model: Weights) -> dict[str, Any]:
    """acc@161 on gold spans per corpus and part, and calibration of the confidence."""
    gaz = get_gazetteer()
    table = lexicon().demonyms
    acc: dict[tuple[str, str], list[int]] = defaultdict(list)
    bins: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for d in docs:
        res = resolve(d["gold_m"], gaz, d["demonyms"], table, model=model, is_common=common())
        for g, (c, conf) in zip(d["gold"], res, strict=True):
            if g.get("lat") is None:
                continue
            ok = int(c is not None and c.lat is not None and c.lon is not None
                     and km(c.lat, c.lon, float(g["lat"]), float(g["lon"])) <= ACC_KM)
            acc[(d["corpus"], d["part"])].append(ok)
            if c is not None:
                bins[d["part"] + (" short" if d["corpus"].endswith("(short)") else "")].append((conf, ok))
    out: dict[str, Any] = {f"{c}/{p}": round(sum(v) / len(v), 4) for (c, p), v in sorted(acc.items())}
    for part, pairs in sorted(bins.items()):
        rows = []
        for lo, hi in ((0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.97), (0.97, 1.01)):
            sel = [(c, o) for c, o in pairs if lo <= c < hi]
            if sel:
                rows.append(f"[{lo},{min(hi, 1)}) n={len(sel)} conf={sum(c for c, _ in sel) / len(sel):.3f} "
                            f"acc={sum(o for _, o in sel) / len(sel):.3f}")
        out[f"calibration/{part}"] = rows
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geo", type=Path, default=Path("../shared/data/dev/geo"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsledger_place_ranker.pkl"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated reading features: fit only their weights, "
                    "every other weight (and \"no match\") held at the shipped values (a new feature "
                    "added without moving what the others learned)")
    args = ap.parse_args()
    only = frozenset(f for f in args.only.split(",") if f) or None
    if only is not None and not only <= set(FEATURES):
        ap.error(f"--only: unknown features {sorted(only - set(FEATURES))}")
    docs = parse(args.geo, args.cache)
    docs += short_docs(docs)  # fitted on, and reported apart (calibration on short texts)
    shipped = weights()
    w0 = dict(zip(shipped.features, shipped.w, strict=True))
    v0 = dict(zip(shipped.null_features, shipped.v, strict=True))
    model = Weights(FEATURES, tuple(w0.get(f, 0.0) for f in FEATURES), NULL_FEATURES,
                    tuple(v0.get(f, 0.0) for f in NULL_FEATURES))
    print("shipped:", json.dumps(report(docs, model), indent=1))
    if args.report_only:
        return
    if only is not None:
        for r in range(ROUNDS):
            model = fit(examples(docs, model, "tune"), model, only=only)
            print(f"round {r + 1}, {sorted(only)} only:", json.dumps(report(docs, model), indent=1))
        print("with no match:", json.dumps(report(docs, model), indent=1))  # (held: the shipped weights)
        _finish(model, args.write)
        return
    # 1. the readings' weights, on the names that have a right reading (the no-match option
    # off); repeated, since the context features depend on the other names' readings
    no_null = (-30.0,) + (0.0,) * (len(NULL_FEATURES) - 1)
    model = Weights(model.features, model.w, model.null_features, no_null)
    for r in range(ROUNDS):
        data = examples(docs, model, "tune")
        fitted = fit([e for e in data if e[2]], model)
        model = Weights(fitted.features, fitted.w, fitted.null_features, no_null)
        print(f"round {r + 1}: {len(data)} names;", json.dumps(report(docs, model), indent=1))
    # 2. the no-match option against those fixed weights, on every name (gold spans and our
    # own mentions that are no toponym): calibrates the confidence
    model = fit(examples(docs, model, "tune"), model, null_only=True)
    print("with no match:", json.dumps(report(docs, model), indent=1))
    _finish(model, args.write)


def _finish(model: Weights, write: bool) -> None:
    """Print the weights; with ``write``, save them to ranker.json."""
    print(json.dumps(dict(zip(FEATURES, model.w, strict=True)), indent=1))
    print(json.dumps(dict(zip(NULL_FEATURES, model.v, strict=True)), indent=1))
    if write:
        raw = {"note": "fitted by scripts/fit_place_ranker.py on the tune parts of LGL, GeoWebNews (dev half) "
                       "and GeoVirus (dev half); see README-ranker.md",
               "features": list(FEATURES), "weights": list(model.w),
               "null_features": list(NULL_FEATURES), "null_weights": list(model.v)}
        OUT.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
        print("wrote", OUT)


if __name__ == "__main__":
    main()
