"""The ``newsledger_events`` layer: clauses -> PLOVER events mapped to ACLED and CAMEO.

Runs last. Reads the parse and, through the shared context, the entities (actors), places
(locations, countries of places), quantities and times (figures and dates) and quotes
(statements), each optional: a layer that is missing or empty only makes the events poorer.
Its records go to ``doc._.nl_events``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ...models import Event, EventActor, Quote, TextSpan
from ..component import warn
from . import arguments, clauses, coder, lexicon, mapping, select
from .actors import DocContext
from .coder import Draft, code_sentence
from .config import EventsConfig

if TYPE_CHECKING:
    from ..context import Context

#: statement sources by the quote layer's source type -> actor sector
SOURCE_SECTORS = {"government": "government", "military": "military", "intelligence": "intelligence",
                  "expert": "experts", "media": "media"}


def prepare() -> None:
    lexicon.load()


def extract(doc: Doc, shared: Context, cfg: EventsConfig) -> list[Event]:
    return _Coder(lexicon.load(), cfg).events(doc, shared)


class _Coder:
    def __init__(self, lex: lexicon.Lexicon, cfg: EventsConfig) -> None:
        self.lex = lex
        self.cfg = cfg

    def events(self, doc: Doc, shared: Context) -> list[Event]:
        ctx = DocContext.of(shared, self.lex, self.cfg.max_country_distance, self.cfg.min_place_confidence)
        drafts: list[tuple[SpacySpan, Draft]] = []
        for sent in shared.sents:
            try:
                drafts.extend((sent, d) for d in code_sentence(sent, ctx))
            except Exception as exc:
                warn(shared, "W204", "events",
                     f"sentence at {sent.start_char} skipped ({type(exc).__name__}: {exc})")
        quotes = list(shared.records("quotes") or [])
        records = [self._record(doc, ctx, sent, d, quotes) for sent, d in drafts]
        records += self._statements(doc, ctx, quotes, records)
        records.sort(key=lambda e: (e.trigger.start, e.trigger.end))
        return select.rank(doc, [e.model_copy(update={"id": f"ev-{i + 1}"}) for i, e in enumerate(records)])

    def _record(self, doc: Doc, ctx: DocContext, sent: SpacySpan, d: Draft, quotes: list[Quote]) -> Event:
        text = ctx.text
        start, end = doc[d.start].idx, doc[d.end - 1].idx + len(doc[d.end - 1].text)
        chars = arguments.clause_chars(d.trigger, d.anchor)
        chars += [(t.idx, t.idx + len(t.text)) for t in d.extra_quantity_tokens]
        date, basis = arguments.date(doc, chars)
        shared = (arguments.simultaneous_time(d.anchor) or arguments.coordinated_time(d.anchor)
                  or arguments.complement_time(d.anchor, d.modality) if basis != "text" else [])
        if shared:  # "rose last year when Russia cut its supplies": the matrix's date
            m_date, m_basis = arguments.date(doc, shared)
            if m_basis == "text":
                date, basis = m_date, m_basis
        quote_id, modality, source = None, d.modality, d.source
        for q in quotes:
            if q.cue is not None and q.cue.start <= start < q.cue.end:
                quote_id = q.id
                source = source or _named_someone(_attribution_actor(q, doc, self.lex, ctx), doc, ctx)
                break
            if any(c.start <= start < c.end for c in q.content):
                quote_id = q.id
                modality = "reported" if modality == "asserted" else modality
                break
        kind = d.kind
        if (kind == "territory-gain" and source and d.target and source.country_code
                and source.country_code == d.target.country_code):
            kind = "territory-regain"  # a state's forces taking back its own territory
        row = mapping.lookup(self.lex, d.plover_type, d.plover_mode, kind,
                             source.sector if source else None, d.target.sector if d.target else None)
        acled = d.acled or mapping.AcledCode(row.acled_event_type, row.acled_sub_event_type)
        return Event(
            article_id=doc._.nl_article_id or "",
            id="",
            trigger=TextSpan.of(text, start, end),
            sentence=TextSpan.of(text, sent.start_char, sent.end_char),
            plover_type=d.plover_type,
            plover_mode=d.plover_mode,
            acled_event_type=acled.event_type,
            acled_sub_event_type=acled.sub_event_type,
            non_acled=acled.non_acled,
            cameo_root=row.cameo_root,
            source_actor=source,
            target_actor=d.target,
            place_id=d.place.id if d.place else None,
            location=d.location,
            date=date,
            date_basis=basis,  # type: ignore[arg-type]
            quantity_ids=arguments.quantity_ids(doc, chars),
            quote_id=quote_id,
            modality=modality,  # type: ignore[arg-type]
            generic=d.generic or arguments.habitual(d.anchor) or arguments.habitual_present(d.trigger, d.plover_type) or (
                arguments.standing_position(d.trigger, d.plover_type, modality, self.lex.speech_verbs)) or (basis == "text" and arguments.background(
                date, getattr(doc._, "nl_published", None), self.cfg.background_days)) or (
                basis == "published" and self._history(doc, d)),
            country_inferred=d.country_inferred,
            confidence=d.confidence,
        )

    def _history(self, doc: Doc, d: Draft) -> bool:
        """An act the text does not date but tells as history: after a date of history in
        its paragraph, recalled, promised for a time long past, or in the past perfect."""
        published, days = getattr(doc._, "nl_published", None), self.cfg.background_days
        return (arguments.told_in_history(doc, d.trigger, d.anchor, published, days)
                or arguments.recalled(d.anchor) or arguments.promised_in_history(doc, d.anchor, published, days)
                or arguments.pluperfect(d.anchor))

    def _statements(self, doc: Doc, ctx: DocContext, quotes: list[Quote], coded: list[Event]) -> list[Event]:
        """Quotes whose cue verb is itself an event word ("accused", "warned", "downplayed")."""
        taken = {e.trigger.start for e in coded}
        out = []
        bags: dict[int, mapping.Bag] = {}  # one per sentence, however many cues it holds
        for q in quotes:
            if q.cue is None or q.source is None or q.source.span is None:
                continue
            if any(q.cue.start <= s < q.cue.end for s in taken):
                continue
            span = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            entries = self.lex.triggers.get((tok.lemma_.lower(), "V"), [])
            speaker = _attribution_actor(q, doc, self.lex, ctx)
            source = _agent(speaker, doc, ctx)
            sector = source.sector if source is not None else None
            entry = next((e for e in entries if not e.needs and
                          (not e.actor_sectors or sector in e.actor_sectors)), None)
            if entry is None or coder.not_an_act(entry.plover_type, tok, self.lex) or coder.poll_subject(
                    clauses.subject(tok)):
                continue  # "was asked whether ...": a question, not a request
            sent = tok.sent
            if coder.title_case_verb(tok, sent):
                continue  # a headline of another story run into the text
            row = mapping.lookup(self.lex, entry.plover_type, entry.plover_mode, entry.kind, sector)
            if sent.start not in bags:
                bags[sent.start] = mapping.Bag(sent)
            bag = bags[sent.start]
            acled = mapping.acled_code(entry.plover_type, entry.plover_mode, entry.kind, source, None, bag)
            date, basis = arguments.date(doc, [(sent.start_char, sent.end_char)])
            out.append(Event(
                article_id=doc._.nl_article_id or "", id="", trigger=q.cue,
                sentence=TextSpan.of(ctx.text, sent.start_char, sent.end_char),
                plover_type=entry.plover_type, plover_mode=entry.plover_mode,
                acled_event_type=acled.event_type, acled_sub_event_type=acled.sub_event_type,
                non_acled=acled.non_acled, cameo_root=row.cameo_root, source_actor=source, date=date,
                date_basis=basis,  # type: ignore[arg-type]
                quote_id=q.id, confidence=self.cfg.statement_confidence,
            ))
        return out


def _named_someone(actor: EventActor | None, doc: Doc, ctx: DocContext) -> EventActor | None:
    """No actor from an adjective the quotes layer took as a speaker ("worst of all,
    supported"); a demonym names its country."""
    if actor is None:
        return None
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is not None and span.root.pos_ == "ADJ" and ctx.country_in_words([span.root.text]) is None:
        return None
    return _agent(actor, doc, ctx)


def _agent(actor: EventActor, doc: Doc, ctx: DocContext) -> EventActor | None:
    """A text the quotes layer took as a speaker ("..., the letter states") is an instrument,
    not an actor (PLOVER): its issuer when its phrase names one, else no actor."""
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is None or not ctx.is_text(span.root):
        return actor
    return ctx.actor(span.root)


def _attribution_actor(q: Quote, doc: Doc, lex: lexicon.Lexicon, ctx: DocContext | None = None) -> EventActor:
    src = q.source
    assert src is not None and src.span is not None
    if ctx is None:
        from ..context import context_of

        ctx = DocContext.of(context_of(doc), lex)
    code = ctx.entity_country.get(src.entity_id) if src.entity_id else None
    words = " ".join(x for x in (src.span.text, src.affiliation, src.name) if x)
    code = code or ctx.country_in_words(words.split())
    sector = SOURCE_SECTORS.get(src.source_type)
    return EventActor(span=src.span, name=src.name or src.span.text, entity_id=src.entity_id,
                      country_code=code, sector=sector)
