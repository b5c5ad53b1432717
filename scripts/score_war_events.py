"""Score the events layer against a reader's judgments of its events in war coverage (issue 18).

    .venv/bin/python scripts/score_war_events.py eval/war/events.jsonl [--part tune|check] [--json] [--unjudged]
    .venv/bin/python scripts/score_war_events.py --sheet --pick 12 --part check   # a judging sheet
    .venv/bin/python scripts/score_war_events.py --sheet eval/war/events.jsonl    # the same for annotated articles

The annotation (`eval/war/events.jsonl`, text-free: see `eval/war/README.md`). One JSON object per
article: ``id``, ``part`` (``newsledger.eval.common.part_of`` of the id), ``published``,
``text_sha256`` (or ``text``) and ``events``: one judgment per event the layer extracted when
the article was read (shown by default or not, so that a later change of what is shown can be
rescored), each with ``trigger_start``/``trigger_end`` (the trigger's characters),
``plover_type``, ``verdict`` and ``reason``, and optionally ``source``/``target`` (the names of
the actors the reader took the text to give; null: none given) and ``duplicate_of``.

The reader's rubric. A verdict judges the event as a record an analyst would count:

- ``P`` plausible: the text asserts or reports that this act happened or is going on (a
  claim reported as a party's claim counts); the PLOVER type is a fair name for the act;
  the source and target the layer gives are the parties the text gives for it, and a
  country given to one of them is its own (an unknown country is not a wrong one; an actor
  the text leaves unnamed may be missing).
- ``B`` borderline: a real act, but an actor the text names is missing, or the type is a
  loose fit (a troop movement coded as a protest, a stated readiness as an agreement); or a
  case a careful reader could judge either way.
- ``W`` wrong: nothing happened that this record stands for: a word misread as an act, a
  generic or background mention ("the war", "the invasion" as a whole), a figure of speech,
  a label ("a threat"), a standing stance or demand rather than an act; or an act with a
  wrong actor: the wrong party, or a party given another country than its own.
- ``H`` an act that the text presents as not real, coded as if it were: hypothetical,
  conditional or counterfactual, negated or refused, planned, wished or intended, demanded
  or urged, asked about, feared, predicted, or part of a scenario. The verdict is about the
  act, not the record's ``modality``: an ``H`` record that the layer hides by default costs
  nothing in the shown figures, and the figures over all events count it whatever its
  modality.
- A later record of an act the article already coded ("the attack began", after "launched
  an operation") is judged on its own and carries ``duplicate_of``: the trigger offsets of
  the first record. It counts as ``W`` in a scope (shown, all) where that first record is
  present too, and by its own verdict where it stands alone (a version that shows only one
  record of the act is not charged for the hidden one).

Matching: each extracted event takes the judgment with the same trigger offsets, else an
unused judgment whose trigger overlaps it with the same ``plover_type``. An event with
neither is *unjudged* (new since the reading): ``--unjudged`` lists it so a reader can add
a judgment. Figures, for the events shown by default (``Event.shown``) and for all events:
``n``, ``judged``, ``unjudged``, ``strict`` = P / judged, ``lenient`` = (P + B) / judged,
and the count of each verdict (``H`` is the one the issue's bar forbids among shown events).
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsledger.eval.common import (
    WAR_CORPUS,
    part_of,
    print_figures,
    ratio,
    read_annotation,
    read_jsonl,
    select_part,
    text_sha256,
)
from newsledger.models import Article, Event, Report
from newsledger.nlp.pipeline import run

VERDICTS = ("P", "B", "W", "H")


def match_judgments(events: list[Event], judgments: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """The judgment of each event (None: unjudged): the same trigger offsets first, then an
    unused judgment with an overlapping trigger and the same PLOVER type."""
    out: list[dict[str, Any] | None] = [None] * len(events)
    used: set[int] = set()
    exact = {(j["trigger_start"], j["trigger_end"]): i for i, j in enumerate(judgments)}
    for k, e in enumerate(events):
        i = exact.get((e.trigger.start, e.trigger.end))
        if i is not None and i not in used:
            out[k] = judgments[i]
            used.add(i)
    for k, e in enumerate(events):
        if out[k] is not None:
            continue
        for i, j in enumerate(judgments):
            if i in used or j["plover_type"] != e.plover_type:
                continue
            if j["trigger_start"] < e.trigger.end and e.trigger.start < j["trigger_end"]:
                out[k] = j
                used.add(i)
                break
    return out


def _actor(a: Any) -> str:
    if a is None:
        return "-"
    return f"{a.name} [{a.country_code or '?'}{'/' + a.sector if a.sector else ''}]"


def describe(e: Event, text: str, with_sentence: bool = True) -> str:
    flags = ["SHOWN" if e.shown else "hidden", e.modality]
    flags += ["generic"] * e.generic + [f"same_as={e.same_as}"] * bool(e.same_as)
    flags += ["country_inferred"] * e.country_inferred
    line = (f"{e.id} [{e.trigger.start}:{e.trigger.end}] {e.trigger.text!r} {e.plover_type}"
            f"{'/' + e.plover_mode if e.plover_mode else ''} ({', '.join(flags)}; conf {e.confidence:.2f})"
            f"  {_actor(e.source_actor)} -> {_actor(e.target_actor)}  date {e.date} ({e.date_basis})")
    if with_sentence:
        line += "\n      " + " ".join(text[e.sentence.start:e.sentence.end].split())
    return line


def _key(j: dict[str, Any]) -> tuple[int, int]:
    return j["trigger_start"], j["trigger_end"]


def verdict(j: dict[str, Any], present: set[tuple[int, int]]) -> str:
    """The judgment's verdict in a scope whose matched judgments are ``present``: a
    duplicate whose first record is present too is wrong (one act counted twice)."""
    dup = j.get("duplicate_of")
    if dup and tuple(dup) in present:
        return "W"
    return str(j["verdict"])


def score_article(row: dict[str, Any], report: Report, unjudged: list[str]) -> Counter[str]:
    c: Counter[str] = Counter()
    matched = match_judgments(report.events, row["events"])
    present = {"all": {_key(j) for j in matched if j},
               "shown": {_key(j) for e, j in zip(report.events, matched, strict=True) if j and e.shown}}
    for e, j in zip(report.events, matched, strict=True):
        scopes = ("all", "shown") if e.shown else ("all",)
        for s in scopes:
            c[f"{s}.n"] += 1
            if j is None:
                c[f"{s}.unjudged"] += 1
            else:
                c[f"{s}.judged"] += 1
                c[f"{s}.{verdict(j, present[s])}"] += 1
        if j is None:
            unjudged.append(f"  UNJUDGED {row['id']} {describe(e, row['text'])}")
    return c


def figures(total: Counter[str], scope: str) -> dict[str, Any]:
    judged = total[f"{scope}.judged"]
    out: dict[str, Any] = {"n": total[f"{scope}.n"], "judged": judged, "unjudged": total[f"{scope}.unjudged"],
                           "strict": ratio(total[f"{scope}.P"], judged),
                           "lenient": ratio(total[f"{scope}.P"] + total[f"{scope}.B"], judged)}
    out.update({v: total[f"{scope}.{v}"] for v in VERDICTS})
    return out


def english(text: str) -> bool:
    from newsledger.ingest.language import PIPELINE_LANGUAGE, decide

    return decide(text, None) == PIPELINE_LANGUAGE


def picked(corpus: Path, part: str, n: int) -> Iterator[tuple[dict[str, Any], Report]]:
    """The first ``n`` English articles of ``part`` in the order of their id's SHA-256 that
    have at least one event shown by default, with their reports (the reader's sample)."""
    rows = sorted(select_part(list(read_jsonl(corpus)), part), key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
    found = 0
    for r in rows:
        if found >= n:
            return
        if not english(r["text"]):
            continue
        report = next(run([Article(id=r["id"], text=r["text"], published=r.get("published"))]))
        if any(e.shown for e in report.events):
            found += 1
            yield r, report


def sheet(pairs: Iterable[tuple[dict[str, Any], Report]]) -> None:
    """Print each article's events for a reader to judge, and a skeleton judgment row per
    article (verdicts to fill) after a ``#ROW`` mark."""
    import json

    for row, report in pairs:
        text = row["text"]
        print(f"=== {row['id']} ({part_of(row['id'])}) published {row.get('published')} "
              f"events {len(report.events)} shown {sum(e.shown for e in report.events)}")
        for e in report.events:
            print("  " + describe(e, text))
        skeleton = {"id": row["id"], "part": part_of(row["id"]), "published": row.get("published"),
                    "text_sha256": text_sha256(text),
                    "events": [{"trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
                                "plover_type": e.plover_type, "verdict": None, "reason": ""}
                               for e in report.events]}
        print("#ROW " + json.dumps(skeleton, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("annotation", type=Path, nargs="?")
    ap.add_argument("--part", choices=("tune", "check"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--corpus", type=Path, default=WAR_CORPUS,
                    help="the corpus a text-free annotation points into (default: ../shared's war corpus)")
    ap.add_argument("--unjudged", action="store_true", help="list the events no judgment matches")
    ap.add_argument("--sheet", action="store_true", help="print each article's events for a reader to judge")
    ap.add_argument("--pick", type=int, metavar="N",
                    help="with --sheet and --part: the part's first N English articles (by the SHA-256 of "
                         "their id) with a shown event, instead of an annotation's articles")
    args = ap.parse_args(argv)
    if args.sheet and args.pick:
        if not args.part:
            ap.error("--pick needs --part")
        sheet(picked(args.corpus, args.part, args.pick))
        return 0
    if args.annotation is None:
        ap.error("give the annotation (or --sheet --pick N --part P)")
    rows = read_annotation(args.annotation, args.part, args.corpus)
    articles = [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    if args.sheet:
        sheet(zip(rows, run(articles), strict=True))
        return 0
    for r in rows:
        bad = [j for j in r["events"] if j["verdict"] not in VERDICTS]
        if bad:
            raise ValueError(f"{args.annotation}: article {r['id']!r} has a verdict outside {VERDICTS}: {bad[0]}")
    total: Counter[str] = Counter()
    unjudged: list[str] = []
    for row, report in zip(rows, run(articles), strict=True):
        total += score_article(row, report, unjudged)
    scopes = {s: figures(total, s) for s in ("shown", "all")}
    out: dict[str, Any] = {"articles": len(rows), **scopes} if args.json else (
        {f"{s}.{k}": v for s, fig in scopes.items() for k, v in fig.items()} | {"articles": len(rows)})
    print_figures(out, unjudged, as_json=args.json, show_errors=args.unjudged)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
