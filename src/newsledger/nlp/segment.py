"""Split paragraphs and headings before parsing: the ``newsledger_segmenter`` layer.

News text glues a section heading ("Kursk Offensive and Russian Gains") onto the next
sentence when it is parsed as running text. This layer runs first, marks every line
break as a sentence start, and records heading and paragraph spans. It never changes the
text, so every offset stays an offset into ``Article.text``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import Field
from spacy.tokens import Doc

from .component import LayerConfig

if TYPE_CHECKING:
    from .context import Context


class SegmenterConfig(LayerConfig):
    #: A heading has at most this many words. Section headings in wire copy run 2-8 words;
    #: 12 leaves room for long ones while excluding one-sentence paragraphs (median ~25 words).
    max_heading_words: int = Field(default=12, ge=1)


_LINE = re.compile(r"[^\n]+")
_END_PUNCT = tuple(".!?:;\"”’)…,")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Char spans of the non-blank lines of ``text``, stripped of outer whitespace."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def is_heading(line: str, is_last: bool, max_words: int = SegmenterConfig().max_heading_words) -> bool:
    """A short line with no closing punctuation, followed by more text."""
    if is_last or (line.endswith(_END_PUNCT) and not line.endswith("?")):
        return False
    words = line.split()
    if not words or len(words) > max_words:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= max(1, len(words) // 2)


def headings(text: str, lines: list[tuple[int, int]], cfg: SegmenterConfig) -> list[tuple[int, int]]:
    """The heading lines among ``lines`` (a first line "By ..." is a byline, not a heading)."""
    out = []
    for i, (s, e) in enumerate(lines):
        if is_heading(text[s:e], i == len(lines) - 1, cfg.max_heading_words) and not (
            i == 0 and text[s:e].lower().startswith("by ")
        ):
            out.append((s, e))
    return out


def extract(doc: Doc, ctx: Context, cfg: SegmenterConfig) -> list[Any]:
    """No records: stages the paragraphs, headings and a sentence start at every line."""
    text = ctx.text
    lines = ctx.lines
    ctx.stage_attr("nl_headings", headings(text, lines, cfg))
    ctx.stage_attr("nl_paragraphs", lines)
    starts = {s for s, _ in lines}
    sent_starts = []
    for tok in doc:
        if tok.i == 0:
            continue
        if tok.idx in starts or (not tok.is_space and doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text):
            sent_starts.append(tok.i)
    ctx.stage_sent_starts(sent_starts)
    return []
