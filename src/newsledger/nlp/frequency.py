"""How common a word is in English (wordfreq), shared by the layers that need it: the places
layer's common-word guard and the entity repair's "ordinary word, not a surname" test."""

from __future__ import annotations

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
