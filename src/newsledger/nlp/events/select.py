"""Pick a sentence's main event: the coded event highest in the parse tree.

"X agreed to cooperate" is AGREE, not COOPERATE; "X threatened to shell Y" is THREATEN.
The main event is the one whose trigger is closest to the sentence root; ties go to the
earlier trigger. Extension types (STATEMENT) are used only when nothing else was coded, and
an event without any actor is never a main event: PLOVER codes who did what, and a bare
"the battle" or "aid" names no one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...models import Event
from . import clauses

#: event types outside PLOVER proper (see docs/events.md)
EXTENSION_TYPES = frozenset({"STATEMENT"})


def main_event(doc: Doc, events: list[Event], plover_only: bool = True) -> Event | None:
    best: tuple[int, int, int] | None = None
    chosen = None
    for e in events:
        ext = e.plover_type in EXTENSION_TYPES
        if (ext and plover_only) or (e.source_actor is None and e.target_actor is None):
            continue
        span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        depth = min((clauses.depth(t) for t in span), default=99) if span is not None else 99
        key = (int(ext), depth, e.trigger.start)
        if best is None or key < best:
            best, chosen = key, e
    return chosen
