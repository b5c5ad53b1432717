"""The ``newsledger_quotes`` layer: who said what (records for ``doc._.nl_quotes``).

Reads the entities layer's records through the shared context; when that layer is not in
the pipeline, the context computes them with its defaults, so the layer works alone in a
plain spaCy pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ...models import Attribution, Quote, TextSpan
from ..component import warn
from .candidate import Candidate
from .confidence import content_form, measured, record_confidence
from .config import QuotesConfig
from .cues import find_cues, quoted_complement_cues, that_clause_cues
from .direct import Linker
from .headlines import headline_cues
from .lexicon import Lexicon, lexicon
from .marks import Region, scan
from .speakers import SpeakerResolver

if TYPE_CHECKING:
    from ..context import Context

_LINE = re.compile(r"[^\n]+")
_ALNUM = re.compile(r"[^\W_]")
def _token_flags(ix: Context, spans: Iterable[tuple[int, int]]) -> bytearray:
    """1 for every token that starts inside one of the character spans."""
    flags = bytearray(len(ix.idx))
    for start, end in spans:
        toks = ix.tokens_in(start, end)
        flags[toks.start:toks.stop] = b"\x01" * len(toks)
    return flags


def quote_flags(ix: Context, regions: list[Region]) -> bytearray:
    """1 for every token that starts inside a quotation."""
    return _token_flags(ix, ((r.start, r.end) for r in regions))


def reported_flags(ix: Context, cands: list[Candidate]) -> bytearray:
    """1 for every token inside the content of a quote: the reported words, whether the
    quotation marks were found or not ("- … Casus Bella … - said Scholz" in a paragraph that
    also holds a quotation)."""
    return _token_flags(ix, (span for c in cands for span in c.content))


def first_person(doc: Doc, cands: list[Candidate], sources: dict[int, Attribution | None],
                 links: dict[int, str], para_starts: list[int], persons: set[str]) -> None:
    """"I will say that …" outside quotation marks is a quotation whose marks the text lost (a
    dash quotation run together with other text, an interview's answer): its speaker is the
    person named as the speaker of the next quote in the paragraph ("- … I know … - said
    Kishida"), else of the previous one. The link is ``carried``."""
    def para(c: Candidate) -> int:
        return bisect_right(para_starts, doc[c.anchor].idx) - 1

    ordered = sorted((c for c in cands if c.inherit is None), key=lambda c: c.anchor)
    for k, c in enumerate(ordered):
        if c.source is None or c.source.lower_ != "i" or links.get(id(c)) != "unresolved":
            continue
        here = para(c)
        later = [d for d in ordered[k + 1:] if para(d) == here]
        earlier = [d for d in reversed(ordered[:k]) if para(d) == here]
        for d in later + earlier:
            att = sources.get(id(d))
            if att is not None and att.named and att.entity_id in persons and links.get(id(d)) != "unresolved":
                sources[id(c)] = att.model_copy(update={"span": sources[id(c)].span})  # type: ignore[union-attr]
                links[id(c)] = "carried"
                break


def quoted_parts(content: list[tuple[int, int]], regions: list[Region]) -> list[tuple[int, int]]:
    out = []
    for a, b in content:
        for r in regions:
            if r.start >= b:
                break
            lo, hi = max(a, r.start), min(b, r.end)
            if hi > lo:
                out.append((lo, hi))
    return out


def form_of(text: str, content: list[tuple[int, int]], quoted: list[tuple[int, int]],
            direct_slack: int = QuotesConfig().direct_slack) -> str:
    """direct, mixed or indirect, from how much of the content is inside quotation marks."""
    if not quoted:
        return "indirect"
    inside = sum(len(_ALNUM.findall(text, a, b)) for a, b in quoted)
    total = sum(len(_ALNUM.findall(text, a, b)) for a, b in content)
    if inside == 0:
        return "indirect"
    return "direct" if total - inside <= direct_slack else "mixed"


def drop_nested(doc: Doc, cands: list[Candidate], lex: Lexicon,
                drop_classes: frozenset[str] = QuotesConfig().nested_drop_classes) -> list[Candidate]:
    """Drop a weak cue inside another quote's reported content ("Earnest said Obama hopes that
    ..."): the outer quote already carries that content, and the inner verb is the reported
    speaker's wording. Inner verbs of speech ("X said that Y warned ...") stay."""
    # an unattributed report holds reported words too ("Asked whether he had yet to endorse …")
    spans = [(c.content[0][0], c.content[-1][1], id(c)) for c in cands if c.kind in (None, "unattributed")]
    out = []
    for c in cands:
        head = doc[c.anchor]
        weak = lex.verbs.get(head.lemma_.lower()) in drop_classes
        if weak and c.kind is None and any(
                a <= head.idx < b and a <= c.content[0][0] and c.content[-1][1] <= b and other != id(c)
                for a, b, other in spans):
            continue
        out.append(c)
    return out


def _cue_and_source(c: Candidate) -> list[int]:
    return [c.source.i] if c.source is not None else []


def _cue_span(doc: Doc, cand: Candidate) -> tuple[int, int] | None:
    if not cand.cue:
        return None
    a, b = doc[cand.cue[0]], doc[cand.cue[-1]]
    return a.idx, b.idx + len(b)


def prepare() -> None:
    lexicon()
    measured()


def extract(doc: Doc, ctx: Context, cfg: QuotesConfig) -> list[Quote]:
    lex = lexicon()
    ix = ctx
    text = ctx.text
    found = scan(text)
    if found.unbalanced:
        warn(ctx, "W202", "quotes", f"{found.unbalanced} unpaired quotation mark(s); their quotations "
                                    "end at the end of the paragraph")
    regions = found.regions
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    flags = quote_flags(ix, regions)
    cands = find_cues(doc, lex, flags, ix)
    cands += quoted_complement_cues(doc, lex, flags, {i for c in cands for i in c.cue})
    cands += that_clause_cues(doc, lex, flags, {i for c in cands for i in c.cue})
    if not cfg.keep_cues_inside_quotes:
        cands = [c for c in cands if not c.inside_quote]
    linker = Linker(doc, regions, lines, ix)
    linker.anchors = {c.anchor for c in cands}
    for c in cands:
        if c.content:
            linker.grow(c)
    for c in cands:
        linker.attach(c)
        linker.back_reference(c)
    cands = [c for c in cands if c.content]
    cands = drop_nested(doc, cands, lex, cfg.nested_drop_classes)
    cands += linker.colon_and_dash()
    cands += linker.transcript_lines()
    taken = {i for c in cands for i in c.cue} | {i for c in cands for i in _cue_and_source(c)}
    cands += headline_cues(doc, ix, lex, lines, taken)
    cands += linker.floating(cands)
    cands += linker.opening(cands)
    cands.sort(key=lambda c: (c.start, c.anchor))

    resolver = SpeakerResolver(doc, lex, ix, flags)
    resolver.reported = reported_flags(ix, cands)
    sources: dict[int, Attribution | None] = {}
    links: dict[int, str] = {}
    paragraphs = ctx.paragraphs if doc._.nl_paragraphs else lines
    para_starts = [a for a, _ in paragraphs]
    quotes: list[Quote] = []
    seen: set[tuple[tuple[tuple[int, int], ...], int | None]] = set()
    for c in sorted(cands, key=lambda c: c.anchor if c.inherit is None else 1 << 30):
        if c.inherit is not None:
            sources[id(c)] = sources.get(id(c.inherit))
            links[id(c)] = "floating"
        elif c.source is None:
            sources[id(c)] = None
        else:
            sources[id(c)] = resolver.resolve(c.source)
            links[id(c)] = c.link or resolver.link
    persons = {e.id for e in resolver.entities.values() if e.label == "PERSON"}
    first_person(doc, cands, sources, links, para_starts, persons)
    for c in cands:
        att = sources.get(id(c))
        if att is None and c.kind != "unattributed":
            continue
        key = (tuple(c.content), att.span.start if att and att.span else None)
        if key in seen:
            continue
        seen.add(key)
        link = links.get(id(c), "named") if att is not None else None
        if att is not None:
            att = att.model_copy(update={"confidence": cfg.speaker_confidence.get(link or "named"), "link": link})
        quoted = quoted_parts(c.content, regions)
        kind = c.kind or form_of(text, c.content, quoted, cfg.direct_slack)
        form = content_form(doc, form_of(text, c.content, quoted, cfg.direct_slack), c.content)
        if form == "np" and not cfg.country_np_reports and _country(c) and lex.verbs.get(
                doc[c.anchor].lemma_.lower()) == "intent":
            continue  # "China has refused to criticize …", "the UK pledged £4.7bn in aid"
        conf = record_confidence(cfg, form, link)
        if _unasserted(doc, c, lex.adverbs):
            conf = min(conf, cfg.unasserted_cue_confidence)
        cue = _cue_span(doc, c)
        quotes.append(Quote(
            article_id=doc._.nl_article_id or "",
            id=f"q-{len(quotes) + 1}",
            kind=kind,  # type: ignore[arg-type]
            content=[TextSpan.of(text, a, b) for a, b in c.content],
            cue=TextSpan.of(text, *cue) if cue else None,
            source=att,
            quoted=[TextSpan.of(text, a, b) for a, b in quoted],
            paragraph=max(0, bisect_right(para_starts, c.content[0][0]) - 1),
            form=form,  # type: ignore[arg-type]
            confidence=conf,
            shown=conf >= cfg.shown_confidence,
        ))
    return quotes



def _country(c: Candidate) -> bool:
    """The cue's subject is a country, a city or a state as written (entity type GPE); the
    caller also asks for an intention verb and a noun-phrase content."""
    return c.source is not None and c.source.ent_type_ == "GPE" and c.kind is None


#: Steps from the speaker's head up to the cue verb looked through for a hearsay adverb.
HEARSAY_PATH_MAX = 6


def _unasserted(doc: Doc, c: Candidate, adverbs: frozenset[str]) -> bool:
    """Whether the text does not assert that the speaker said the words: the cue verb is
    negated ("won't discuss", "never said", "did not confirm"), or it, or a verb on the way from
    the speaker up to it, carries a hearsay adverb ("allegedly written by X", "X reportedly
    said")."""
    cue_verbs = [doc[i] for i in c.cue if 0 <= i < len(doc) and doc[i].pos_ in ("VERB", "AUX")]
    if any(ch.dep_ == "neg" for v in cue_verbs for ch in v.children):
        return True
    verbs = list(cue_verbs)
    tok = c.source
    for _ in range(HEARSAY_PATH_MAX):
        if tok is None or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            verbs.append(tok)
        if tok.i in c.cue:
            break
    return any(ch.dep_ == "advmod" and ch.lower_ in adverbs for v in verbs for ch in v.children)
