"""The quote layer's lexicons, read once from ``newsledger/data/quotes/``.

Everything is precompiled into frozensets and dicts keyed by lower-case words, so the
extractors only do set look-ups while walking the tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ...lexicons import reporting_verbs
from ...tables import Col, read_list, read_table

DATA = "quotes"
CUE_PHRASE_COLUMNS = (Col("words"), Col("kind"))
SOURCE_TYPE_COLUMNS = (Col("words"), Col("type"), Col("weak", required=False))

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
    issuing_verbs: frozenset[str]  # "issued a statement saying …": the subject is the author
    types: dict[tuple[str, ...], tuple[str, bool]]  # words -> (type, weak)
    type_first: dict[str, list[tuple[str, ...]]]  # first word -> phrases, longest first


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in read_list(f"{DATA}/{name}"))


@cache
def lexicon() -> Lexicon:
    verbs: dict[str, str] = {}
    object_verbs: set[str] = set()
    for verb in reporting_verbs():  # data/reporting_verbs.tsv, the rows with a class
        if verb.cls is None:
            continue
        verbs.setdefault(verb.lemma.lower(), verb.cls)
        if verb.takes_object:
            object_verbs.add(verb.lemma.lower())
    phrasal: set[tuple[str, str]] = set()
    adverbs: set[str] = set()
    according: tuple[str, ...] = ("according", "to")
    for row in read_table(f"{DATA}/cue_phrases.tsv", CUE_PHRASE_COLUMNS):
        words = tuple(row["words"].lower().split())
        kind = row["kind"]
        if kind == "phrasal" and len(words) == 2:
            phrasal.add((words[0], words[1]))
        elif kind == "unattributed" and len(words) == 1:
            adverbs.add(words[0])
        elif kind == "according-to":
            according = words
    types: dict[tuple[str, ...], tuple[str, bool]] = {}
    for row in read_table(f"{DATA}/source_types.tsv", SOURCE_TYPE_COLUMNS):
        key = tuple(row["words"].lower().split())
        types.setdefault(key, (row["type"], row["weak"] == "weak"))
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
        cue_nouns=_words("cue_nouns.txt"),
        channel_nouns=_words("channel_nouns.txt"),
        unattributed_verbs=_words("unattributed_verbs.txt"),
        issuing_verbs=_words("issuing_verbs.txt"),
        types=types,
        type_first=first,
    )
