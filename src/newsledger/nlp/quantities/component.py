"""The ``newsledger_quantities`` layer: figures and time expressions.

Its records go to ``doc._.nl_quantities`` (list[Quantity]) and ``doc._.nl_times``
(list[TimeExpression]). Reads the places and entities (through the shared context) when
those layers ran, and works without them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokSpan

from ...models import Quantity, Related, TextSpan, TimeExpression
from ..component import record_cap, warn
from ..modality import figure_negated
from .config import QuantitiesConfig
from .counts import (
    VICTIM_TYPES,
    CountReading,
    displacement_places,
    place_in_clause,
    read_count,
    single_victims,
    within_place,
)
from .detect import Figure, conversions_of, find_figures
from .filters import masked, text_reason, token_reason
from .lexicon import lexicon
from .relations import LIGHT_VERBS, Reading, change_of, counted_noun, participle, read, subject_clause
from .times import find_times, parse_anchor

if TYPE_CHECKING:
    from ..context import Context

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: the text between a figure and its conversion: "$1.13bn (£600m)", "($74.6bn; £39.1bn)"
EQUIVALENT_GAP_RE = re.compile(r"^\s*[(;]\s*$|^\s*,?\s*or\s+$")
LOCATIVE_PREPS = frozenset({"in", "near", "at", "around", "outside", "inside"})


def _candidates(span: TokSpan) -> list[Token]:
    """The root, then the other words right to left, leaving out adjectives and
    demonyms ("Russian missile strike" is not Russia)."""
    rest = [t for t in reversed(span) if t.i != span.root.i]
    return [span.root] + [t for t in rest if t.pos_ != "ADJ" and t.ent_type_ != "NORP"]


def _entity_id(ctx: Context, span: TokSpan) -> str | None:
    for tok in _candidates(span):
        eid = ctx.entity_at.get(tok.i)
        if eid:
            return eid
    return None


def _place_of(ctx: Context, span: TokSpan) -> str | None:
    for tok in _candidates(span):
        pid = ctx.place_id(tok.idx, tok.idx + len(tok))
        if pid:
            return pid
    return None


def _related(text: str, ctx: Context, role: str, span: TokSpan) -> Related:
    return Related(
        role=role,
        span=TextSpan.of(text, span.start_char, span.end_char),
        entity_id=_entity_id(ctx, span),
        place_id=_place_of(ctx, span),
    )


def prepare() -> None:
    lexicon()  # compile the patterns once per process


def extract(doc: Doc, ctx: Context, cfg: QuantitiesConfig) -> list[Quantity | TimeExpression]:
    """The time expressions, then the figures (the wrapper splits them by type)."""
    anchor = parse_anchor(doc._.nl_published)
    times = _times(doc, ctx.text, anchor)
    return [*times, *_quantities(doc, ctx, cfg, times)]


def _times(doc: Doc, text: str, anchor: dt.date | None) -> list[TimeExpression]:
    out = []
    for n, (s, e, r) in enumerate(find_times(doc, text, anchor), 1):
        resolved = r.kind == "date" or (r.kind == "relative" and r.value is not None)
        out.append(TimeExpression(
            article_id=doc._.nl_article_id, id=f"time-{n}", span=TextSpan.of(text, s, e),
            kind=r.kind,  # type: ignore[arg-type]
            value=r.value, anchor=anchor.isoformat() if anchor and resolved else None,
            approximate=r.approximate,
        ))
    return out

def _quantities(doc: Doc, ctx: Context, cfg: QuantitiesConfig, times: list[TimeExpression]) -> list[Quantity]:
    text = ctx.text
    masks = masked(text)
    out: list[Quantity] = []
    figures = sorted(find_figures(text) + single_victims(doc), key=lambda f: f.start)
    busy = _token_indices(doc, [(f.start, f.end) for f in figures]
                          + [(t.span.start, t.span.end) for t in times])
    cap = record_cap(ctx)
    for fig in figures:
        if len(out) >= cap:  # the rest would be dropped by the wrapper: do not read them
            warn(ctx, "W205", "quantities", f"more than {cap:,} figures; the first {cap:,} are kept "
                 "(setting max_layer_records)")
            break
        q = _one(doc, ctx, cfg, fig, masks, times, len(out) + 1, busy)
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
    doc: Doc, ctx: Context, cfg: QuantitiesConfig, fig: Figure, masks: list[tuple[int, int]],
    times: list[TimeExpression], n: int, busy: frozenset[int] = frozenset(),
) -> Quantity | None:
    text = ctx.text
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
        noun is not None and 0 <= noun.idx - fig.end <= cfg.noun_join_chars
        and not any(c.isdigit() for c in text[fig.end:noun.idx])  # not past another figure
    ):
        end = noun.idx + len(noun)
    fig_span = doc.char_span(fig.num_start, end, alignment_mode="expand") or num
    reading = read(doc, fig_span, noun, fig.dimension, busy)
    root = noun if noun is not None else fig_span.root
    change = change_of(root, fig.negative, fig.dimension) or fig.change
    related = [_related(text, ctx, role, sp) for role, sp in reading.related]
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
            related.append(_related(text, ctx, "victim", cr.victim))
        if cr.actor is not None and not any(r.role == "actor" for r in related):
            from .relations import noun_phrase

            related.append(_related(text, ctx, "actor", noun_phrase(cr.actor)))
        if count_type == "displaced":
            _add_displacement(text, ctx, related, cr, noun, reading)
        elif (count_type is not None and count_type not in VICTIM_TYPES and noun is not None
              and (own := subject_clause(noun, busy)) is not None):
            # "150,000 Russian troops massed near the border": the verb the count is the
            # subject of says what was done and where
            verb, places = own
            for prep, obj in places:
                if not any(r.span.start == obj.start_char for r in related):
                    related.append(_related(text, ctx, prep, obj))
            if measures and verb.lemma_.lower() not in LIGHT_VERBS:
                measures = " ".join([measures, participle(verb),
                                     *(f"{p} {o.text}" for p, o in places)])
        # (a victim's nationality is no place of the count: "three ethnic Albanians", whose
        # demonym is a mention of Albania, were killed in Serbia; victims are people, so a
        # place on a victim is a nationality. An actor's place stays: "Kyiv reported" is the
        # state that reports, and the count's place is not looked for in that clause)
        if count_type in VICTIM_TYPES and not any(r.place_id for r in related if r.role != "victim"):
            place = place_in_clause(doc, ctx.place_spans, root)
            if place is not None:  # "within": the count is about a part of the place
                related.append(_related(text, ctx, "within" if within_place(place) else "place", place))
        if count_type in VICTIM_TYPES and noun is not None and cr.cue is not None and cr.cue.i != noun.i:
            measures = _victim_measures(noun, cr.cue, related)
    if noun is not None and _member_of(doc, fig, num):
        # "one of the soldiers", "one of three journalists": a member of a group, not a count
        # of what the clause says (no count type, so never a claim); the number and its
        # counted noun are kept as written, as NewsQuant annotates them ("1 soldiers")
        count_type = None
        measures = f"one of {doc[num.end + 1:max(noun.i + 1, num.end + 2)].text}"
        related = [r for r in related if r.role != "victim"]
    low, high = fig.low, fig.high
    si = None
    if fig.unit and fig.dimension != "count":
        si = (fig.value + fig.offset) * fig.factor
    qualifier_span = None
    if fig.qualifier:
        qs = fig.qualifier_start
        qualifier_span = TextSpan.of(text, qs, qs + len(fig.qualifier))
    return Quantity(
        article_id=doc._.nl_article_id,
        id=f"qty-{n}",
        span=TextSpan.of(text, fig.start, max(end, fig.end)),
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
        head=TextSpan.of(text, reading.head.idx, reading.head.idx + len(reading.head))
        if reading.head is not None else None,
        related=related,
        count_type=count_type,
        date=_date_for(ctx.sentence(num.start), times),
        rate_per=fig.rate_per or reading.rate_per,
        conversions=conversions_of(text, fig),
        negated=figure_negated(root),
    )


def _add_displacement(text: str, ctx: Context, related: list[Related], cr: CountReading,
                      noun: Token | None, reading: Reading) -> None:
    """The places of a count of displaced people by their role (left "from", went "to", are
    "in"), and its host: the subject of a verb that is no displacement of its own ("Moldova
    has taken in 100,000 refugees", "Poland expects a million refugees") receives them."""
    from .relations import noun_phrase

    for role, tok in displacement_places(cr.cue, noun, reading.verb):
        sp = noun_phrase(tok)  # its role here replaces the preposition the reading kept
        related[:] = [r for r in related if r.span.start != sp.start_char or r.role in ("actor", "victim")]
        related.append(_related(text, ctx, role, sp))
    if (noun is not None and cr.cue is not None and cr.cue.i == noun.i and reading.verb is not None
            and reading.subject is not None and reading.subject.root.i != noun.i):
        related.append(_related(text, ctx, "host", reading.subject))


def _member_of(doc: Doc, fig: Figure, num: TokSpan) -> bool:
    """Whether the figure is "one of" a group: the number one followed by "of" and a plural
    noun or another number ("one of the students", "one of three journalists")."""
    if fig.value != 1 or fig.unit or fig.is_range or num.end >= len(doc) or doc[num.end].lower_ != "of":
        return False
    obj = next((c for c in doc[num.end].children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.tag_ in ("NNS", "NNPS") or obj.like_num or obj.pos_ == "NUM")


def _victim_measures(noun: Token, cue: Token, related: list[Related]) -> str:
    """"number of people killed by Russian missile strike in Poltava"."""
    from .counts import harm_words
    from .relations import noun_phrase

    what = harm_words(cue)
    text = f"number of {noun_phrase(noun).text} {what}"
    actor = next((r.span.text for r in related if r.role == "actor"), None)
    where = next((r for r in related if r.role in ("place", "in", "within") and r.place_id), None)
    place = None if where is None else (f"part of {where.span.text}" if where.role == "within" else where.span.text)
    if actor:
        text += f" by {actor}"
    for role in ("from", "to"):  # a displacement's way: "fled from Mariupol to Zaporizhzhia"
        way = next((r for r in related if r.role == role and r.place_id), None)
        if way is not None:
            text += f" {role} {way.span.text}"
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


#: words before a date that make it the bound of a period, not the date of a figure: "killed
#: since 2014" is a total up to now, not a figure of 2014
PERIOD_BOUND_WORDS = frozenset({"since", "from", "until", "till", "before", "after"})


def _date_for(sent: TokSpan, times: list[TimeExpression]) -> str | None:
    """The date a figure refers to: a resolved date stated in its sentence that is not the
    bound of a period ("since 2014")."""
    doc = sent.doc
    for t in times:
        if (
            sent.start_char <= t.span.start < sent.end_char
            and t.kind == "date"
            and t.value
            and t.value[:1].isdigit()
        ):
            first = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
            if first is not None and first.start > 0 and doc[first.start - 1].lower_ in PERIOD_BOUND_WORDS:
                continue
            return t.value
    return None
