"""Events as ACLED rows: ``newsledger export --format acled``.

One CSV row per event shown by default (``events.shown``; every event with ``include_hidden``)
that has an ACLED event type, under the column names of ACLED's own exports, so code written
for ACLED data reads it. Acts outside ACLED's scope (``non_acled``: diplomacy, disasters,
crime) have no ACLED row. The columns, as ACLED's codebook defines them:

- ``event_date``: ISO ``YYYY-MM-DD``; the event's date, else its article's publication date;
- ``time_precision``: 1 the day is known (from the text), 2 the event fell back to the
  publication date (it happened on or shortly before it), 3 only the month is known;
- ``actor1``/``actor2``: the event's source and target actors in ACLED's actor-dictionary
  style ("Military Forces of Russia (2000-)", "Civilians (Ukraine)"), by rules of kind of
  actor and country (``data/events/acled_actors.tsv``, ``acled_periods.tsv``);
  ``assoc_actor_1``/``assoc_actor_2``: the kind of a civilian group or the state organ
  ("Journalists (Ukraine)"); ``inter1``/``inter2``: ACLED's actor type (``data/events/acled_inter.tsv``), 0 for no
  actor; ``interaction``: the two codes, lower first (``10`` for one state-forces actor);
- ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``: the event's resolved
  place (GeoNames); ``geo_precision``: 1 a town or other exact place, 2 a district
  (second-level division) or a place within a region, 3 only a region or country;
- ``fatalities``: the lowest reported count of people killed among the event's figures, 0 when
  none is given; ``notes``: the sentence coding the event; ``source``: the publisher.

``admin2`` is left empty (not extracted). Four
columns after ACLED's keep the provenance: ``article_id``, ``event_id``, ``trigger_start``,
``trigger_end`` (character offsets of the trigger in the article text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, Any

import sqlalchemy as sa

from ..tables import Col, read_table
from . import schema as s
from .queries.events import SUPPORTED as EVENT_QUERY_FILTERS
from .queries.events import event_date as _event_day
from .queries.events import matching_events
from .queries.filters import Filters
from .queries.source import Source, connect

#: ACLED's column names, in the order of its exports.
ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
                 "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2", "location", "latitude",
                 "longitude", "geo_precision", "time_precision", "fatalities", "notes", "source")
#: Provenance columns written after ACLED's.
PROVENANCE_COLUMNS = ("article_id", "event_id", "trigger_start", "trigger_end")

INTER_FILE = "events/acled_inter.tsv"
ACTORS_FILE = "events/acled_actors.tsv"
PERIODS_FILE = "events/acled_periods.tsv"
#: ACLED event types whose actor1 is coded by what it does, not by its sector.
ACTING_AS = {"Protests": 6, "Riots": 5}
#: Quantity count types that are fatalities.
FATALITY_TYPES = frozenset({"killed"})
#: GeoNames feature codes of second-level divisions (geo_precision 2) and of regions or
#: countries (geo_precision 3); other populated places and sites are exact (1).
DISTRICT_CODES = frozenset({"ADM2", "ADM3", "ADM2H", "ADM3H"})
REGION_CODES = frozenset({"ADM1", "ADM1H", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "RGN", "TERR", "CONT"})


@lru_cache(maxsize=1)
def inter_codes() -> dict[str, int]:
    return {r["sector"]: r["inter"] for r in read_table(INTER_FILE, (Col("sector"), Col("inter", int)))}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> country name (the first ``name`` row of the countries table)."""
    from ..lexicons import country_words

    out: dict[str, str] = {}
    for w in country_words():
        if w.kind == "name" and w.alpha2 and w.alpha2 not in out:
            out[w.alpha2] = w.country
    return out


@lru_cache(maxsize=1)
def actor_rules() -> dict[str, tuple[str, str]]:
    """kind -> (actor template, assoc template): ``data/events/acled_actors.tsv``."""
    return {r["kind"]: (r["actor"], r["assoc"] or "")
            for r in read_table(ACTORS_FILE, (Col("kind"), Col("actor"), Col("assoc", required=False)))}


@lru_cache(maxsize=1)
def periods() -> dict[str, list[tuple[int, int | None]]]:
    """alpha-3 -> [(first year, last year or None)]: ``data/events/acled_periods.tsv``."""
    out: dict[str, list[tuple[int, int | None]]] = {}
    for r in read_table(PERIODS_FILE, (Col("country"), Col("start", int), Col("end", int, required=False))):
        out.setdefault(r["country"], []).append((r["start"], r["end"]))
    return out


@lru_cache(maxsize=1)
def alpha3_names() -> dict[str, str]:
    """ISO alpha-3 (and PLOVER's KOS) -> the country's short name, as ACLED writes it."""
    import pycountry

    out: dict[str, str] = {}
    for a2, name in country_names().items():
        c = pycountry.countries.get(alpha_2=a2)
        if c is not None:
            out.setdefault(c.alpha_3, name)
    from ..lexicons import country_words

    for w in country_words():
        if w.kind == "name" and w.alpha3:
            out.setdefault(w.alpha3, w.country)
    for c in pycountry.countries:  # the rest: ISO's common name ("Bolivia"), else its name
        out.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
    return out


def _period(code: str, year: int | None) -> str:
    for start, end in periods().get(code, ()):
        if year is None or (start <= year and (end is None or year <= end)):
            return f" ({start}-{end})" if end is not None else f" ({start}-)"
    return ""


#: event types whose first actor is named by the part it plays, not by its sector
ACTING_KIND = {"Protests": "protesters", "Riots": "rioters"}
#: kinds of actor that are named where they are: without a country of their own, they take
#: the country of the event's place
LOCAL_KINDS = frozenset({"civilians", "refugees", "media", "health", "labour", "agriculture", "business",
                         "religious", "experts", "protesters", "rioters", "unidentified armed", "criminals"})


def acled_actor(actor: dict[str, Any] | None, event_type: str | None, first: bool, place_country: str | None,
                year: int | None) -> tuple[str, str]:
    """(actor, associated actor) in ACLED's actor-dictionary style, by the actor's kind and
    country (``data/events/acled_actors.tsv``)."""
    if not actor:
        return "", ""
    name = actor.get("name") or ""
    code = actor.get("country_code")
    sector = actor.get("sector")
    names = alpha3_names()
    kind = ACTING_KIND.get(event_type or "") if first else None
    if kind is None and sector is None:
        if not code or not _names_country(name, code):
            # a target of no kind is a place hit or approached (where, not who), or a thing
            return (name, "") if first else ("", "")
        kind = "country"
    kind = kind or sector or ""
    rule = actor_rules().get(kind)
    if rule is None:
        return name, ""
    if not code and kind in LOCAL_KINDS:
        code = place_country
    country = names.get(code or "", "")
    if "{country}" in rule[0] and not country:
        return name, ""
    fill = {"country": country, "period": _period(code or "", year), "name": name}
    assoc = rule[1].format(**fill) if rule[1] else ""
    if kind in ("protesters", "rioters") and sector:  # "Protesters (X)" with their kind as associate
        assoc = (actor_rules().get(sector, ("", ""))[1] or "").format(**fill)
    return rule[0].format(**fill), assoc


def _names_country(name: str, code: str) -> bool:
    """Is the actor's phrase the country itself ("Russia", "Ukraine's", "the US")?"""
    from ..lexicons import country_words

    words = {w.word.lower() for w in country_words() if w.alpha3 == code or w.country == alpha3_names().get(code)}
    words.add(alpha3_names().get(code, "").lower())
    plain = name.lower().removeprefix("the ").removesuffix("'s").strip()
    return plain in words


def inter(actor: dict[str, Any] | None, event_type: str | None, first: bool) -> int | None:
    """ACLED's inter code of an actor: 0 for none, None when its sector has no code."""
    if not actor:
        return 0
    if first and event_type in ACTING_AS:
        return ACTING_AS[event_type]
    sector = actor.get("sector")
    if sector is None and actor.get("country_code") and _names_country(actor.get("name") or "", actor["country_code"]):
        return 1  # a country named as the actor acts through its state's forces or government
    return inter_codes().get(sector) if sector else None


def alpha2_to_3(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper())
    return c.alpha_3 if c is not None else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """The two inter codes joined, the lower first; one actor alone: its code then 0."""
    if inter1 is None or inter2 is None or (inter1 == 0 and inter2 == 0):
        return None
    a, b = sorted((inter1, inter2))
    return b * 10 if a == 0 else a * 10 + b


def geo_precision(feature_class: str | None, feature_code: str | None) -> int | None:
    if feature_class is None and feature_code is None:
        return None
    if feature_code in REGION_CODES:
        return 3
    if feature_code in DISTRICT_CODES or feature_class == "A":
        return 2
    return 1


def event_date(date: str | None, basis: str | None, published: str | None) -> tuple[str, int | None]:
    """(ISO date, time precision) as ACLED codes them."""
    if date and len(date) >= 10:
        return date[:10], 2 if basis == "published" else 1
    if date and len(date) == 7:  # a month: ACLED codes the middle of the period
        return f"{date}-15", 3
    if published:
        return published[:10], 2
    return "", None


def _fatalities(data: dict[str, Any], figures: dict[str, dict[str, Any]]) -> int:
    killed = [figures[q] for q in data.get("quantity_ids") or [] if q in figures
              and figures[q].get("count_type") in FATALITY_TYPES]
    values: list[float] = []
    for q in killed:
        v = q.get("low") if q.get("low") is not None else q.get("value")
        if v is not None:
            values.append(float(v))
    return int(min(values)) if values else 0


#: The ACLED export takes the filters of :func:`.queries.events.events` (one selection of
#: events: the map's "export ACLED CSV" gives the events the map shows).
SUPPORTED = EVENT_QUERY_FILTERS


def acled_rows(src: Source, f: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """The ACLED rows of the events the filters keep (as :func:`.queries.events.events`
    selects them: shown by default only unless ``include_hidden``), in date order."""
    f.check(SUPPORTED)
    ev, a, cp, qt = s.events, s.articles, s.canonical_places, s.quantities
    names = country_names()
    with connect(src) as conn:
        stmt = (sa.select(ev.c.article_id, ev.c.id, ev.c.start, ev.c.end, ev.c.date, ev.c.date_basis, ev.c.data,
                          ev.c.acled_event_type, ev.c.acled_sub_event_type, a.c.published, a.c.publisher,
                          cp.c.name.label("place_name"), cp.c.country_code, cp.c.admin1, cp.c.feature_class,
                          cp.c.feature_code, cp.c.lat, cp.c.lon)
                .join(a, a.c.id == ev.c.article_id).outerjoin(cp, cp.c.id == ev.c.canonical_place_id)
                .where(ev.c.acled_event_type.is_not(None), *matching_events(conn, f))
                .order_by(_event_day(), ev.c.article_id, ev.c.start, ev.c.id))
        rows = conn.execute(stmt).all()
        wanted = {r.article_id for r in rows if (r.data or {}).get("quantity_ids")}
        figures: dict[str, dict[str, dict[str, Any]]] = {}
        for q in conn.execute(sa.select(qt.c.article_id, qt.c.id, qt.c.value, qt.c.low, qt.c.count_type)
                              .where(qt.c.article_id.in_(sorted(wanted)))):
            figures.setdefault(q.article_id, {})[q.id] = dict(q._mapping)
    for r in rows:
        data = r.data or {}
        first, second = data.get("source_actor"), data.get("target_actor")
        i1, i2 = inter(first, r.acled_event_type, True), inter(second, r.acled_event_type, False)
        day, time_precision = event_date(r.date, r.date_basis, r.published)
        year = int(day[:4]) if day[:4].isdigit() else None
        place3 = alpha2_to_3(r.country_code)
        actor1, assoc1 = acled_actor(first, r.acled_event_type, True, place3, year)
        actor2, assoc2 = acled_actor(second, r.acled_event_type, False, place3, year)
        if not actor2:
            i2 = 0  # a place, not an actor
        yield {
            "event_date": day, "event_type": r.acled_event_type, "sub_event_type": r.acled_sub_event_type or "",
            "actor1": actor1, "assoc_actor_1": assoc1, "inter1": i1,
            "actor2": actor2, "assoc_actor_2": assoc2, "inter2": i2,
            "interaction": interaction(i1, i2),
            "country": names.get(r.country_code or "", r.country_code or ""), "admin1": r.admin1 or "",
            "admin2": "", "location": r.place_name or "", "latitude": r.lat, "longitude": r.lon,
            "geo_precision": geo_precision(r.feature_class, r.feature_code) if r.place_name else None,
            "time_precision": time_precision,
            "fatalities": _fatalities(data, figures.get(r.article_id, {})),
            "notes": " ".join(((data.get("sentence") or {}).get("text") or "").split()),
            "source": r.publisher or "",
            "article_id": r.article_id, "event_id": r.id, "trigger_start": r.start, "trigger_end": r.end,
        }


def export_acled(src: Source, out: IO[str], *, include_hidden: bool = False, f: Filters | None = None) -> int:
    """Write the ACLED CSV of the events ``f`` keeps (default: every event shown by default,
    or every event with ``include_hidden``); returns the number of rows."""
    f = f if f is not None else Filters(include_hidden=include_hidden or None)
    w = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *PROVENANCE_COLUMNS], lineterminator="\n")
    w.writeheader()
    n = 0
    for row in acled_rows(src, f):
        w.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n
