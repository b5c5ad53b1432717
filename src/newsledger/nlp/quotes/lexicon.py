"""The quote layer's lexicons, read once from ``newsledger/data/quotes/``.

Everything is precompiled into frozensets and dicts keyed by lower-case words, so the
extractors only do set look-ups while walking the tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA = "quotes"

#: Priority of source types when several strong words match (most specific first).
TYPE_PRIORITY = ("intelligence", "military", "government", "media", "expert", "anonymous")


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> class (speech, belief, evidence, intent, stance, phrasal)
    object_verbs: frozenset[str]  # speech verbs whose direct object is content
    phrasal: frozenset[tuple[str, str]]  # (verb lemma, particle)
    according: tuple[str, ...]  # ("according", "to")
    adverbs: frozenset[str]  # "reportedly": marks an unattributed claim
    cue_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    unattributed_verbs: frozenset[str]
    types: dict[tuple[str, ...], tuple[str, bool]]  # words -> (type, weak)
    type_first: dict[str, list[tuple[str, ...]]]  # first word -> phrases, longest first


def _lines(name: str) -> list[list[str]]:
    text = resources.files("newsledger.data").joinpath(f"{DATA}/{name}").read_text("utf-8")
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append([f.strip() for f in line.split("\t")])
    return out


@cache
def lexicon() -> Lexicon:
    verbs: dict[str, str] = {}
    object_verbs: set[str] = set()
    for row in _lines("reporting_verbs.tsv"):
        verbs.setdefault(row[0].lower(), row[1] if len(row) > 1 else "speech")
        if len(row) > 2 and row[2] == "object":
            object_verbs.add(row[0].lower())
    phrasal: set[tuple[str, str]] = set()
    adverbs: set[str] = set()
    according: tuple[str, ...] = ("according", "to")
    for row in _lines("cue_phrases.tsv"):
        words = tuple(row[0].lower().split())
        kind = row[1] if len(row) > 1 else ""
        if kind == "phrasal" and len(words) == 2:
            phrasal.add((words[0], words[1]))
        elif kind == "unattributed" and len(words) == 1:
            adverbs.add(words[0])
        elif kind == "according-to":
            according = words
    types: dict[tuple[str, ...], tuple[str, bool]] = {}
    for row in _lines("source_types.tsv"):
        key = tuple(row[0].lower().split())
        types.setdefault(key, (row[1], len(row) > 2 and row[2] == "weak"))
    first: dict[str, list[tuple[str, ...]]] = {}
    for key in types:
        first.setdefault(key[0], []).append(key)
    for keys in first.values():
        keys.sort(key=len, reverse=True)
    return Lexicon(
        verbs=verbs,
        object_verbs=frozenset(object_verbs),
        phrasal=frozenset(phrasal),
        according=according,
        adverbs=frozenset(adverbs),
        cue_nouns=frozenset(r[0].lower() for r in _lines("cue_nouns.txt")),
        channel_nouns=frozenset(r[0].lower() for r in _lines("channel_nouns.txt")),
        unattributed_verbs=frozenset(r[0].lower() for r in _lines("unattributed_verbs.txt")),
        types=types,
        type_first=first,
    )
