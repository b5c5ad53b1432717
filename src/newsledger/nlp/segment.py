"""Split paragraphs and headings before parsing.

News text glues a section heading ("Kursk Offensive and Russian Gains") onto the next
sentence when it is parsed as running text. This component runs first, marks every line
break as a sentence start, and records heading and paragraph spans. It never changes the
text, so every offset stays an offset into ``Article.text``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..settings import Settings

#: A heading has at most this many words. Section headings in wire copy run 2-8 words;
#: 12 leaves room for long ones while excluding one-sentence paragraphs (median ~25 words).
MAX_HEADING_WORDS = 12

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


def is_heading(line: str, is_last: bool) -> bool:
    """A short line with no closing punctuation, followed by more text."""
    if is_last or (line.endswith(_END_PUNCT) and not line.endswith("?")):
        return False
    words = line.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= max(1, len(words) // 2)


class Segmenter:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        lines = line_spans(text)
        headings = []
        for i, (s, e) in enumerate(lines):
            if is_heading(text[s:e], is_last=i == len(lines) - 1) and not (
                i == 0 and text[s:e].lower().startswith("by ")
            ):
                headings.append((s, e))
        doc._.nl_headings = headings
        doc._.nl_paragraphs = lines
        starts = {s for s, _ in lines}
        for tok in doc:
            if tok.i == 0:
                continue
            if tok.idx in starts or (not tok.is_space and doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text):
                tok.is_sent_start = True
        return doc


def make_segmenter(nlp: Language, name: str, settings: Settings) -> Segmenter:
    return Segmenter()
