"""Name normalisation shared by the gazetteer build and lookups.

``norm("Kramators'k")`` == ``norm("Kramatorsk")``; diacritics, case, apostrophes and
full stops are dropped, hyphens become spaces, and "St."/"Ft."/"Mt." are spelled out.
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
