"""Audit issue 19's bar on common words: resolved places in the dev war articles whose name is
a common English word (issue 19).

    .venv/bin/python scripts/audit_common_places.py [--part tune|check|all] [--json] [--errors]

The bar: "No common word in the dev war articles resolves to a populated place, and nothing in
the code or data names those particular words." This script runs the pipeline over the war
corpus (``../shared/data/dev/corpus/ukraine_dev.jsonl``, English articles; ``--corpus`` for
another JSON Lines corpus with ``id`` and ``text``) and counts the place records that are

- resolved (at any confidence; those shown by default, ``Place.shown``, are counted apart),
- to a populated place (GeoNames feature class ``P``) or to a site read at one (class ``S``
  with a ``PPL*`` code: a facility or a street placed at the town it is in), and
- named, in one of their mentions, by a common English word or a run of them: every word of
  the mention's text is at least :data:`newsledger.nlp.frequency.COMMON_ZIPF` frequent as an
  English word, case-folded (``newsledger.nlp.frequency.is_common_run``: a clitic such as "n't" counts as common). Spelling and case are
  ignored on purpose: "Bar" as a town's name and "bar" the word count the same, and a
  reader judges the hits.

A hit is not always wrong: a real place whose name is also a frequent word (a capital such
as "Kyiv" is not, but a town named like an ordinary noun is) is right where the text means
it. The script counts; the reader judges the hits of the tune part (``--errors`` lists each
hit with its context) and records the tally in docs/places.md. Following the tune/check
discipline, ``--errors`` refuses the check part: there only the one-line counts are read.

Nothing in the repository holds the corpus' text: it is read at run time. Figures
(docs/evaluation.md, "Common words read as places"): see there, with the commands.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsledger.eval.common import WAR_CORPUS, print_figures, read_jsonl, select_part, tune_copies_of_check
from newsledger.models import Article, Place

#: How many characters of text either side of a hit ``--errors`` prints.
CONTEXT_CHARS = 70

def is_common_text(text: str) -> bool:
    """A common English word or a run of them (:func:`newsledger.nlp.frequency.is_common_run`)."""
    from newsledger.nlp.frequency import is_common_run

    return is_common_run(text)


def at_populated_place(place: Place) -> bool:
    """Resolved to a populated place, or to a site read at one."""
    if not place.resolved:
        return False
    code = place.feature_code or ""
    return place.feature_class == "P" or (place.feature_class == "S" and code.startswith("PPL"))


def hits(places: Iterable[Place]) -> list[tuple[Place, list[Any]]]:
    """The places that count, each with its mentions named by common words."""
    out = []
    for p in places:
        if not at_populated_place(p):
            continue
        common = [m for m in p.mentions if is_common_text(m.span.text)]
        if common:
            out.append((p, common))
    return out


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    left = text[max(0, start - width):start].replace("\n", " / ")
    right = text[end:end + width].replace("\n", " / ")
    return f"...{left}[[{text[start:end]}]]{right}..."


def audit(articles: list[Article], reports: Iterable[Any], errors: list[str] | None = None) -> dict[str, Any]:
    """The counts over ``articles`` (with their reports, in order); each hit's contexts are
    appended to ``errors`` when given."""
    c: Counter[str] = Counter()
    for article, report in zip(articles, reports, strict=True):
        c["articles"] += 1
        places = list(report.places)
        c["resolved_populated"] += sum(at_populated_place(p) for p in places)
        for p, mentions in hits(places):
            c["hits"] += 1
            c["hits_shown"] += p.shown
            c["hit_mentions"] += len(mentions)
            if errors is None:
                continue
            errors.append(f"{'SHOWN ' if p.shown else 'hidden'} {article.id} {p.name!r} -> {p.gazetteer_name} "
                          f"{p.feature_class}.{p.feature_code} {p.country_code} gid={p.geonameid} "
                          f"conf={p.confidence:.2f}")
            for m in mentions:
                errors.append(f"    {context(article.text, m.span.start, m.span.end)}")
    return {"articles": c["articles"], "resolved_populated": c["resolved_populated"],
            "common_word_places": c["hits"], "common_word_places_shown": c["hits_shown"],
            "common_word_mentions": c["hit_mentions"]}


def read_articles(corpus: Path, part: str | None) -> list[Article]:
    """The corpus' articles of ``part``; the tune part leaves out tune copies of check texts."""
    rows = select_part(list(read_jsonl(corpus)), part)
    if part == "tune":
        rows = [r for r in rows if str(r["id"]) not in tune_copies_of_check(corpus)]
    return [Article(id=str(r["id"]), text=str(r["text"]), published=r.get("published")) for r in rows]


def main(argv: list[str] | None = None) -> int:
    from newsledger.nlp.pipeline import run
    from newsledger.settings import get_settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("tune", "check", "all"), default="all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--corpus", type=Path, default=WAR_CORPUS,
                    help="a JSON Lines corpus with id and text (default: ../shared's war corpus)")
    ap.add_argument("--errors", action="store_true", help="list each hit with its context (tune part only)")
    args = ap.parse_args(argv)
    if args.errors and args.part != "tune":
        print("--errors lists contexts of the tune part only (give --part tune)", file=sys.stderr)
        return 2
    articles = read_articles(args.corpus, args.part)
    errors: list[str] = []
    out = audit(articles, run(articles, get_settings()), errors if args.errors else None)
    print_figures(out, errors, as_json=args.json, show_errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
