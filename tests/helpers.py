"""Re-exported test helpers (import as ``from helpers import analyze_text``)."""

from conftest import SHARED, analyze_text
from newsledger.models import Event, Quote


def quotes_with(text: str, phrase: str) -> list[Quote]:
    """The quotes the real pipeline finds in ``text`` whose content holds ``phrase``."""
    return [q for q in analyze_text(text).quotes if any(phrase in c.text for c in q.content)]


__all__ = ["EVENT_LEAD", "SHARED", "analyze_text", "event_at", "one_quote", "only_quote", "quotes_with",
           "source_text", "speaker_name"]


def only_quote(text: str, phrase: str) -> Quote:
    """The one quote of ``text`` whose content holds ``phrase`` (asserts there is exactly one)."""
    (q,) = quotes_with(text, phrase)
    return q


def speaker_name(q: Quote) -> str | None:
    """The name the quote's source resolved to, or None."""
    return q.source.name if q.source is not None else None


def one_quote(text: str, phrase: str, cue: str) -> Quote:
    """The quote of ``text`` holding ``phrase`` whose cue is ``cue`` (asserts there is one)."""
    found = [q for q in quotes_with(text, phrase) if q.cue is not None and q.cue.text == cue]
    assert found, f"no quote with cue {cue!r} holds {phrase!r}"
    return found[0]


def source_text(q: Quote) -> str:
    """The words of the quote's source span (asserts it has one)."""
    assert q.source is not None and q.source.span is not None
    return q.source.span.text


#: A first sentence for event tests, so that the sentence under test is no heading.
EVENT_LEAD = "Fighting continued near the border on Tuesday. "


def event_at(text: str, trigger: str, published: str) -> Event:
    """The first event the real pipeline finds in ``text`` (published on ``published``) whose
    trigger starts with ``trigger`` (asserts there is one)."""
    events = [e for e in analyze_text(text, published=published).events if e.trigger.text.startswith(trigger)]
    assert events, f"no event {trigger!r} in {text!r}"
    return events[0]
