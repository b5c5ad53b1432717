"""Quotes' own look-ups over the shared per-document context (:mod:`newsledger.nlp.context`).

The token arrays, sentence map and entity map are the shared :class:`Context`'s; this module
adds the one look-up only quotes need: which tokens may start a cue.
"""

from __future__ import annotations

import numpy as np
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc

from ..context import Context
from .lexicon import Lexicon


def cue_positions(ctx: Context, lex: Lexicon) -> list[int]:
    """Tokens that may start a cue: verbs of the lexicon, cue nouns, "according", adverbs."""
    h = _hashes(ctx.doc, lex)
    verb = (ctx.pos == VERB) & (np.isin(ctx.lemma, h["verbs"]) | np.isin(ctx.lower, h["forms"]))
    noun = (ctx.pos == NOUN) & np.isin(ctx.lemma, h["nouns"])
    other = np.isin(ctx.lower, h["words"])
    return np.flatnonzero(verb | noun | other).tolist()


_HASHES: dict[int, dict[str, np.ndarray]] = {}


def _hashes(doc: Doc, lex: Lexicon) -> dict[str, np.ndarray]:
    key = id(lex)  # string hashes do not depend on the vocabulary; adding them is harmless
    found = _HASHES.get(key)
    if found is None:
        add = doc.vocab.strings.add
        forms = [w + s for w in lex.verbs for s in ("d", "s")]  # the lemmatiser's "hoped" -> "hop"
        found = _HASHES[key] = {
            "verbs": np.array([add(w) for w in lex.verbs], dtype="uint64"),
            "forms": np.array([add(w) for w in forms], dtype="uint64"),
            "nouns": np.array([add(w) for w in lex.cue_nouns], dtype="uint64"),
            "words": np.array([add(w) for w in (lex.according[0], *lex.adverbs)], dtype="uint64"),
        }
    return found

