"""What the writer's serial step reads of a report, apart from the Report itself.

The serial step (``Ledger._resolve``) resolves a report's people, organisations and places
to canonical ones, names quote speakers after them, and derives claims. Only the claims
read much of the Report; the rest needs a few fields per record. :func:`merge_info` takes
those fields, so a helper process of the reports path can send them instead of the Report
(which the writer would otherwise parse again, a fifth of its work).

The claims are derived in the helper too, before the canonical names are known, from a
guess: each place named as the report names it (its gazetteer name, else its name), each
person or organisation by its own name, and each canonical place id replaced by the
report's place id. :func:`claims_for` reads the two maps only through ``[]``, ``get`` and
``values`` (and ``in``, whose answer does not depend on the guess: the keys are the same),
so the claims are a function of the report and of the entries read. The helper records
which entries were read (:class:`_Read`); the writer, once it knows the real canonical
names, takes the helper's claims when every entry read holds the same name, with the real
canonical place ids put back, and otherwise derives them again from the Report
(:func:`settle_claims`). The result is the serial path's, row for row, whichever way.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, ValuesView
from dataclasses import dataclass
from typing import Any

from ..models import Entity, Report
from .claims import claims_for
from .resolve import entity_key, fold, name_words

#: Entity labels resolved to canonical entities, and those whose canonical name claims use.
CANONICAL_LABELS = ("PERSON", "ORG", "NORP")
NAMED_LABELS = ("PERSON", "ORG")


@dataclass(frozen=True)
class PlaceFields:
    """The fields of a place that :meth:`Canonicals.place` reads."""

    id: str
    name: str
    geonameid: int | None
    gazetteer_name: str | None
    country_code: str | None
    admin1: str | None
    feature_class: str | None
    feature_code: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class EntityFields:
    """An entity's label and name, and for one resolved to a canonical entity
    (:data:`CANONICAL_LABELS`) what :meth:`Canonicals.entity` derives from them alone: its
    merge key, its alias and its name's words (``ledger.resolve``). Taken with the other
    fields, in a helper process on the reports path, so the one writer does not derive them."""

    id: str
    label: str
    name: str
    key: str = ""  # entity_key(label, name)[:300]
    alias: str = ""  # fold(name)[:300]
    words: int = 0  # name_words(name)


def entity_fields(e: Entity) -> EntityFields:
    if e.label not in CANONICAL_LABELS:
        return EntityFields(e.id, e.label, e.name)
    return EntityFields(e.id, e.label, e.name, entity_key(e.label, e.name)[:300], fold(e.name)[:300],
                        name_words(e.name))


@dataclass(frozen=True)
class QuoteFields:
    id: str
    has_source: bool
    entity_id: str | None
    name: str | None
    about: tuple[str, ...]  # the report's shown places a mention of which overlaps the quote


@dataclass
class MergeInfo:
    """A report's fields that the serial step reads, and (from a helper) its claims as
    derived from the guessed names, with the entries of the guess that they read."""

    article_id: str
    published: str | None
    source_path: str | None
    entities: list[EntityFields]
    places: list[PlaceFields]
    quotes: list[QuoteFields]
    event_places: list[str | None]
    claims: list[dict[str, Any]] | None = None
    read_places: dict[str, str] | None = None  # place id -> guessed name (None: all were read)
    read_names: dict[str, str] | None = None  # entity id -> guessed name


def named_ids(report: Report) -> list[str]:
    """The entities whose canonical names claims read: people and organisations with a key."""
    return [e.id for e in report.entities if e.label in NAMED_LABELS and entity_key(e.label, e.name)[:300]]


def merge_info(report: Report, with_claims: bool = False) -> MergeInfo:
    a = report.article
    # a quote is about the places shown by default (resolved at the shown confidence): an
    # expert's topics and the quotes filtered by place then never list a hidden reading
    spans = [(m.span.start, m.span.end, p.id) for p in report.places if p.shown for m in p.mentions]
    quotes = []
    for q in report.quotes:
        src = q.source
        pieces = [(piece.start, piece.end) for piece in q.content]
        if len(pieces) == 1:  # most quotes: one piece, no generator per place mention
            (lo, hi), = pieces
            about = {pid for start, end, pid in spans if start < hi and lo < end}
        else:
            about = {pid for start, end, pid in spans if any(start < hi and lo < end for lo, hi in pieces)}
        quotes.append(QuoteFields(q.id, src is not None, src.entity_id if src else None,
                                  src.name if src else None, tuple(sorted(about))))
    info = MergeInfo(
        a.id, a.published, a.source.path,
        [entity_fields(e) for e in report.entities],
        [PlaceFields(p.id, p.name, p.geonameid, p.gazetteer_name, p.country_code, p.admin1, p.feature_class,
                     p.feature_code, p.lat, p.lon) for p in report.places],
        quotes, [ev.place_id for ev in report.events])
    if with_claims:
        places = _Read({p.id: (p.id, p.gazetteer_name or p.name) for p in report.places})
        names = _Read({eid: next(e.name for e in report.entities if e.id == eid) for eid in named_ids(report)})
        info.claims = claims_for(report, places, names)  # type: ignore[arg-type]  # ids are place ids here
        info.read_places = None if places.all_read else {k: places.guess[k][1] for k in places.read}
        info.read_names = {k: names.guess[k] for k in names.read}
    return info


class _Read(dict):  # type: ignore[type-arg]
    """A dict that records which keys were read, or that all values were."""

    def __init__(self, guess: dict[str, Any]) -> None:
        super().__init__(guess)
        self.guess = guess
        self.read: set[str] = set()
        self.all_read = False

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            self.read.add(key)
        return super().get(key, default)

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        self.all_read = True
        return super().values()

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        self.all_read = True
        return super().items()

    def __iter__(self) -> Iterator[str]:
        self.all_read = True
        return super().__iter__()


def settle_claims(info: MergeInfo, place_canon: dict[str, tuple[int, str]], names: dict[str, str],
                  report: Callable[[], Report]) -> list[dict[str, Any]]:
    """The report's claim rows for the real canonical places and names: the helper's, when
    every entry its claims read holds the same name, else derived again from ``report()``."""
    if info.claims is not None and info.read_names is not None:
        read_places = info.read_places if info.read_places is not None else {
            p.id: p.gazetteer_name or p.name for p in info.places}
        if (all(place_canon[pid][1] == name for pid, name in read_places.items())
                and all(names[eid] == name for eid, name in info.read_names.items())):
            out = []
            for row in info.claims:
                row = dict(row)
                if row["canonical_place_id"] is not None:
                    row["canonical_place_id"] = place_canon[row["canonical_place_id"]][0]
                out.append(row)
            return out
    return claims_for(report(), place_canon, names)
