"""Score the quotes layer against a hand annotation of war coverage (issue 17).

    .venv/bin/python scripts/score_war_quotes.py ANNOTATION.jsonl [--part tune|check] [--json] [--errors]

The annotation (`eval/war/quotes.jsonl`, text-free: see `eval/war/README.md`). One JSON object per
article: ``id``, ``part`` (``newsledger.eval.common.part_of`` of the id), ``published``,
``text_sha256`` (or ``text``) and ``quotes``, each quote with

- ``start``/``end``: a stretch of its content (an anchor; the whole content is not marked);
- ``speaker``: the speaker's full name as an analyst would search it, or ``null`` for an
  unnamed source (officials, analysts, documents);
- ``also``: other forms that count as right (the spellings the article uses, the name of the
  body for an unnamed member of it);
- ``optional``: an attribution the annotator was unsure should count (a headline, a stance
  without speech, a reporter's "X reports"): it neither counts as missed nor, when found, as
  a false quote.

Figures:

- quote precision: predicted quotes whose content overlaps half of an anchor, over all
  predicted quotes (those matching only optional anchors are left out of both counts);
- quote recall: required anchors overlapped by a predicted quote;
- speaker right: required quotes found with the right speaker (full name or an ``also`` form,
  compared by the spelling key; an unnamed gold source is right when the prediction is
  unnamed too or an ``also`` form), over all required quotes, and over those found;
- wrong person: required quotes found whose predicted speaker is a named person other than
  the gold speaker (a surname of the right person, "Ms Gavrilita", is not full but not
  wrong), over all required quotes; "wrong named" counts organisations too.

``--shown`` scores only the quotes shown by default (``Quote.shown``), as the views show them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from newsledger.eval.common import WAR_CORPUS, print_figures, ratio, read_annotation
from newsledger.models import Article, Quote, Report
from newsledger.nlp.pipeline import run
from newsledger.nlp.spelling import same_name

#: A predicted content must cover at least this share of an anchor's characters to match it.
MIN_ANCHOR_SHARE = 0.5


def _norm(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().removeprefix("the ").split())


def name_matches(pred: str | None, gold: list[str]) -> bool:
    if not pred:
        return False
    p = _norm(pred)
    return any(p == _norm(g) or same_name(p, _norm(g)) for g in gold)


def covers(q: Quote, start: int, end: int) -> bool:
    shared = sum(max(0, min(end, c.end) - max(start, c.start)) for c in q.content)
    return shared >= MIN_ANCHOR_SHARE * (end - start)


def score_article(row: dict[str, Any], report: Report, errors: list[str], shown: bool = False) -> Counter[str]:
    c: Counter[str] = Counter()
    labels = {e.id: e.label for e in report.entities}
    quotes = [q for q in report.quotes if q.shown or not shown]
    golds = row["quotes"]
    hit_required: set[int] = set()
    for qi, q in enumerate(quotes):
        matched = [g for g in golds if covers(q, g["start"], g["end"])]
        if not matched:
            c["pred"] += 1
            errors.append(f"  FALSE  {row['id']} q{qi}: {q.source.name if q.source else None!r} — "
                          f"{' / '.join(s.text for s in q.content)[:100]!r}")
        elif any(not g["optional"] for g in matched):
            c["pred"] += 1
            c["pred_ok"] += 1
    for g in golds:
        if g["optional"]:
            continue
        c["gold"] += 1
        found = [q for q in quotes if covers(q, g["start"], g["end"])]
        if not found:
            errors.append(f"  MISSED {row['id']}: {g['speaker']!r} — {row['text'][g['start']:g['end']]!r}")
            continue
        hit_required.add(id(g))
        c["found"] += 1
        q = found[0]
        src = q.source
        forms = ([g["speaker"]] if g["speaker"] else []) + list(g.get("also", []))
        if g["speaker"] is None:
            right = src is None or not src.named or name_matches(src.name, forms)
        else:
            right = src is not None and name_matches(src.name, forms)
        if right:
            c["speaker_ok"] += 1
            continue
        partial = src is not None and bool(src.name) and any(
            _norm(src.name).split()[-1:] == _norm(f).split()[-1:] for f in forms)
        wrong_named = src is not None and src.named and src.entity_id is not None and not partial
        wrong_person = wrong_named and src is not None and labels.get(src.entity_id or "") == "PERSON"
        c["wrong_named"] += wrong_named
        c["wrong_person"] += wrong_person
        kind = ("WRONG-PERSON" if wrong_person else "WRONG-NAMED" if wrong_named
                else "PARTIAL-NAME" if partial else "UNNAMED")
        errors.append(f"  {kind} {row['id']}: gold {g['speaker']!r}, given "
                      f"{src.name if src else None!r} ({src.span.text if src and src.span else None!r}) "
                      f"— {row['text'][g['start']:g['end']]!r}")
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("annotation", type=Path)
    ap.add_argument("--part", choices=("tune", "check"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--corpus", type=Path, default=WAR_CORPUS,
                    help="the corpus a text-free annotation points into (default: ../shared's war corpus)")
    ap.add_argument("--errors", action="store_true", help="list misses, false quotes and wrong speakers")
    ap.add_argument("--shown", action="store_true", help="score only the quotes shown by default")
    args = ap.parse_args(argv)
    rows = read_annotation(args.annotation, args.part, args.corpus)
    articles = [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    total: Counter[str] = Counter()
    errors: list[str] = []
    for row, report in zip(rows, run(articles), strict=True):
        total += score_article(row, report, errors, args.shown)
    g = total["gold"]
    out = {
        "articles": len(rows), "gold_quotes": g, "predicted_quotes": total["pred"],
        "precision": ratio(total["pred_ok"], total["pred"]), "recall": ratio(total["found"], g),
        "speaker_right": ratio(total["speaker_ok"], g),
        "speaker_right_of_found": ratio(total["speaker_ok"], total["found"]),
        "wrong_person": ratio(total["wrong_person"], g), "wrong_named": ratio(total["wrong_named"], g),
    }
    print_figures(out, errors, as_json=args.json, show_errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
