"""Score the places layer against a blind hand annotation of Ukrainian places in war coverage (issue 19).

    .venv/bin/python scripts/score_war_places.py ANNOTATION.jsonl [--part tune|check] [--json] [--errors]

The annotation (`eval/war/places.jsonl`, text-free: see `eval/war/README.md`). One JSON object per
article, in the order of ``sha256(id)`` within each part, articles without a Ukrainian place
kept (with ``places: []``) so they count: ``id``, ``part`` (``newsledger.eval.common.part_of``
of the id), ``published``, ``text_sha256`` (or ``text``), ``notes`` and ``places``, each a mention with

- ``start``/``end``: the exact characters of the name (``text[start:end] == name``);
- ``name``; ``kind``: ``settlement`` (a city, town or village), ``region`` (an oblast, raion
  or Crimea) or ``area`` (a named area: Donbas, "eastern Ukraine");
- ``gid``: the GeoNames id the annotator found in the gazetteer (``null`` when there is none
  or the place is a hand-written region); ``also_gids``: other ids that are right (Kyiv the
  capital and Kyiv the city with special status; a city and its oblast where the text does
  not say which); ``gazetteer_name``, ``lat``/``lon``: the intended place's record; ``place``:
  the intended place in words;
- ``optional``: an unsure case that neither counts as missed nor, when found, as right or
  wrong in recall (a name standing for the government, "Kyiv said"; compass parts of Ukraine;
  facilities; names garbled by translation).

What is marked (the annotator's rules): every mention of a place in Ukraine, at any size,
under any spelling or transliteration (Kiev, Kharkovsk, Cherson, Bucza); a region named with a
lowercase division word is marked on its name ("the Donetsk region" -> "Donetsk"). Not marked:
Ukraine itself, demonyms and adjectives (Crimean Tatars), seas and rivers (Sea of Azov, Black
Sea), names inside an organisation's or a forum's name (Kyiv Independent, Kyiv International
Institute of Sociology, Crimea Platform); inside "Donetsk People's Republic" the name is
optional. A capital standing for its government ("Kyiv must not be forced", "support for
Kyiv", "Kyiv's success") is optional; one that is where something happens or sits ("the
regime in Kiev", "visiting Kyiv", "their goal is Kiev") is required. "eastern Ukraine", "the
east of Ukraine" and the like are optional areas.

Figures:

- recall: required mentions overlapped by the span of a mention of a resolved place that is
  the right place, at any confidence and among the places shown by default (confidence at or
  above the shown threshold). Right place: the same GeoNames id (or one of ``also_gids``) when
  the gold has one; a hand-written region of the same gazetteer name when the gold names one;
  else a point within ``NEAR_KM`` of the gold point. Given by kind too;
- place recall: the same over the distinct gold places of each article (a place counts as
  found when one of its required mentions is), so that a story naming Crimea ten times
  weighs it once;
- misses by cause: ``not-detected`` (no place mention over it), ``unresolved`` (a mention
  the layer left unresolved), ``wrong`` (resolved to another place; ``wrong-hidden`` when
  that place is below the shown threshold), ``right-hidden`` (right but not shown: a miss of
  the shown recall only);
- precision of the places shown by default in Ukraine: each shown, resolved place whose
  country is Ukraine (not Ukraine itself) or that covers a required gold mention. It is right when it
  covers a gold mention (required or optional) whose place it is and no required gold mention
  whose place it is not; wrong when it covers a gold mention only wrongly; ``unannotated``
  when it covers none (listed by ``--errors`` with ``SHOWN-UNMARKED`` for the reader to judge:
  a place the annotator missed, or a false place). ``precision`` is right / (right + wrong);
  ``precision_strict`` counts unannotated places as wrong.

The shown threshold is the places layer's ``shown_confidence`` when its config has one
(``[components.places]``), else the project's "shown by default" level, the quotes layer's
``shown_confidence`` (0.9): the places layer has no field of its own yet.

Figures (docs/evaluation.md, "Places in war coverage"): see there, with the commands.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsledger.eval.common import WAR_CORPUS, print_figures, ratio, read_annotation
from newsledger.models import Article, Place
from newsledger.settings import Settings, get_settings

#: A gold place without a GeoNames id or a hand-written region (a facility, a hill) is found
#: when the resolved point lies this close to the annotator's point: the issue's brief; a
#: town's GeoNames point and a site's point are a few km apart, two towns of one name in
#: Ukraine hundreds.
NEAR_KM = 30.0
EARTH_KM = 6371.0
KINDS = ("settlement", "region", "area")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _key(name: str | None) -> str:
    return " ".join((name or "").casefold().replace("’", "'").split())


def is_right_place(gold: dict[str, Any], place: Place) -> bool:
    """Is ``place`` (resolved) the place the gold mention means?"""
    if not place.resolved:
        return False
    if gold.get("gid") is not None:
        return place.geonameid is not None and place.geonameid in {gold["gid"], *gold.get("also_gids", [])}
    if gold.get("gazetteer_name"):  # a hand-written region: no GeoNames id on either side
        return place.geonameid is None and _key(place.gazetteer_name) == _key(gold["gazetteer_name"])
    if gold.get("lat") is not None and place.lat is not None and place.lon is not None:
        return km_between(gold["lat"], gold["lon"], place.lat, place.lon) <= NEAR_KM
    return False


def covers(place: Place, start: int, end: int) -> bool:
    """Does a mention of ``place`` share a character with ``[start, end)``?"""
    return any(m.span.start < end and start < m.span.end for m in place.mentions)


def in_ukraine(place: Place) -> bool:
    """A resolved place in Ukraine below the country (Ukraine itself is never marked)."""
    return place.resolved and place.country_code == "UA" and not is_country(place)


def is_country(place: Place) -> bool:
    return (place.feature_code or "").startswith("PCL")


def judge_shown(place: Place, golds: list[dict[str, Any]]) -> str:
    """``right``, ``wrong`` or ``unannotated``, for a place shown by default: right when it is
    the place of every required gold mention it covers (or, covering only optional ones, of
    one of them)."""
    over = [g for g in golds if covers(place, g["start"], g["end"])]
    required = [g for g in over if not g["optional"]]
    if required:
        return "right" if all(is_right_place(g, place) for g in required) else "wrong"
    if over:
        return "right" if any(is_right_place(g, place) for g in over) else "wrong"
    return "unannotated"


def counts_for_precision(place: Place, golds: list[dict[str, Any]], threshold: float) -> bool:
    """A shown place in Ukraine below the country, or any shown place over a required gold
    mention (a Ukrainian town pinned abroad). Ukraine itself over an optional "eastern
    Ukraine" is neither."""
    if not place.resolved or place.confidence < threshold:
        return False
    if in_ukraine(place):
        return True
    return any(not g["optional"] and covers(place, g["start"], g["end"]) for g in golds)


def miss_cause(gold: dict[str, Any], places: list[Place], threshold: float) -> str | None:
    """Why a required gold mention is not found among the shown places; ``None`` when it is."""
    over = [p for p in places if covers(p, gold["start"], gold["end"])]
    right = [p for p in over if is_right_place(gold, p)]
    if any(p.confidence >= threshold for p in right):
        return None
    if right:
        return "right-hidden"
    if not over:
        return "not-detected"
    if all(not p.resolved for p in over):
        return "unresolved"
    return "wrong" if any(p.resolved and p.confidence >= threshold for p in over) else "wrong-hidden"


def place_key(gold: dict[str, Any]) -> str:
    """One gold place of an article, whatever its mentions' spellings."""
    if gold.get("gid") is not None:
        return f"gid:{gold['gid']}"
    return f"name:{_key(gold.get('gazetteer_name') or gold.get('place') or gold['name'])}"


def _describe(p: Place) -> str:
    names = "|".join(sorted({m.span.text for m in p.mentions}))
    if not p.resolved:
        return f"{names!r} unresolved"
    return (f"{names!r} -> {p.gazetteer_name} {p.feature_code} {p.country_code} gid={p.geonameid} "
            f"conf={p.confidence:.2f}")


def score_article(row: dict[str, Any], places: list[Place], threshold: float, errors: list[str]) -> Counter[str]:
    c: Counter[str] = Counter()
    golds = row["places"]
    c["articles"] += 1
    c["articles_with_places"] += any(not g["optional"] for g in golds)
    distinct: dict[str, tuple[bool, bool]] = {}  # place key -> (found at any confidence, shown)
    for g in golds:
        if g["optional"]:
            continue
        c["gold"] += 1
        c[f"gold/{g['kind']}"] += 1
        cause = miss_cause(g, places, threshold)
        found_any = cause in (None, "right-hidden")
        c["found_any"] += found_any
        c[f"found_any/{g['kind']}"] += found_any
        was = distinct.get(place_key(g), (False, False))
        distinct[place_key(g)] = (was[0] or found_any, was[1] or cause is None)
        if cause is None:
            c["found_shown"] += 1
            c[f"found_shown/{g['kind']}"] += 1
            continue
        c[f"miss/{cause}"] += 1
        over = [_describe(p) for p in places if covers(p, g["start"], g["end"])]
        errors.append(f"  MISSED {cause:12s} {row['id']} {g['name']!r} ({g['kind']}, {g.get('place')}) "
                      f"@{g['start']}: {'; '.join(over) or '-'}")
    c["gold_places"] += len(distinct)
    c["found_places_any"] += sum(a for a, _ in distinct.values())
    c["found_places_shown"] += sum(b for _, b in distinct.values())
    for p in places:
        if not counts_for_precision(p, golds, threshold):
            continue
        verdict = judge_shown(p, golds)
        c["shown"] += 1
        c[f"shown_{verdict}"] += 1
        if verdict != "right":
            tag = "SHOWN-WRONG" if verdict == "wrong" else "SHOWN-UNMARKED"
            errors.append(f"  {tag} {row['id']} {_describe(p)}")
    return c


def figures(total: Counter[str]) -> dict[str, Any]:
    g = total["gold"]
    out: dict[str, Any] = {
        "articles": total["articles"], "articles_with_places": total["articles_with_places"],
        "gold_mentions": g,
        "recall_any": ratio(total["found_any"], g), "recall_shown": ratio(total["found_shown"], g),
        "gold_places": total["gold_places"],
        "place_recall_any": ratio(total["found_places_any"], total["gold_places"]),
        "place_recall_shown": ratio(total["found_places_shown"], total["gold_places"]),
    }
    for k in KINDS:
        out[f"recall_any/{k}"] = ratio(total[f"found_any/{k}"], total[f"gold/{k}"])
        out[f"recall_shown/{k}"] = ratio(total[f"found_shown/{k}"], total[f"gold/{k}"])
        out[f"gold/{k}"] = total[f"gold/{k}"]
    out["misses"] = {k.removeprefix("miss/"): v for k, v in sorted(total.items()) if k.startswith("miss/")}
    right, wrong, unmarked = total["shown_right"], total["shown_wrong"], total["shown_unannotated"]
    out.update(shown=total["shown"], shown_right=right, shown_wrong=wrong, shown_unannotated=unmarked,
               precision=ratio(right, right + wrong), precision_strict=ratio(right, right + wrong + unmarked))
    return out


def layer_setting(settings: Settings, layer: str, key: str) -> Any:
    """A layer config's value as the settings make it (``[components.<layer>]`` over the default)."""
    from newsledger.nlp.registry import LAYERS

    cfg = LAYERS[layer].config_class()(**settings.components.get(layer, {}))
    return getattr(cfg, key, None)


def shown_threshold(settings: Settings) -> float:
    """See the module's docstring: the places layer's own level first."""
    value = layer_setting(settings, "places", "shown_confidence")
    if value is None:
        value = layer_setting(settings, "quotes", "shown_confidence")
    return float(value)


def score(rows: list[dict[str, Any]], reports: Iterable[Any], threshold: float,
          errors: list[str]) -> dict[str, Any]:
    total: Counter[str] = Counter()
    for row, report in zip(rows, reports, strict=True):
        total += score_article(row, list(report.places), threshold, errors)
    out = figures(total)
    out["shown_threshold"] = threshold
    return out


def main(argv: list[str] | None = None) -> int:
    from newsledger.nlp.pipeline import run

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("annotation", type=Path)
    ap.add_argument("--part", choices=("tune", "check", "all"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--corpus", type=Path, default=WAR_CORPUS,
                    help="the corpus a text-free annotation points into (default: ../shared's war corpus)")
    ap.add_argument("--errors", action="store_true",
                    help="list misses, wrong shown places and shown places the annotation does not mark")
    args = ap.parse_args(argv)
    rows = read_annotation(args.annotation, args.part, args.corpus)
    settings = get_settings()
    articles = [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    errors: list[str] = []
    out = score(rows, run(articles, settings), shown_threshold(settings), errors)
    print_figures(out, errors, as_json=args.json, show_errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
