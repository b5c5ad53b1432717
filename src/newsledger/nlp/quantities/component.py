"""The ``newsledger_quantities_v1`` component: figures and time expressions.

Writes ``doc._.nl_quantities`` (list[Quantity]) and ``doc._.nl_times`` (list[TimeExpression]).
Reads ``doc._.nl_places`` and ``doc._.nl_entity_at`` when the places and entities layers ran,
and works without them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokSpan

from ...models import Quantity, Related, Span, TimeExpression
from ...settings import Settings
from ..extensions import warn
from .counts import VICTIM_TYPES, place_in_clause, read_count, single_victims
from .detect import Figure, conversions_of, find_figures
from .filters import masked, text_reason, token_reason
from .lexicon import lexicon
from .relations import change_of, counted_noun, read
from .times import find_times, parse_anchor

#: the counted noun joins the figure's span when it follows within this many characters
#: ("seven fronts", "1,100 public housing properties")
NOUN_JOIN_CHARS = 40
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: the text between a figure and its conversion: "$1.13bn (£600m)", "($74.6bn; £39.1bn)"
EQUIVALENT_GAP_RE = re.compile(r"^\s*[(;]\s*$|^\s*,?\s*or\s+$")
LOCATIVE_PREPS = frozenset({"in", "near", "at", "around", "outside", "inside"})


class _Index:
    """Where the places and entities of this document are, by character and token."""

    def __init__(self, doc: Doc) -> None:
        self.places: list[tuple[int, int, str]] = []
        for place in doc._.nl_places or []:
            for m in getattr(place, "mentions", []) or []:
                self.places.append((m.span.start, m.span.end, place.id))
        at = doc._.nl_entity_at
        self.entity_at: dict[int, str] = at if isinstance(at, dict) else {}
        # sentence starts, once per document (Span.sent walks the tokens on every call)
        self._sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self._starts = [s.start for s in self._sents]

    def sentence(self, tok_i: int) -> TokSpan:
        return self._sents[max(0, bisect.bisect_right(self._starts, tok_i) - 1)]

    def place_id(self, start: int, end: int) -> str | None:
        best = None
        for s, e, pid in self.places:
            if s < end and start < e and (best is None or e - s > best[1] - best[0]):
                best = (s, e, pid)
        return best[2] if best else None

    @staticmethod
    def _candidates(span: TokSpan) -> list[Token]:
        """The root, then the other words right to left, leaving out adjectives and
        demonyms ("Russian missile strike" is not Russia)."""
        rest = [t for t in reversed(span) if t is not span.root]
        return [span.root] + [t for t in rest if t.pos_ != "ADJ" and t.ent_type_ != "NORP"]

    def entity_id(self, span: TokSpan) -> str | None:
        for tok in self._candidates(span):
            eid = self.entity_at.get(tok.i)
            if eid:
                return eid
        return None

    def place_of(self, span: TokSpan) -> str | None:
        for tok in self._candidates(span):
            pid = self.place_id(tok.idx, tok.idx + len(tok))
            if pid:
                return pid
        return None


def _related(text: str, index: _Index, role: str, span: TokSpan) -> Related:
    return Related(
        role=role,
        span=Span.of(text, span.start_char, span.end_char),
        entity_id=index.entity_id(span),
        place_id=index.place_of(span),
    )


def _place_in_sentence(doc: Doc, index: _Index, sent: TokSpan) -> TokSpan | None:
    """Where a count happened: a place named in its sentence, preferring one after "in",
    "near" or "at", never a demonym ("Russian")."""
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e, _ in sorted(index.places)
             if sent.start_char <= s and e <= sent.end_char]
    spans += [ent for ent in sent.ents if ent.label_ in PLACE_LABELS]
    names = [sp for sp in spans if sp is not None and sp.root.pos_ != "ADJ" and sp.root.ent_type_ != "NORP"]
    located = [sp for sp in names if sp.root.dep_ == "pobj" and sp.root.head.lower_ in LOCATIVE_PREPS]
    best = located or names
    return best[0] if best else None


class Quantities:
    def __init__(self, nlp: Language, name: str, settings: Settings) -> None:
        self.name = name
        lexicon()  # compile the patterns once per process

    def __call__(self, doc: Doc) -> Doc:
        try:
            anchor = parse_anchor(doc._.nl_published)
            text = doc.text  # built from the tokens on each access: read it once
            times = self._times(doc, text, anchor)
            doc._.nl_times = times
            doc._.nl_quantities = self._quantities(doc, text, times)
        except Exception as exc:  # one odd document must not stop the batch
            warn(doc, f"quantities: skipped after {type(exc).__name__}: {exc}")
            doc._.nl_quantities = doc._.nl_quantities or []
            doc._.nl_times = doc._.nl_times or []
        return doc

    def _times(self, doc: Doc, text: str, anchor: dt.date | None) -> list[TimeExpression]:
        out = []
        for n, (s, e, r) in enumerate(find_times(doc, text, anchor), 1):
            resolved = r.kind == "date" or (r.kind == "relative" and r.value is not None)
            out.append(TimeExpression(
                article_id=doc._.nl_article_id, id=f"time-{n}", span=Span.of(text, s, e),
                kind=r.kind,  # type: ignore[arg-type]
                value=r.value, anchor=anchor.isoformat() if anchor and resolved else None,
                approximate=r.approximate,
            ))
        return out

    def _quantities(self, doc: Doc, text: str, times: list[TimeExpression]) -> list[Quantity]:
        masks = masked(text)
        index = _Index(doc)
        out: list[Quantity] = []
        figures = sorted(find_figures(text) + single_victims(doc), key=lambda f: f.start)
        busy = _token_indices(doc, [(f.start, f.end) for f in figures]
                              + [(t.span.start, t.span.end) for t in times])
        for fig in figures:
            q = self._one(doc, text, fig, masks, index, times, len(out) + 1, busy)
            if q is None:
                continue
            if out and EQUIVALENT_GAP_RE.match(text[out[-1].span.end:q.span.start]):
                # "$1.13bn (£600m)", "86.7bn Swiss francs ($74.6bn; £39.1bn)": a conversion
                # of the figure before it measures the same thing
                prev = out[-1]
                q = q.model_copy(update={
                    "measures": prev.measures, "head": prev.head, "related": prev.related,
                    "count_type": q.count_type or prev.count_type, "date": q.date or prev.date,
                })
            out.append(q)
        return out

    def _one(
        self, doc: Doc, text: str, fig: Figure, masks: list[tuple[int, int]], index: _Index,
        times: list[TimeExpression], n: int, busy: frozenset[int] = frozenset(),
    ) -> Quantity | None:
        if text_reason(text, fig, masks) or not _finite(fig):
            return None
        num = doc.char_span(fig.num_start, fig.num_end, alignment_mode="expand")
        if num is None or len(num) == 0:
            return None
        noun: Token | None = None
        if not fig.unit:
            noun = counted_noun(doc, num)
            if noun is not None and noun.i < num.start:
                noun = None
            if noun is not None and _as_unit(fig, noun):
                noun = None
        if token_reason(doc, text, fig, num, noun is not None):
            return None
        end = fig.end
        if (
            noun is not None and 0 <= noun.idx - fig.end <= NOUN_JOIN_CHARS
            and not any(c.isdigit() for c in text[fig.end:noun.idx])  # not past another figure
        ):
            end = noun.idx + len(noun)
        fig_span = doc.char_span(fig.num_start, end, alignment_mode="expand") or num
        reading = read(doc, fig_span, noun, fig.dimension, busy)
        root = noun if noun is not None else fig_span.root
        change = change_of(root, fig.negative, fig.dimension) or fig.change
        related = [_related(text, index, role, sp) for role, sp in reading.related]
        measures = reading.measures
        if change in ("up", "down") and reading.subject is not None and noun is None:
            # "profits jumped 76%": the figure measures the change of the subject
            measures = f"{'rise' if change == 'up' else 'fall'} in {reading.subject.text}"
        count_type = None
        unit, unit_text, dimension = fig.unit, fig.unit_text, fig.dimension
        if noun is not None:
            unit, unit_text, dimension = noun.lemma_.lower(), noun.text, "count"
        elif reading.implied_unit and not fig.unit:
            unit, dimension = reading.implied_unit, "count"
        if fig.unit is None:
            cr = read_count(doc, root, noun, num.end)
            count_type = cr.count_type or reading.implied_type
            if fig.kind == "single" and count_type not in VICTIM_TYPES:
                return None
            if count_type and dimension is None:
                dimension = "count"  # "arresting 12": a count of what the verb says
                actor = next((r.span.text for r in related if r.role == "actor"), None)
                measures = f"number {count_type}" + (f" by {actor}" if actor else "")
            if cr.victim is not None:
                related.append(_related(text, index, "victim", cr.victim))
            if cr.actor is not None and not any(r.role == "actor" for r in related):
                from .relations import noun_phrase

                related.append(_related(text, index, "actor", noun_phrase(cr.actor)))
            if count_type in VICTIM_TYPES and not any(r.place_id for r in related):
                place = place_in_clause(doc, index.places, root)
                if place is not None:
                    related.append(_related(text, index, "place", place))
            if count_type in VICTIM_TYPES and noun is not None and cr.cue is not None and cr.cue is not noun:
                measures = _victim_measures(noun, cr.cue, related)
        low, high = fig.low, fig.high
        si = None
        if fig.unit and fig.dimension != "count":
            si = (fig.value + fig.offset) * fig.factor
        qualifier_span = None
        if fig.qualifier:
            qs = fig.qualifier_start
            qualifier_span = Span.of(text, qs, qs + len(fig.qualifier))
        return Quantity(
            article_id=doc._.nl_article_id,
            id=f"qty-{n}",
            span=Span.of(text, fig.start, max(end, fig.end)),
            value=fig.value,
            low=low,
            high=high,
            vague=fig.vague,
            unit=unit,
            unit_text=unit_text,
            si_value=si,
            dimension=dimension,
            qualifier=fig.qualifier,
            qualifier_span=qualifier_span,
            bound=fig.bound,  # type: ignore[arg-type]
            change=change,  # type: ignore[arg-type]
            measures=measures,
            head=Span.of(text, reading.head.idx, reading.head.idx + len(reading.head))
            if reading.head is not None else None,
            related=related,
            count_type=count_type,
            date=_date_for(index.sentence(num.start), times),
            rate_per=fig.rate_per or reading.rate_per,
            conversions=conversions_of(text, fig),
        )


def _victim_measures(noun: Token, cue: Token, related: list[Related]) -> str:
    """"number of people killed by Russian missile strike in Poltava"."""
    from .counts import harm_words
    from .relations import noun_phrase

    what = harm_words(cue)
    text = f"number of {noun_phrase(noun).text} {what}"
    actor = next((r.span.text for r in related if r.role == "actor"), None)
    place = next((r.span.text for r in related if r.role in ("place", "in") and r.place_id), None)
    if actor:
        text += f" by {actor}"
    if place:
        text += f" in {place}"
    return text


def _finite(fig: Figure) -> bool:
    """JSON cannot carry inf or NaN; a figure that overflows is not one."""
    nums = [fig.value, fig.low, fig.high, (fig.value + fig.offset) * fig.factor]
    return all(n is None or math.isfinite(n) for n in nums)


def _token_indices(doc: Doc, spans: list[tuple[int, int]]) -> frozenset[int]:
    out: set[int] = set()
    for s, e in spans:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            out.update(range(sp.start, sp.end))
    return frozenset(out)


def _as_unit(fig: Figure, noun: Token) -> bool:
    """"tens of millions of dollars", "thousands of kilometres": the noun is the unit."""
    lex = lexicon()
    cur = lex.suffix_currency(noun.text)
    if cur is not None:
        fig.unit, fig.unit_text, fig.dimension, fig.currency = cur.code, noun.text, "currency", True
        fig.factor = cur.factor
        return True
    info = lex.unit(noun.text)
    if info is not None and len(noun.text) > 1:
        fig.unit, fig.unit_text, fig.dimension = info.unit, noun.text, info.dimension
        fig.factor, fig.offset = info.factor, info.offset
        return True
    return False


def _date_for(sent: TokSpan, times: list[TimeExpression]) -> str | None:
    """The date a figure refers to: a resolved date stated in its sentence."""
    for t in times:
        if (
            sent.start_char <= t.span.start < sent.end_char
            and t.kind == "date"
            and t.value
            and t.value[:1].isdigit()
        ):
            return t.value
    return None


def make_quantities(nlp: Language, name: str, settings: Settings) -> Any:
    return Quantities(nlp, name, settings)
