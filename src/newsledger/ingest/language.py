"""The language of an article, identified offline with py3langid (see docs/decisions.md).

The NLP layers are English (an English spaCy model, English lexicons). An article
identified as another language is stored with its language and a coded warning, and the
pipeline does not run on it: no records rather than false ones (a Ukrainian place name read
as a PERSON). :func:`unanalysed_report` builds that record-less report.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from ..models import Article, Report

#: The language the pipeline's layers are written for.
PIPELINE_LANGUAGE = "en"

#: Characters of the text the identifier reads: the opening of a news article names its
#: language as surely as the whole, and the identifier's time grows with the length.
LANGID_CHARS = 5_000

#: Least normalised probability for the identified language to be taken. Chosen on the 25
#: short texts in 8 languages of benchmarks/langid_compare.py: every correct identification
#: of a full sentence scored 0.69 or more (Arabic lowest), a Spanish three-word headline 0.50,
#: an English two-word headline 0.22, and the wrong answers on non-text ("Kyiv" alone,
#: "1 2 3") under 0.05. Below it the article keeps its declared language, else English.
MIN_LANGUAGE_CONFIDENCE = 0.4

#: English is kept whenever its own probability reaches this, whatever scored first: short
#: English sentences can lose narrowly to a close relative ("Nigerians rallied in Lagos
#: against the new law." is Nigerian Pidgin at 0.58, English 0.40), and analysing an English
#: text as English matters more than naming a near-English one. Every non-English sample of
#: benchmarks/langid_compare.py gave English 0.003 or less; English headlines 0.22 and up.
MIN_ENGLISH_PROBABILITY = 0.1

#: Longest language code kept (the ledger's column is 16 characters on every store).
MAX_LANGUAGE_CHARS = 16

_LOCK = threading.Lock()
_IDENTIFIER: Any = None

#: The identifier's model unpacked once into the cache folder (``Settings.cache_path``): the
#: packaged model is an LZMA-compressed npz, and decompressing it took 0.3-0.45 CPU s of every
#: ``newsledger analyze`` start (a third of what spaCy's import costs); reading the unpacked
#: npz (about 65 MB) takes ~0.05 s. The name carries the py3langid version and the packaged
#: file's size and modification time, so another model never reads a stale copy.
LANGID_CACHE_PREFIX = "langid-model"


def _identifier() -> Any:
    global _IDENTIFIER
    with _LOCK:
        if _IDENTIFIER is None:
            _IDENTIFIER = _load_identifier()
        return _IDENTIFIER


def _load_identifier(cache_dir: Path | None = None) -> Any:
    """py3langid's identifier (normalised probabilities) from its packaged model, through the
    unpacked copy in ``cache_dir`` (default: the settings' cache folder) when there is one or
    one can be written; any problem with the copy falls back to the packaged model."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packaged = Path(MODEL_DIR) / MODEL_FILE
    unpacked = None
    try:
        unpacked = _unpacked_model(packaged, cache_dir)
        ptc, pc, classes, nextmove, row, output = _read_unpacked(unpacked)
    except Exception:  # no cache folder, a damaged or foreign file: the packaged model
        if unpacked is not None:  # damaged: the next process writes it again
            unpacked.unlink(missing_ok=True)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output,
                              norm_probs=True, tk_row=row)


def _unpacked_model(packaged: Path, cache_dir: Path | None) -> Path:
    """The unpacked npz of the packaged model in the cache folder, written (atomically) if absent."""
    from importlib.metadata import version

    if cache_dir is None:
        from ..settings import get_settings

        cache_dir = get_settings().cache_path
    st = packaged.stat()
    name = f"{LANGID_CACHE_PREFIX}-{version('py3langid')}-{st.st_size}-{st.st_mtime_ns}.npz"
    path = cache_dir / name
    if not path.is_file():
        import lzma
        import shutil
        import tempfile

        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=name, suffix=".tmp", delete=False) as tmp:
            try:
                with lzma.open(packaged) as src:
                    shutil.copyfileobj(src, tmp, length=1 << 20)
                tmp.close()
                os.replace(tmp.name, path)
            except BaseException:
                tmp.close()
                Path(tmp.name).unlink(missing_ok=True)
                raise
    return path


def _read_unpacked(path: Path) -> tuple[Any, ...]:
    """The model's parts from an unpacked npz, as py3langid's own ``modelio.load_model``
    returns them from the packed file (the same arrays and lists)."""
    import numpy as np
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        return (data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                _to_array(data["nextmove_row"]), data["out_feat"].tolist())


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language; English when its probability
    reaches :data:`MIN_ENGLISH_PROBABILITY`."""
    ranked = _identifier().rank(text[:LANGID_CHARS])
    lang, prob = ranked[0]
    english = next((p for code, p in ranked if code == PIPELINE_LANGUAGE), 0.0)
    if lang != PIPELINE_LANGUAGE and english >= MIN_ENGLISH_PROBABILITY:
        return PIPELINE_LANGUAGE, float(english)
    return str(lang), float(prob)


def normalise_code(value: str | None) -> str | None:
    """A declared language as a short lower-case code: ``en-US`` -> ``en``, ``EN`` -> ``en``;
    None when empty or not a code (longer than :data:`MAX_LANGUAGE_CHARS`, or not letters)."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    if not code or len(code) > MAX_LANGUAGE_CHARS or not code.isascii() or not code.isalpha():
        return None
    return code


def decide(text: str, declared: str | None) -> str:
    """The article's language: the identified one when sure, else the declared one, else
    :data:`PIPELINE_LANGUAGE`."""
    lang, prob = identify(text)
    if prob >= MIN_LANGUAGE_CONFIDENCE:
        return lang
    return normalise_code(declared) or PIPELINE_LANGUAGE


def language_name(code: str) -> str:
    """"Ukrainian" for "uk"; the code itself when pycountry does not know it."""
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code)
    except (KeyError, LookupError):
        found = None
    return str(found.name) if found is not None else code


def needs_analysis(article: Article) -> bool:
    """Whether the English layers apply to this article."""
    return normalise_code(article.language) in (None, PIPELINE_LANGUAGE)


def unanalysed_report(article: Article) -> Report:
    """The report of an article the layers do not apply to: the article, no records. Its
    language warning (W102) was added when the article was read."""
    return Report(article=article)
