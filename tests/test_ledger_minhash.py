"""The MinHash signature computed over all shingles at once (``dedup.signature``) is the one
datasketch computes shingle by shingle: stored signatures must stay comparable, so a new
article clusters with one stored by an older release."""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from hostile_strategies import PROFILE, any_text, nlp_text
from newsledger.ledger import dedup


def reference(text: str) -> np.ndarray:
    """The signature as datasketch computes it: every shingle of five case-folded words
    (UTF-8, joined by a space; the words alone when fewer) hashed with CRC-32 into a
    ``MinHash`` of our permutations and scheme."""
    words = [w.encode("utf-8") for w in re.findall(r"\w+", text.casefold())]
    k = dedup.SHINGLE_WORDS
    shingles = ([b" ".join(words[i:i + k]) for i in range(len(words) - k + 1)] if len(words) >= k
                else [b" ".join(words)] if words else [])
    m = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, scheme=dedup.SCHEME, hashfunc=zlib.crc32)
    if shingles:
        m.update_batch(shingles)
    return np.asarray(m.hashvalues, dtype=np.uint64)


CASES = [
    "",
    "   ...  ",
    "one",
    "one two three four",
    "one two three four five",
    "Shelling hit the city centre overnight, officials said, and the water supply was cut.\n\n"
    "Officials said repairs would take days; residents queued for water at three points.",
    "the same five words here the same five words here the same five words here",
    "snake_case and __dunder__ words, 12 34.5 and 6,000 numbers",
    # non-ASCII: diacritics, Cyrillic, Greek final sigma, CJK, ligatures and ß that case-fold
    # into several letters, a dotted capital I, typographic quotes and dashes
    "Zelenskyy said «Київ стоїть» — Kyiv stands — in Київ's centre on Tuesday",
    "Straße STRASSE straße; ﬁnal ﬁnal; İstanbul ISTANBUL; ΣΊΣΥΦΟΣ σίσυφος",
    "東京 と 大阪 の 間 で 会談 が 行われた",
    "naïve café résumé “quoted” ‘words’ … and more",
]


def test_the_signature_is_datasketchs_on_written_texts() -> None:
    for text in CASES:
        assert np.array_equal(dedup.signature(text), reference(text)), text
        assert dedup.signature(text).dtype == np.uint64


def test_an_ascii_text_and_the_same_words_beside_a_non_ascii_one_share_their_shingles() -> None:
    """The ASCII fast path and the general one cut the same words: a non-ASCII character
    that is no word of its own changes nothing."""
    text = "Officials said repairs to the water supply would take several days to finish"
    assert np.array_equal(dedup.signature(text), dedup.signature(text + " —"))
    assert not np.array_equal(dedup.signature(text), dedup.signature(text + " café"))


@PROFILE
@given(st.one_of(any_text, nlp_text))
def test_the_signature_is_datasketchs_on_any_text(text: str) -> None:
    assert np.array_equal(dedup.signature(text), reference(text))
