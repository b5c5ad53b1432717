"""An actor's country from its sentence, when its own words, entity and links give none.

News names a head of state, a minister or a local group without its country when the
sentence already says where the story is: "President Levy Mwanawasa has reneged on his
commitment to the Zambian people", "President Laurent Gbagbo will extend the curfew in
Abidjan", "Islamic fundamentalists ... demand the resignation of Algerian President Ben
Bella". The sentence's country words (names, demonyms, capitals, resolved places) are
candidates; those inside the other actor's phrase are left out when both actors are of the
same kind ("The German government welcomed President Reagan's statement": Reagan is not
German), since two governments (or two unknowns) facing each other are usually of two
countries, while a government and its rebels, police or protesters usually share one.
The nearest remaining candidate wins. Only actors that still lack a country are touched,
so the explicit evidence of :mod:`.actors` always comes first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from spacy.tokens import Span as SpacySpan

from ...models import EventActor, TextSpan
from .actors import DocContext

#: sectors that are a state's own organs: two such actors facing each other in one sentence
#: are taken to be of two states, so neither takes the other's country
STATE_SECTORS = frozenset({"government", "military", "legislature", "judiciary", "intelligence"})
#: sectors that speak about other countries more than they belong to one ("a Russia expert
#: at ITSS Verona", "a correspondent in Kyiv"): never given a country from the sentence
NOT_CONTEXT_SECTORS = frozenset({"experts", "media"})
#: The farthest a country word may be from the actor is the layer's config value
#: ``EventsConfig.max_country_distance`` (see :mod:`.config` for how it was set).


class HasActors(Protocol):
    source: EventActor | None
    target: EventActor | None
    location: TextSpan | None


def _distance(start: int, end: int, actor: EventActor) -> int:
    if end <= actor.span.start:
        return actor.span.start - end
    if start >= actor.span.end:
        return start - actor.span.end
    return 0


def _same_kind(actor: EventActor, other: EventActor) -> bool:
    """Both state organs, or either of unknown sector: keep their countries apart."""
    if actor.sector is None or other.sector is None:
        return True
    return actor.sector in STATE_SECTORS and other.sector in STATE_SECTORS


def _extent(actor: EventActor, ctx: DocContext) -> tuple[int, int]:
    """The actor's whole phrase with its dependents ("the president of Armenia", "the United
    States and Israel"), in characters."""
    span = ctx.doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is None:
        return actor.span.start, actor.span.end
    root = span.root
    last = root.right_edge
    return min(root.left_edge.idx, actor.span.start), max(last.idx + len(last.text), actor.span.end)


def pick(actor: EventActor, other: EventActor | None, mentions: list[tuple[int, int, str]],
         ctx: DocContext, other_is_place: bool = False) -> str | None:
    """The country of the best country word of the sentence that may be the actor's: words
    outside the other actor's phrase first, then (when the two are of different kinds) the
    other actor's; the nearest within each."""
    best: tuple[int, int, str] | None = None
    own = (actor.span.start, actor.span.end)
    apart = other is not None and not other_is_place and _same_kind(actor, other)
    o_start, o_end = _extent(other, ctx) if other is not None else (0, 0)
    for start, end, code in mentions:
        in_other = o_start <= start < o_end and not own[0] <= start < own[1]
        if in_other and apart:
            continue
        dist = _distance(start, end, actor)
        if dist > ctx.max_country_distance:
            continue
        key = (1 if in_other else 0, dist, code)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _eligible(actor: EventActor, ctx: DocContext) -> bool:
    """Not an organisation of unknown kind, which may as well be international ("the
    Ceasefire Violations Committee"); people, groups and state organs are, unless their own
    phrase names several states ("the presidents of Kenya, Ghana and Senegal"): no one
    country of the sentence is theirs."""
    span = ctx.doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is not None and ctx.several_states_attached(span.root):
        return False
    if actor.sector is not None:
        return actor.sector not in NOT_CONTEXT_SECTORS
    ent = ctx.entities.get(actor.entity_id) if actor.entity_id else None
    if ent is not None:
        return ent.label != "ORG"
    return span is None or span.root.ent_type_ != "ORG"


def _is_place(actor: EventActor, ctx: DocContext) -> bool:
    """A town or region as the other actor ("a curfew in Algiers"), not a state ("Russia")."""
    span = ctx.doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is None or ctx.country_in_words([t.text for t in span]) is not None:
        return False
    root = span.root
    return root.i in ctx.place_at or root.ent_type_ in ("GPE", "LOC", "FAC")


def fill_countries(drafts: Iterable[HasActors], sent: SpacySpan, ctx: DocContext) -> None:
    """Give each actor without a country the nearest fitting country word of its sentence."""
    drafts = list(drafts)
    if not drafts:
        return
    mentions = ctx.sentence_countries(sent)
    if not mentions:
        return
    for d in drafts:
        if d.source is not None and not d.source.country_code and _eligible(d.source, ctx):
            code = pick(d.source, d.target, mentions, ctx, d.target is not None and (
                d.target.span == d.location or _is_place(d.target, ctx)))
            if code:
                d.source = d.source.model_copy(update={"country_code": code})
        if d.target is not None and not d.target.country_code and _eligible(d.target, ctx):
            code = pick(d.target, d.source, mentions, ctx)
            if code:
                d.target = d.target.model_copy(update={"country_code": code})
