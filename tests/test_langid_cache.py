"""The language identifier read through its unpacked copy in the cache folder is the packaged
one: the same model arrays and the same rankings; a damaged copy falls back to the packaged
model instead of failing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsledger.ingest import language

TEXTS = [
    "Russian forces shelled the town overnight, the regional governor said on Tuesday.",
    "Les forces russes ont bombardé la ville pendant la nuit, a déclaré le gouverneur.",
    "Російські війська обстріляли місто вночі, повідомив губернатор.",
    "Kyiv",
    "1 2 3",
]

PARTS = ("nb_ptc", "nb_pc", "nb_classes", "tk_nextmove", "tk_row", "tk_output")


def _same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    return type(a) is type(b) and a == b


def test_unpacked_copy_gives_the_packaged_identifier(tmp_path: Path) -> None:
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    first = language._load_identifier(tmp_path)  # writes the copy
    copies = list(tmp_path.glob(f"{language.LANGID_CACHE_PREFIX}-*.npz"))
    assert len(copies) == 1 and not list(tmp_path.glob("*.tmp"))
    second = language._load_identifier(tmp_path)  # reads it
    for ident in (first, second):
        for part in PARTS:
            assert _same(getattr(ident, part), getattr(packaged, part)), part
        for text in TEXTS:
            assert ident.rank(text) == packaged.rank(text)


def test_damaged_copy_falls_back_to_the_packaged_model(tmp_path: Path) -> None:
    language._load_identifier(tmp_path)
    (copy,) = tmp_path.glob(f"{language.LANGID_CACHE_PREFIX}-*.npz")
    copy.write_bytes(copy.read_bytes()[:1000])  # a truncated file
    ident = language._load_identifier(tmp_path)
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert [ident.rank(t)[0] for t in TEXTS] == [packaged.rank(t)[0] for t in TEXTS]
    assert not copy.exists()  # removed, so the next process unpacks it again
    language._load_identifier(tmp_path)
    assert copy.stat().st_size > 1000
