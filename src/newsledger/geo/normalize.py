"""Name normalisation shared by the gazetteer build and lookups.

``norm("Kramators'k")`` == ``norm("Kramatorsk")``; diacritics, case, apostrophes and
full stops are dropped, hyphens become spaces, and "St."/"Ft."/"Mt." are spelled out.
:func:`variant_key` is a coarser key across transliterations (Polish, German, Ukrainian and
Russian spellings of one village).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[’'`ʼ‘.ʹ″\"”“]")
_SPACE = re.compile(r"[\s\-–—_/,]+")
_ABBREV_GAP = re.compile(r"(?<=\b[A-Za-z])\.\s+(?=[A-Za-z]{1,3}\.)")
_LATIN = re.compile(r"^[a-z0-9 &()]+$")
_EXPAND = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The lookup key of a place name."""
    s = _ABBREV_GAP.sub(".", name)  # "W. Va." -> "W.Va."
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ı", "i")
    s = _DROP.sub("", s.casefold())
    words = _SPACE.sub(" ", s).strip().split(" ")
    if words and words[0] in _EXPAND:
        words[0] = _EXPAND[words[0]]
    return " ".join(w for w in words if w)


def is_latin_key(key: str) -> bool:
    """Whether a normalised key is written in Latin letters (English news uses only these)."""
    return bool(key) and bool(_LATIN.match(key))


#: Spellings of one sound across the Latin transliterations of Ukrainian and Russian names
#: (Polish, German, English, Ukrainian and Russian systems), folded in this order.
_TRANSLIT = (("tsch", "ch"), ("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("kh", "h"), ("ch", "h"),
             ("zh", "z"), ("sh", "s"), ("ts", "c"), ("tz", "c"), ("w", "v"), ("ph", "f"), ("ck", "k"))
_VOWELS = re.compile(r"[aeiouyj]+")
_REPEAT = re.compile(r"(.)\1+")
#: Fewest consonants a variant key needs: shorter skeletons match too many names.
MIN_VARIANT_CONSONANTS = 5


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """The consonant skeleton of a name across transliterations, or "" when too short to be
    safe: "Nowefedorowka" (Polish), "Novofedorivka" (Ukrainian) and "Novofedorovka" (Russian)
    are all "nvfdrvk". Vowels and glides are dropped because the systems, and Ukrainian and
    Russian themselves, differ there (-ivka / -ovka, Novo- / Nowe-)."""
    key = norm(name).replace(" ", "")
    for a, b in _TRANSLIT:
        key = key.replace(a, b)
    key = _REPEAT.sub(r"\1", _VOWELS.sub("", key))
    return key if len(key) >= MIN_VARIANT_CONSONANTS and key.isalpha() else ""
