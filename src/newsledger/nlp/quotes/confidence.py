"""A quote record's content form and its confidence (issues 17 and 23).

The confidence is how likely the whole record is right (a real attribution, with the right
speaker), looked up by the content's form and how the speaker was found in a table measured on
annotated data (``data/quotes/record_confidence.tsv``, written by
``scripts/quote_confidence.py``); nothing is fitted on article text.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from ...tables import Col, read_table
from .config import QuotesConfig

#: Dependencies that give a verb its own subject: the content is a clause ("that the plan
#: failed"), not a noun phrase ("the plan") or a fragment ("it unworkable").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Heads of a content piece that are the verb phrase's adjuncts, not its complement (the
#: content runs to the end of the verb phrase: ``cues.TRAILING_DEPS``): they do not make a
#: noun-phrase content a clause.
ADJUNCT_DEPS = frozenset({"advcl", "prep", "oprd", "acomp", "npadvmod", "advmod"})

TABLE = "quotes/record_confidence.tsv"
COLUMNS = (Col("form", str), Col("link", str), Col("right", int), Col("records", int), Col("confidence", float))


def content_form(doc: Doc, form: str, content: list[tuple[int, int]]) -> str:
    """The content's shape (``models.QuoteForm``): ``direct`` and ``mixed`` as given (from the
    quotation marks); content outside quotation marks is a ``clause`` when the head of a piece
    (a word whose head lies outside it) is a verb with a subject of its own or a finite one, else
    ``np`` (a noun phrase or a fragment). The complement's head decides, not any verb inside nor
    a trailing adjunct (:data:`ADJUNCT_DEPS`): "Kyiv's membership until the war is over" is a
    noun phrase."""
    if form in ("direct", "mixed"):
        return form
    for a, b in content:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if (span.start <= t.head.i < span.end and t.head.i != t.i) or t.pos_ not in ("VERB", "AUX"):
                continue
            if t.dep_ in ADJUNCT_DEPS:  # the verb phrase's trailing part, not its complement
                continue
            if "Fin" in t.morph.get("VerbForm", []) or any(c.dep_ in SUBJECT_DEPS for c in t.children):
                return "clause"
    return "np"


@cache
def measured() -> dict[str, float]:
    """The measured table, keyed ``form/link``."""
    return {f"{r['form']}/{r['link']}": r["confidence"] for r in read_table(TABLE, COLUMNS)}


def record_confidence(cfg: QuotesConfig, form: str, link: str | None) -> float:
    """P(the record is right) for this form and speaker link: ``cfg.record_confidence`` (an
    override) or the measured table; a pair the table lacks takes its form's figure."""
    table = {**measured(), **cfg.record_confidence}
    key = f"{form}/{link or 'none'}"
    return table.get(key, table.get(f"{form}/*", 0.0))
