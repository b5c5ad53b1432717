"""The ``newsledger_places_v1`` component: ``doc._.nl_places`` as list[Place].

Runs after ner_repair and before entities, so it may relabel entities the model got wrong
("Kursk" as PRODUCT) as GPE. Never raises: a failure is recorded as a warning on the Doc.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...geo import Candidate, Gazetteer, get_gazetteer
from ...models import Place, PlaceMention
from ...models import Span as TextSpan
from ...settings import Settings
from ..extensions import warn
from .lexicon import Lexicon, lexicon
from .mentions import RawMention, find_mentions
from .ranker import CommonWords
from .resolve import resolve

log = logging.getLogger(__name__)


def build_places(doc: Doc, mentions: list[RawMention],
                 resolved: list[tuple[Candidate | None, float]], gaz: Gazetteer, text: str) -> list[Place]:
    """Group mentions by the place they resolve to (unknown names by their text)."""
    order: list[object] = []
    members: dict[object, list[int]] = {}
    for i, (cand, _) in enumerate(resolved):
        key: object = cand.gid if cand is not None else ("?", mentions[i].text.casefold())
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
            places.append(Place(resolved=False, **common))
            continue
        a1 = gaz.get(cand.admin1) if cand.admin1 and cand.admin1 != cand.gid else None
        places.append(Place(
            resolved=True, geonameid=cand.geonameid, gazetteer_name=cand.name,
            feature_class=cand.fclass, feature_code=cand.fcode, country_code=cand.cc,
            admin1=a1.name if a1 else None, lat=cand.lat, lon=cand.lon, confidence=conf, **common))
    return places


class PlacesComponent:
    def __init__(self, settings: Settings, nlp: Language | None = None) -> None:
        self.settings = settings
        self.common = CommonWords(nlp) if nlp is not None else None  # the common-word guard
        self._gaz: Gazetteer | None = None
        self._lex: Lexicon | None = None
        self._unavailable: str | None = None  # why the gazetteer cannot be opened, once known

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:  # lazily: the first document opens (or builds) the gazetteer
            self._gaz = get_gazetteer(self.settings)
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        doc._.nl_places = []
        if self._unavailable is None and self._gaz is None:
            try:
                self.gaz  # noqa: B018 - open (or build) once; a failure is not retried per document
            except Exception as exc:
                log.exception("the gazetteer cannot be opened")
                self._unavailable = f"{type(exc).__name__}: {exc}"
        if self._unavailable is not None:
            warn(doc, f"places: gazetteer unavailable ({self._unavailable}); places skipped")
            return doc
        try:
            self._lex = self._lex or lexicon()
            text = doc.text
            mentions, relabel = find_mentions(doc, self._lex, self.gaz, text)
            demonyms = Counter(self._lex.demonyms[e.text] for e in doc.ents
                               if e.label_ == "NORP" and e.text in self._lex.demonyms)
            resolved = resolve(mentions, self.gaz, demonyms, self._lex.demonyms, is_common=self.common)
            doc._.nl_places = build_places(doc, mentions, resolved, self.gaz, text)
            if relabel:
                _relabel(doc, relabel)
        except Exception as exc:  # never fatal: one odd document must not stop a batch
            log.exception("places failed on %s", doc._.nl_article_id)
            warn(doc, f"places: {type(exc).__name__}: {exc}")
        return doc


def _relabel(doc: Doc, spans: list[Span]) -> None:
    ids = {(s.start, s.end) for s in spans}
    doc.ents = [Span(doc, e.start, e.end, label="GPE") if (e.start, e.end) in ids else e
                for e in doc.ents]


def make_places(nlp: Language, name: str, settings: Settings) -> PlacesComponent:
    return PlacesComponent(settings, nlp)
