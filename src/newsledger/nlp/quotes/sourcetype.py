"""Classify a source as government, military, intelligence, expert, media, anonymous or other.

The words come from ``data/quotes/source_types.tsv``; its header explains the order in
which head, affiliation and other words decide.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import TYPE_PRIORITY, Lexicon

Match = tuple[str, bool, int]  # type, weak, index of the phrase's last word


def _matches(words: Sequence[str], lex: Lexicon) -> list[Match]:
    out: list[Match] = []
    i = 0
    while i < len(words):
        for key in lex.type_first.get(words[i], ()):
            if tuple(words[i:i + len(key)]) == key:
                typ, weak = lex.types[key]
                out.append((typ, weak, i + len(key) - 1))
                i += len(key) - 1
                break
        i += 1
    return out


def _best(matches: list[Match], weak: bool) -> str | None:
    types = {m[0] for m in matches if m[1] == weak}
    return next((t for t in TYPE_PRIORITY if t in types), None)


def classify(head: Sequence[str], affiliation: Sequence[str], others: Sequence[str],
             named: bool, lex: Lexicon) -> str:
    """``head``: the words of the role or source phrase, its head noun last."""
    head_m = _matches(head, lex)
    last = len(head) - 1
    for typ, weak, end in reversed(head_m):
        if end == last and not weak:
            return typ
    aff_m = _matches(affiliation, lex)
    for weak in (False, True):
        found = _best(aff_m, weak)
        if found:
            return found
    all_m = head_m + _matches(others, lex)
    for weak in (False, True):
        found = _best(all_m, weak)
        if found:
            return found
    return "other" if named else "anonymous"


def words(text: str | None) -> list[str]:
    return text.lower().replace("’s", "").replace("'s", "").split() if text else []
