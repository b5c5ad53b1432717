"""Per-document look-up tables, built once with numpy so the extractors never rescan tokens.

spaCy's ``Token.sent`` walks the sentence and ``Doc.ents``/``Doc.char_span`` build new
objects on every call; at news-article scale those calls cost more than the extraction
itself. One :class:`DocIndex` answers them from arrays.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, POS, SENT_START
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc

from .lexicon import Lexicon


class DocIndex:
    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text  # Doc.text rebuilds the string on every access
        n = len(doc)
        attrs = [IDX, SENT_START, LEMMA, POS, LOWER, LENGTH]
        arr = doc.to_array(attrs) if n else np.zeros((0, len(attrs)), "uint64")
        self.idx = arr[:, 0].astype(np.int64)
        self.end = self.idx + arr[:, 5].astype(np.int64)
        starts = arr[:, 1] == 1
        if n:
            starts[0] = True
        self.sent_no = np.cumsum(starts) - 1
        self.sent_starts = np.flatnonzero(starts).tolist()
        self.sent_ends = [*self.sent_starts[1:], n]
        self.lemma = arr[:, 2]
        self.pos = arr[:, 3]
        self.lower = arr[:, 4]
        self.ents = [(e.start, e.end, e.label_) for e in doc.ents]
        self.ent_of: dict[int, int] = {}  # token index -> index into ents
        for k, (a, b, _) in enumerate(self.ents):
            for i in range(a, b):
                self.ent_of[i] = k

    def sent(self, i: int) -> tuple[int, int]:
        """Token bounds [start, end) of the sentence holding token ``i``."""
        k = int(self.sent_no[i])
        return self.sent_starts[k], self.sent_ends[k]

    def token_at(self, pos: int) -> int | None:
        """Index of the token covering character ``pos``, else of the next token."""
        i = int(np.searchsorted(self.idx, pos, side="right")) - 1
        if i >= 0 and self.end[i] > pos:
            return i
        return i + 1 if i + 1 < len(self.idx) else None

    def ent(self, i: int) -> tuple[int, int, str] | None:
        k = self.ent_of.get(i)
        return self.ents[k] if k is not None else None

    def cue_positions(self, lex: Lexicon) -> list[int]:
        """Tokens that may start a cue: verbs of the lexicon, cue nouns, "according", adverbs."""
        h = _hashes(self.doc, lex)
        verb = (self.pos == VERB) & (np.isin(self.lemma, h["verbs"]) | np.isin(self.lower, h["forms"]))
        noun = (self.pos == NOUN) & np.isin(self.lemma, h["nouns"])
        other = np.isin(self.lower, h["words"])
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

