"""Token runs to character pieces: the content of a quote as one or more spans."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

#: quotation marks are kept at the edges of a content piece; other punctuation is trimmed
QUOTE_CHARS = frozenset(["\"", "“", "”", "„", "‟", "«", "»", "‘", "’", "'", "''", "``"])
#: words trimmed from the start of reported content ("said that ...")
LEADING_MARKERS = frozenset({"that"})


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Trim [a, b) of punctuation (not quote marks) and a leading complementiser."""
    while a < b and (
        (doc[a].is_punct and doc[a].text not in QUOTE_CHARS) or doc[a].is_space
        or (doc[a].lower_ in LEADING_MARKERS and doc[a].dep_ == "mark")
    ):
        a += 1
    while b > a and ((doc[b - 1].is_punct and doc[b - 1].text not in QUOTE_CHARS
                      and doc[b - 1].text not in ".?!") or doc[b - 1].is_space):
        b -= 1
    return a, b


def runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive token indices, as [start, end) pairs."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def pieces(doc: Doc, indices: Iterable[int]) -> list[tuple[int, int]]:
    """Character spans of the trimmed runs of ``indices`` that hold a word."""
    out = []
    for a, b in runs(indices):
        a, b = _trim(doc, a, b)
        if b > a and any(t.is_alpha or t.like_num for t in doc[a:b]):
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1])))
    return out


def subtree_indices(tok: Token, exclude: set[int] | None = None) -> list[int]:
    """The token indices of ``tok``'s subtree, minus the subtrees rooted in ``exclude``."""
    if not exclude:
        return [t.i for t in tok.subtree]
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        if t.i in exclude:
            continue
        out.append(t.i)
        stack.extend(t.children)
    return out
