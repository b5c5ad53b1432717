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


@lru_cache(maxsize=1)
def lsh_params() -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for our threshold and permutations."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_crc32)


def shingles(text: str) -> set[bytes]:
    """The article's word shingles (UTF-8), as a set."""
    return set(_shingle_list(text))


def _shingle_list(text: str) -> list[bytes]:
    """Shingles of :data:`SHINGLE_WORDS` words, repeats included (a MinHash is a minimum: a
    repeat changes nothing). Each word is encoded once and the shingles joined as bytes."""
    words = [w.encode("utf-8") for w in _WORD.findall(text.casefold())]
    if len(words) < SHINGLE_WORDS:
        return [b" ".join(words)] if words else []
    return list(map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


def signature(text: str) -> np.ndarray:
    """The MinHash hash values of the text (uint64, NUM_PERM of them)."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_template().permutations, scheme=SCHEME,
                hashfunc=zlib.crc32)  # as _crc32, without a Python call per shingle
    sh = _shingle_list(text)
    if sh:
        m.update_batch(sh)
    return np.asarray(m.hashvalues, dtype=np.uint64)


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
