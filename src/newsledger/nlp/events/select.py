"""Pick a sentence's or a report's main event: the coded event highest in the parse tree.

"X agreed to cooperate" is AGREE, not COOPERATE; "X threatened to shell Y" is THREATEN.
The main event is the one whose trigger is closest to the sentence root; ties go to the
earlier trigger. Extension types (STATEMENT) are used only when nothing else was coded, and
an event without any actor is never a main event: PLOVER codes who did what, and a bare
"the battle" or "aid" names no one.

With ``acled_first`` (the lead event of a report, and the CASE evaluation), occurrences
that ACLED codes come before acts outside its scope, and an event of ACLED's without a
named actor ("a grenade exploded at a school") may lead: ACLED codes unnamed actors.
Only occurrences qualify then (asserted or reported, not generic).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...models import Event
from . import clauses

#: event types outside PLOVER proper (see docs/events.md)
EXTENSION_TYPES = frozenset({"STATEMENT"})
#: modalities of an occurrence: reported as having happened or happening
OCCURRENCE_MODALITIES = frozenset({"asserted", "reported"})


def _depth(doc: Doc, e: Event) -> int:
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return min((clauses.depth(t) for t in span), default=99) if span is not None else 99


def main_event(doc: Doc, events: list[Event], plover_only: bool = True, acled_first: bool = False) -> Event | None:
    best: tuple[int, ...] | None = None
    chosen = None
    for e in events:
        ext = e.plover_type in EXTENSION_TYPES
        no_actor = e.source_actor is None and e.target_actor is None
        if acled_first:
            if e.generic or e.modality not in OCCURRENCE_MODALITIES:
                continue
            acled = e.acled_sub_event_type is not None
            if no_actor and not acled:
                continue
            key: tuple[int, ...] = (int(not acled), int(ext), int(no_actor), _depth(doc, e), e.trigger.start)
        else:
            if (ext and plover_only) or no_actor:
                continue
            key = (int(ext), _depth(doc, e), e.trigger.start)
        if best is None or key < best:
            best, chosen = key, e
    if chosen is None and acled_first:
        return main_event(doc, events, plover_only)
    return chosen
