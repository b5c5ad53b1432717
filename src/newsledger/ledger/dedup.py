"""Near-duplicate detection: MinHash signatures (datasketch) banded for LSH in the database.

Wire copies reappear under other URLs or with small edits ("with Agencies", a new headline).
Each article's MinHash over word shingles is cut into bands; articles that share a band are
candidates, and a candidate whose estimated Jaccard similarity reaches
:data:`NEAR_DUPLICATE_THRESHOLD` puts the new article in its cluster. The bands live in the
``article_bands`` table, so clustering works across runs and processes.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

#: Permutations per signature. 128 keeps the Jaccard estimate within about ±0.09 (1/sqrt(128))
#: and the signature at 1 KiB; more costs time for no gain at our threshold.
NUM_PERM = 128
#: Estimated Jaccard similarity of word 5-shingles at which two articles are one story.
#: A wire copy with a changed headline and a "with Agencies" line scores 0.8-0.95; two
#: different stories on the same battle score under 0.2. 0.7 sits between with room either way.
NEAR_DUPLICATE_THRESHOLD = 0.7
#: Words per shingle. Five-word shingles make unrelated articles on the same topic dissimilar.
SHINGLE_WORDS = 5
#: Seed and hashing scheme of the permutations: fixed, since stored signatures must stay
#: comparable across runs and datasketch releases.
SEED = 1
SCHEME = "affine32"


def _crc32(data: bytes) -> int:
    """The shingle hash: CRC-32 is stable across processes and several times faster than SHA-1."""
    return zlib.crc32(data)


_WORD = re.compile(r"\w+")
#: ``_WORD`` for ASCII text as bytes: on ASCII characters ``\w`` means the same in both.
_ASCII_WORD = re.compile(rb"\w+")


@lru_cache(maxsize=1)
def lsh_params() -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for our threshold and permutations."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_crc32)


@lru_cache(maxsize=1)
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine permutations ``h -> a * h + b`` (mod 2**32) for our seed, as uint32."""
    a, b = _template().permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def shingles(text: str) -> set[bytes]:
    """The article's word shingles (UTF-8), as a set."""
    return set(_shingle_list(text))


def _words(text: str) -> list[bytes]:
    """The case-folded words of the text, UTF-8. ASCII text (most news) is lower-cased,
    encoded and split in one pass each (``casefold`` is ``lower`` on ASCII)."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower().encode("ascii"))
    return [w.encode("utf-8") for w in _WORD.findall(text.casefold())]


def _shingle_list(text: str) -> list[bytes]:
    """Shingles of :data:`SHINGLE_WORDS` words joined by a space, repeats included (a MinHash
    is a minimum: a repeat changes nothing); the text's words alone when it has fewer."""
    words = _words(text)
    if len(words) < SHINGLE_WORDS:
        return [b" ".join(words)] if words else []
    return list(map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


def _shingle_hashes(text: str) -> np.ndarray:
    """CRC-32 of every shingle of :func:`_shingle_list`, as uint32, without building the
    shingles word by word: the words are joined once, and each shingle is the slice of the
    joined bytes from its first word's start to its last word's end."""
    words = _words(text)
    n = len(words)
    if n < SHINGLE_WORDS:
        return np.array([zlib.crc32(b" ".join(words))] if words else [], dtype=np.uint32)
    joined = b" ".join(words)
    lens = np.fromiter(map(len, words), dtype=np.int64, count=n)
    ends = np.cumsum(lens + 1) - 1  # where each word ends in ``joined``
    m = n - SHINGLE_WORDS + 1
    starts = (ends[:m] - lens[:m]).tolist()
    crc = zlib.crc32
    return np.fromiter([crc(joined[s:e]) for s, e in zip(starts, ends[SHINGLE_WORDS - 1:].tolist(), strict=True)],
                       dtype=np.uint32, count=m)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch's ``affine32`` scheme applies to each
    input hash before the permutations (uint32 arithmetic wraps, as intended)."""
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def signature(text: str) -> np.ndarray:
    """The MinHash hash values of the text (uint64, NUM_PERM of them): those of datasketch's
    ``MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)`` updated with every shingle's
    CRC-32, computed here over all shingles at once (a test checks they are the same)."""
    hv = _shingle_hashes(text)
    if not len(hv):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)  # datasketch's empty MinHash
    a, b = permutations()
    out = np.multiply.outer(_fmix32(hv), a)
    out += b
    return out.min(axis=0).astype(np.uint64)


def bands(sig: np.ndarray) -> list[str]:
    """One short hash per LSH band."""
    b, r = lsh_params()
    out = []
    for i in range(b):
        chunk = sig[i * r:(i + 1) * r].tobytes()
        out.append(hashlib.blake2b(chunk, digest_size=8).hexdigest())
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def best_match(sig: np.ndarray, candidates: Iterable[tuple[str, str, bytes]]) -> tuple[str, float] | None:
    """(cluster id, similarity) of the most similar candidate over the threshold, if any.

    ``candidates`` are (article id, cluster id, signature bytes).
    """
    best: tuple[str, float] | None = None
    for _aid, cluster, raw in candidates:
        sim = similarity(sig, from_bytes(raw))
        if sim >= NEAR_DUPLICATE_THRESHOLD and (best is None or sim > best[1]):
            best = (cluster, sim)
    return best
