"""How common a word is in English (wordfreq), shared by the layers that need it: the places
layer's common-word guard and the entity repair's "ordinary word, not a surname" test."""

from __future__ import annotations

import re
from functools import lru_cache

#: Zipf frequency (wordfreq: log10 of occurrences per billion words) from which a one-word
#: name may count as a common English word. 4.0 is about once in 100,000 words ("white" 5.5,
#: "federal" 5.1, "liberty" 4.3; "marion" 3.8, "springfield" 3.8); checked on the tune parts
#: of LGL, GeoWebNews and GeoVirus (docs/places.md).
COMMON_ZIPF = 4.0


@lru_cache(maxsize=65536)
def zipf(name: str) -> float:
    """How common a one-word name is as an English word (0 for longer names)."""
    word = name.strip()
    if not word or not word.replace("'", "").isalpha():
        return 0.0
    from wordfreq import zipf_frequency  # loaded once, on first use (about 0.3 s)

    return float(zipf_frequency(word.casefold(), "en"))


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|['’][^\W\d_]+")
#: What may stand between the words of a run of common words: spaces, hyphens, apostrophes,
#: full stops ("Asia-Pacific", "NATO.It" where a sentence's space was lost).
_RUN_GLUE = frozenset(" \t\n-.'’")


def is_common_run(text: str) -> bool:
    """Is ``text`` a common English word or a run of them: every word in it (letters, with
    inner or leading apostrophes: "n't") at least ``COMMON_ZIPF`` frequent, case-folded, and
    nothing else in it but spaces, hyphens, apostrophes and full stops? Case is ignored on
    purpose: a town named like an ordinary word counts as the word does."""
    words = _WORD.findall(text)
    if not words or any(ch not in _RUN_GLUE for ch in _WORD.sub("", text)):
        return False
    return all(_clitic(w) or zipf(w.replace("’", "'").casefold()) >= COMMON_ZIPF for w in words)


def _clitic(word: str) -> bool:
    """A contraction's clitic the tokenizer split off ("n't", "'s", "'ll"): grammar, never a
    name, whatever its frequency alone (wordfreq gives "n't" 3.6). Lower case, an apostrophe,
    at most three characters in all."""
    return len(word) <= 3 and word.islower() and any(a in word for a in "'’")
