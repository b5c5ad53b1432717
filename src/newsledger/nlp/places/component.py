"""The ``newsledger_places`` layer: ``doc._.nl_places`` as list[Place].

Runs after ner_repair and before entities, so it may relabel entities the model got wrong
("Kursk" as PRODUCT) as GPE. The gazetteer comes from the process settings (its cache
directory), never from the layer's config. A gazetteer that cannot be opened is a W203
warning on each document, tried once per path and process.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from ...geo import Candidate, Gazetteer, get_gazetteer
from ...geo.gazetteer import gazetteer_path
from ...models import PLACE_SHOWN_CONFIDENCE, Place, PlaceMention, TextSpan
from ...settings import get_settings
from ..component import warn
from .config import PlacesConfig
from .lexicon import lexicon
from .mentions import RawMention, find_mentions
from .ranker import CommonWords
from .resolve import resolve

if TYPE_CHECKING:
    from ..context import Context

log = logging.getLogger(__name__)


def build_places(doc: Doc, mentions: list[RawMention],
                 resolved: list[tuple[Candidate | None, float]], gaz: Gazetteer, text: str,
                 shown_confidence: float = PLACE_SHOWN_CONFIDENCE) -> list[Place]:
    """Group mentions by the place they resolve to (unknown names, and facilities placed at a
    place the article names, by their text); a resolved place is shown by default from
    ``shown_confidence``."""
    order: list[object] = []
    members: dict[object, list[int]] = {}
    for i, (cand, _) in enumerate(resolved):
        key: object = cand.gid if cand is not None and not cand.is_site else ("?", mentions[i].text.casefold())
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append(i)
    places = []
    for n, key in enumerate(order):
        idx = members[key]
        cand, conf = resolved[idx[0]]
        ms = [mentions[i] for i in idx]
        pms = [PlaceMention(span=TextSpan.of(text, m.start, m.span_end), metonymic=m.metonymic,
                            qualifier=m.qualifier) for m in ms]
        named = [m for m in ms if m.qualifier != "demonym"] or ms
        name = max((m.full or m.text for m in named), key=len)
        if cand is not None and all(m.qualifier == "demonym" for m in ms):
            name = cand.name
        event = any((m.locative or m.dateline) and not m.metonymic and m.qualifier != "organisation"
                    for m in ms)
        common: dict[str, Any] = {
            "article_id": doc._.nl_article_id or "", "id": f"place-{n + 1}", "name": name,
            "mentions": pms, "role": "event" if event else "mentioned"}
        if cand is None:
            places.append(Place(resolved=False, shown=False, **common))
            continue
        a1 = gaz.get(cand.admin1) if cand.admin1 and cand.admin1 != cand.gid else None
        common["shown"] = conf >= shown_confidence
        if cand.is_site:  # a facility or street, at the point of the place named that contains
            # it (no GeoNames id of its own; feature code: that place's, for its precision)
            places.append(Place(
                resolved=True, feature_class="S", feature_code=cand.fcode, country_code=cand.cc,
                admin1=a1.name if a1 else (cand.name if cand.admin_level == 1 else None),
                lat=cand.lat, lon=cand.lon, confidence=conf, **common))
            continue
        places.append(Place(
            resolved=True, geonameid=cand.geonameid, gazetteer_name=cand.name,
            feature_class=cand.fclass, feature_code=cand.fcode, country_code=cand.cc,
            admin1=a1.name if a1 else None, lat=cand.lat, lon=cand.lon, confidence=conf, **common))
    return places


#: gazetteer path -> why it cannot be opened; a failure is not retried on every document
_UNAVAILABLE: dict[str, str] = {}


def _gazetteer(ctx: Context) -> Gazetteer | str:
    """The gazetteer of the running settings, or why it cannot be opened."""
    settings = ctx.settings or get_settings()
    key = str(gazetteer_path(settings))
    if key in _UNAVAILABLE:
        return _UNAVAILABLE[key]
    try:
        return get_gazetteer(settings)  # opened (or built) once per process and path
    except Exception as exc:
        log.exception("the gazetteer cannot be opened")
        _UNAVAILABLE[key] = f"{type(exc).__name__}: {exc}"
        return _UNAVAILABLE[key]


#: id of a pipeline -> its common-word guard (built once per pipeline)
_COMMON: dict[int, CommonWords] = {}


def _common_words(nlp: Any) -> CommonWords | None:
    """The common-word guard over this pipeline's tagger (None outside a pipeline)."""
    if nlp is None:
        return None
    guard = _COMMON.get(id(nlp))
    if guard is None or guard.nlp is not nlp:
        guard = _COMMON[id(nlp)] = CommonWords(nlp)
    return guard


def prepare() -> None:
    lexicon()


def extract(doc: Doc, ctx: Context, cfg: PlacesConfig) -> list[Place]:
    """The places of the document; stages the relabelling of mislabelled place names as GPE."""
    gaz = _gazetteer(ctx)
    if isinstance(gaz, str):
        warn(ctx, "W203", "places", f"gazetteer unavailable ({gaz}); places skipped")
        return []
    lex = lexicon()
    mentions, relabel = find_mentions(doc, lex, gaz, ctx.text, min_relabel_pop=cfg.min_relabel_pop)
    demonyms = Counter(lex.demonyms[e.text] for e in doc.ents
                       if e.label_ == "NORP" and e.text in lex.demonyms)
    resolved = resolve(mentions, gaz, demonyms, lex.demonyms, is_common=_common_words(ctx.nlp),
                       abstain_p=cfg.abstain_p)
    places = build_places(doc, mentions, resolved, gaz, ctx.text, cfg.shown_confidence)
    if relabel:
        ctx.stage_ents(_relabelled(doc, relabel))
    return places


def _relabelled(doc: Doc, spans: list[Span]) -> list[Span]:
    ids = {(s.start, s.end) for s in spans}
    return [Span(doc, e.start, e.end, label="GPE") if (e.start, e.end) in ids else e
            for e in doc.ents]
