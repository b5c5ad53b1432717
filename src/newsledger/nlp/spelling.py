"""A spelling-tolerant key for one word of a name, across transliterations.

The same Ukrainian or Russian name reaches English news in several spellings: Zelensky,
Zelenskiy, Zelenskyy; Aleksandr, Aleksander, Alexander; Sergei, Sergey; José, Jose. The key
below is general, not a per-name list; it folds, in order:

- case and diacritics (José = Jose), apostrophes and hyphens; Latin letters that carry no
  separable diacritic fold to their base letters (Polish "ł" = "l", "ø" = "o", "ß" = "ss");
- ``w`` -> ``v``: Polish and German write the Cyrillic "в" as "w" (Wołodymyr = Volodymyr,
  Pieskow = Peskov once the next steps apply); with it, the other consonants Polish writes
  with two letters where English transliteration writes others: ``sz`` -> ``sh`` (Łukaszenko =
  Lukashenko), ``cz`` -> ``ch`` (Medwedczuk = Medvedchuk), and "х" and "ж", which English writes
  ``kh`` and ``zh``, Polish and German ``ch`` and ``ż``/``sch``: ``kh`` and ``ch`` -> ``h``
  (Michaił = Mikhail), ``zh`` -> ``z`` (Prigożyn = Prigozhin); and a final ``-off``, the
  French and German spelling of "-ов", is ``-ov`` (Tinkoff = Tinkov);
- ``ks`` -> ``x`` (Aleksandr = Alexandr);
- ``y`` -> ``i`` (Sergey = Sergei; -iy/-yy/-y endings become -i after the next step;
  Yevgeny = Ievgeni), and a final ``ij`` -> ``i`` (Zelenskij);
- doubled letters -> one (Zelenskyy = Zelensky; Dmitriyev = Dmitriev);
- ``ie``/``ye`` at the start -> ``e`` (Yevgeny = Evgeny);
- ``-er`` after a consonant at the end -> ``-r`` (Aleksander = Aleksandr).

It is used within an article (a surname mention joins the full name of the same person) and by
the ledger (:func:`newsledger.ledger.resolve.person_key`), so the spellings of one person are
one person and a search for one spelling finds the others. Two different names can share a key
(the key is deliberately coarse); the ledger still needs the first name or a single holder of the
surname to merge.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_LETTER = re.compile(r"[^a-z0-9]+")
#: Latin letters with no decomposition into a base letter and a combining mark (NFKD keeps them)
_LATIN_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae",
                             "œ": "oe", "ı": "i", "ħ": "h", "ŀ": "l"})
_DOUBLE = re.compile(r"([a-z])\1+")
_ER_END = re.compile(r"(?<=[bcdfghjklmnpqstvwxz])er$")


@lru_cache(maxsize=1 << 16)
def fold_diacritics(word: str) -> str:
    """The word in lower case with its diacritics and the Latin letters that carry none folded
    to base letters ("Radosław" -> "radoslaw", "José" -> "jose"), nothing else changed."""
    w = unicodedata.normalize("NFKD", word)
    return "".join(c for c in w if not unicodedata.combining(c)).casefold().translate(_LATIN_FOLD)


@lru_cache(maxsize=1 << 16)
def spelling_key(word: str, w_as_v: bool = True) -> str:
    """The transliteration-tolerant key of one name word ("Zelenskyy" -> "zelenski").

    ``w_as_v=False`` keeps "w" apart from "v", and the Polish consonant pairs as written: for a
    table of given names of every origin (``chains``), where "Nawal" must not key as the
    English word "naval"."""
    w = _NON_LETTER.sub("", fold_diacritics(word))
    if not w:
        return ""
    if w_as_v:
        w = w.replace("w", "v").replace("sz", "sh").replace("cz", "ch")
        w = w.replace("kh", "h").replace("ch", "h").replace("zh", "z")
    w = w.replace("ks", "x").replace("y", "i")
    if w.endswith("ij"):
        w = w[:-1]
    w = _DOUBLE.sub(r"\1", w)
    if w_as_v and len(w) > 4 and w.endswith("of"):
        w = w[:-1] + "v"  # "-off", the French and German ending of the Cyrillic "-ов" (Tinkoff = Tinkov)
    if w.startswith("ie") and len(w) > 3:
        w = w[1:]
    if len(w) > 4:
        w = _ER_END.sub("r", w)
    return w


def same_name(a: str, b: str) -> bool:
    """Two names written alike up to transliteration, word by word."""
    ka = [spelling_key(w) for w in a.split()]
    kb = [spelling_key(w) for w in b.split()]
    return bool(ka) and ka == kb


#: Shortest key (the longer of the two) a vowel difference joins: "Zelanski" and "Zelnski"
#: join "Zelensky" (keys of 7 and 8 letters); "Scholz" and "Schulz" (6) stay apart.
NEAR_KEY_LEN = 7
#: Letters at the end of a key a difference there never joins: they carry gender and number in
#: Slavic and Baltic names ("Lavrov"/"Lavrova", "Kowalski"/"Kowalska").
NEAR_END_LETTERS = 2
#: Most vowels added, dropped or changed between two keys that still read as one name: two,
#: as machine translation and transliteration render one vowel sound with two letters or one
#: ("Baerbock"/"Burbock", "Zelensky"/"Zeilinsky"). The consonants must agree letter for letter.
NEAR_VOWEL_EDITS = 2
VOWELS = frozenset("aeiou")
_CONSONANT = re.compile(r"[^aeiou]")


def consonants(key: str) -> str:
    """A key's consonants in order: keys a few vowels apart share them (the ledger indexes
    surnames by them to find near spellings)."""
    return "".join(c for c in key if c not in VOWELS)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short strings (vowel runs)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def vowels_apart(a: str, b: str) -> bool:
    """Whether the keys ``a`` and ``b`` differ in vowels only, at most :data:`NEAR_VOWEL_EDITS`
    of them added, dropped or changed, away from the end: a slip of spelling or machine
    translation ("zelanski", "zelnski", "zeilinski" for "zelenski"), not another name
    ("schulz": a short key) or another form of it ("lavrova": the end)."""
    if a == b or max(len(a), len(b)) < NEAR_KEY_LEN or consonants(a) != consonants(b):
        return False
    if a[-NEAR_END_LETTERS:] != b[-NEAR_END_LETTERS:]:
        return False
    return _run_edits(a, b) <= NEAR_VOWEL_EDITS


def _run_edits(a: str, b: str) -> int:
    """The vowel edits between two keys with the same consonants: the runs of vowels before,
    between and after the consonants pair up one to one, and are compared pairwise."""
    return sum(_edits(x, y) for x, y in zip(_CONSONANT.split(a), _CONSONANT.split(b), strict=True))
