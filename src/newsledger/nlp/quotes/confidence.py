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

TABLE = "quotes/record_confidence.tsv"
COLUMNS = (Col("form", str), Col("link", str), Col("right", int), Col("records", int), Col("confidence", float))


def content_form(doc: Doc, form: str, content: list[tuple[int, int]]) -> str:
    """The content's shape (``models.QuoteForm``): ``direct`` and ``mixed`` as given (from the
    quotation marks); content outside quotation marks is a ``clause`` when one of its verbs has a
    subject of its own or is finite, else ``np`` (a noun phrase or a fragment)."""
    if form in ("direct", "mixed"):
        return form
    for a, b in content:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.pos_ in ("VERB", "AUX") and (
                    "Fin" in t.morph.get("VerbForm", []) or any(c.dep_ in SUBJECT_DEPS for c in t.children)):
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
