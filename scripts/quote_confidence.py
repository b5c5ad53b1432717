"""Measure the quotes layer's record confidence: per-class precisions and their calibration.

    .venv/bin/python scripts/quote_confidence.py --part tune|check \\
        [--polnear ../shared/data/dev/quotes/polnear_dev.jsonl ...] [--polnear-limit 300] \\
        [--war /work/notes/war_quotes_annotation.jsonl] [--json]

For every predicted quote it decides whether the record is right, on two annotations:

- PolNeAR (attribution broadly: speech, beliefs, stances): the content matches a gold quote at
  overlap 0.3 (``newsledger.eval.quotes.match``) and the speaker span overlaps a gold source;
- the hand annotation of war coverage (speech, writing, a document's findings;
  ``scripts/score_war_quotes.py``): the content covers a required anchor and the speaker is the
  right person by name (a prediction matching only optional anchors is left out).

It prints, per annotation: the content precision of each content form (``Quote.form``), the
speaker accuracy of each link kind (``Attribution.link``) on matched records, and the
calibration of ``Quote.confidence``: per confidence bin the records, their mean confidence and
the share right, the Brier score, and the precision of the records shown by default
(``Quote.shown``). The tune part sets ``QuotesConfig.form_precision``; the check part measures
the calibration. Nothing is fitted on article text: the figures are counts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsledger.eval.common import WAR_CORPUS, read_annotation, read_jsonl, select_part
from newsledger.eval.quotes import _speaker_ok, match
from newsledger.models import Article, Quote
from newsledger.nlp.pipeline import run

#: Upper edges of the calibration bins of ``Quote.confidence``.
BINS = (0.5, 0.7, 0.8, 0.9, 1.0)


def _war_scorer() -> Any:
    path = Path(__file__).with_name("score_war_quotes.py")
    spec = importlib.util.spec_from_file_location("score_war_quotes", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _row(q: Quote, content_ok: bool, speaker_ok: bool) -> dict[str, Any]:
    return {"form": q.form, "link": q.source.link if q.source else None, "confidence": q.confidence,
            "shown": q.shown, "content_ok": content_ok, "record_ok": content_ok and speaker_ok}


def polnear_records(files: list[Path], part: str, limit: int | None) -> list[dict[str, Any]]:
    out = []
    for f in files:
        rows = [r for r in read_jsonl(f) if r.get("primary", True)]
        if limit and "train" in f.name:
            rows = rows[:limit]  # the first N training documents, as speaker_confidence used
        rows = select_part(rows, part)
        arts = [Article(id=str(r.get("doc_id") or i), text=r["text"]) for i, r in enumerate(rows)]
        for row, report in zip(rows, run(arts), strict=True):
            gold = [q for q in row.get("quotes", []) if q.get("contents")]
            preds = list(report.quotes)
            pairs = dict((pi, gi) for gi, pi in match(
                [[(c["start"], c["end"]) for c in q["contents"]] for q in gold],
                [[(c.start, c.end) for c in q.content] for q in preds], 0.3))
            for pi, q in enumerate(preds):
                gi = pairs.get(pi)
                out.append(_row(q, gi is not None, gi is not None and _speaker_ok(gold[gi], q)))
    return out


def war_records(path: Path, part: str) -> list[dict[str, Any]]:
    sc = _war_scorer()
    rows = read_annotation(path, part, WAR_CORPUS)
    arts = [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    out = []
    for row, report in zip(rows, run(arts), strict=True):
        for q in report.quotes:
            matched = [g for g in row["quotes"] if sc.covers(q, g["start"], g["end"])]
            required = [g for g in matched if not g["optional"]]
            if matched and not required:
                continue  # only optional anchors: counted neither way, as the scorer does
            ok = False
            if required:
                g = required[0]
                src = q.source
                forms = ([g["speaker"]] if g["speaker"] else []) + list(g.get("also", []))
                if g["speaker"] is None:
                    ok = src is None or not src.named or sc.name_matches(src.name, forms)
                else:
                    ok = src is not None and sc.name_matches(src.name, forms)
            out.append(_row(q, bool(required), ok))
    return out


def summary(recs: list[dict[str, Any]]) -> dict[str, Any]:
    form_n: Counter[str] = Counter()
    form_ok: Counter[str] = Counter()
    link_n: Counter[str] = Counter()
    link_ok: Counter[str] = Counter()
    for r in recs:
        form_n[r["form"]] += 1
        form_ok[r["form"]] += r["content_ok"]
        if r["content_ok"]:
            link_n[str(r["link"])] += 1
            link_ok[str(r["link"])] += r["record_ok"]
    bins: dict[str, dict[str, Any]] = {}
    lo = 0.0
    for hi in BINS:
        inb = [r for r in recs if lo <= (r["confidence"] or 0.0) < hi or (hi == 1.0 and r["confidence"] == 1.0)]
        if inb:
            bins[f"{lo:.1f}-{hi:.1f}"] = {
                "records": len(inb), "mean_confidence": round(sum(r["confidence"] for r in inb) / len(inb), 3),
                "right": sum(r["record_ok"] for r in inb),
                "share_right": round(sum(r["record_ok"] for r in inb) / len(inb), 3)}
        lo = hi
    cell_n: Counter[str] = Counter()
    cell_ok: Counter[str] = Counter()
    for r in recs:
        cell_n[f"{r['form']}/{r['link']}"] += 1
        cell_ok[f"{r['form']}/{r['link']}"] += r["record_ok"]
    shown = [r for r in recs if r["shown"]]
    n = len(recs)
    return {
        "records": n, "right": sum(r["record_ok"] for r in recs),
        "precision": round(sum(r["record_ok"] for r in recs) / n, 3) if n else 0.0,
        "content_precision_by_form": {k: f"{form_ok[k]}/{form_n[k]} = {form_ok[k] / form_n[k]:.3f}"
                                      for k in sorted(form_n)},
        "speaker_accuracy_by_link": {k: f"{link_ok[k]}/{link_n[k]} = {link_ok[k] / link_n[k]:.3f}"
                                     for k in sorted(link_n)},
        "record_precision_by_form_and_link": {k: f"{cell_ok[k]}/{cell_n[k]} = {cell_ok[k] / cell_n[k]:.3f}"
                                              for k in sorted(cell_n, key=lambda k: -cell_n[k])},
        "calibration": bins,
        "brier": round(sum(((r["confidence"] or 0.0) - r["record_ok"]) ** 2 for r in recs) / n, 4) if n else 0.0,
        "shown": {"records": len(shown), "right": sum(r["record_ok"] for r in shown),
                  "precision": round(sum(r["record_ok"] for r in shown) / len(shown), 3) if shown else 0.0},
    }


#: Records a cell's estimate borrows from its form's precision (additive smoothing): a cell of
#: a few records ("np/role", 1 record) is near its form's figure, a cell of hundreds is its own.
SMOOTHING = 10

#: Below this many tune records a cell may not rank above its own form: its smoothed figure is
#: capped at the form's share. One right record in a new link class ("direct/after" in the sixth
#: pass: 1 of 1) would otherwise lift it over the 0.9 display threshold on no real evidence;
#: precision first means a thinly measured class is shown only on its form's merit. Ten is the
#: smoothing's own weight, so the cap applies exactly where the prior outweighs the data.
MIN_RECORDS = 10


def table(recs: list[dict[str, Any]]) -> list[tuple[str, str, int, int, float]]:
    """Rows (form, link, right, records, confidence) of ``data/quotes/record_confidence.tsv``:
    per content form and speaker link, the share of right records, smoothed toward the form's
    share over all links (the ``*`` row, also the estimate of a cell never seen)."""
    out = []
    for form in sorted({r["form"] for r in recs}):
        of_form = [r for r in recs if r["form"] == form]
        p_form = sum(r["record_ok"] for r in of_form) / len(of_form)
        out.append((form, "*", sum(r["record_ok"] for r in of_form), len(of_form), round(p_form, 3)))
        for link in sorted({str(r["link"] or "none") for r in of_form}):
            cell = [r for r in of_form if str(r["link"] or "none") == link]
            ok = sum(r["record_ok"] for r in cell)
            estimate = (ok + SMOOTHING * p_form) / (len(cell) + SMOOTHING)
            if len(cell) < MIN_RECORDS:
                estimate = min(estimate, p_form)
            out.append((form, link, ok, len(cell), round(estimate, 3)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("tune", "check"), required=True)
    ap.add_argument("--polnear", type=Path, nargs="*", default=[])
    ap.add_argument("--polnear-limit", type=int, default=300, help="first N documents of a train file")
    ap.add_argument("--war", type=Path)
    ap.add_argument("--write-table", type=Path, help="write the measured table (tune part only) here")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {}
    recs: list[dict[str, Any]] = []
    if args.polnear:
        pol = polnear_records(args.polnear, args.part, args.polnear_limit)
        out["polnear"] = summary(pol)
        recs += pol
    if args.war:
        war = war_records(args.war, args.part)
        out["war"] = summary(war)
        recs += war
    if len(out) > 1:
        out["both"] = summary(recs)
    if args.write_table:
        if args.part != "tune":
            ap.error("--write-table: the table is measured on the tune part only")
        lines = [f"{f}\t{lk}\t{ok}\t{n}\t{c}" for f, lk, ok, n, c in table(recs)]
        head = args.write_table.read_text(encoding="utf-8").split("form\t", 1)[0] if args.write_table.exists() else ""
        args.write_table.write_text(head + "form\tlink\tright\trecords\tconfidence\n" + "\n".join(lines) + "\n",
                                    encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
