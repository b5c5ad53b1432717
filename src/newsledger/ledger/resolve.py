"""Keys under which people, organisations and places from many articles merge.

"Zelensky", "Volodymyr Zelenskyy" and "President Zelensky" share the surname key
``zelenski``; a full name adds its first name (``zelenski|volodimir``), both spelled
tolerantly (:mod:`newsledger.nlp.spelling`: -iy/-yy/-y endings, ks/x, ie/ye, doubled
letters, diacritics). A surname-only mention joins
the one person with that surname already in the ledger; with several, it stays apart.
Places merge by GeoNames id, unresolved ones by their normalised name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicons import name_prefix_words
from ..nlp.spelling import spelling_key
from ..tables import Col, read_table

_NON_WORD = re.compile(r"[^\w\s'-]+")
_SPACES = re.compile(r"\s+")
#: A word of a name for spelling purposes: letters and digits ("jean-yves" is two words).
NAME_WORD = re.compile(r"[^\W_]+")
_ORG_FILLER = {"the", "of", "for", "and", "&"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

def titles() -> frozenset[str]:
    """Words dropped from the front of a person's name: the ``name_prefix`` rows of
    ``data/titles.tsv`` (titles and ranks), case-folded."""
    return name_prefix_words()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-folded, without diacritics or punctuation, single-spaced."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'")
    text = _NON_WORD.sub(" ", text.casefold())
    return _SPACES.sub(" ", text).strip()


def spelling_keys(text: str) -> str:
    """The spelling keys (:func:`~newsledger.nlp.spelling.spelling_key`) of the words of
    ``text``, space-separated and with a space at each end, so a run of keys is found with
    ``LIKE '% k1 k2 %'`` (keys hold letters only). Stored with each alias (migration 9)."""
    return " " + " ".join(spelling_key(w) for w in NAME_WORD.findall(text)) + " "


def surname_key(word: str) -> str:
    """A spelling-tolerant key for one name word: the transliteration key of
    :func:`newsledger.nlp.spelling.spelling_key` (Zelensky = Zelenskiy = Zelenskyy,
    Aleksandr = Aleksander = Alexander, José = Jose)."""
    return spelling_key(word) or word


#: ``data/entities/given_name_variants.tsv``: one row per form of an East Slavic given name;
#: ``given_name_hypocorisms.tsv``: one row per English short form that stands for one name
GIVEN_NAME_FORMS_FILE = "entities/given_name_variants.tsv"
GIVEN_NAME_HYPOCORISMS_FILE = "entities/given_name_hypocorisms.tsv"
GIVEN_NAME_FORM_COLUMNS = (Col("name"), Col("form"))


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, str]:
    """The spelling key of each form of an East Slavic given name (and of the name itself)
    -> the key of the name (its Russian form); of each English short form -> the key of its
    name ("jake" -> "jacob")."""
    out: dict[str, str] = {}
    rows = [*read_table(GIVEN_NAME_FORMS_FILE, GIVEN_NAME_FORM_COLUMNS),
            *read_table(GIVEN_NAME_HYPOCORISMS_FILE, GIVEN_NAME_FORM_COLUMNS)]
    for row in rows:
        name = spelling_key(row["name"])
        out.setdefault(name, name)
        out.setdefault(spelling_key(row["form"]), name)
    return out


#: One Hanyu Pinyin syllable, tone marks dropped: an optional initial, then a final. The
#: syllable structure of the standard romanisation of Chinese (it admits a few syllables
#: Chinese lacks, which only widens :func:`chinese_order` slightly).
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou|an|en|er|in|un"
                    r"|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u)")
_SURNAME_FIRST = re.compile(rf"{_PINYIN_SYLLABLE}")
_GIVEN_AFTER = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}")


def chinese_order(name: str) -> bool:
    """Whether a person's name reads as a Chinese name in its own order, surname first: two
    words, a one-syllable surname and a given name of one or two syllables, all in Pinyin
    ("Xi Jinping", "Wang Yi", "Wen Jiabao"); not "Charlie Bell" or "Jane Kelly Misel"."""
    words = person_tokens(name)
    if len(words) != 2:
        return False
    surname, given = (re.sub(r"['’-]", "", w) for w in words)
    return bool(_SURNAME_FIRST.fullmatch(surname) and _GIVEN_AFTER.fullmatch(given))


#: ``data/entities/surname_case_endings.tsv``: the Polish case endings of men's surnames
SURNAME_CASES_FILE = "entities/surname_case_endings.tsv"
SURNAME_CASE_COLUMNS = (Col("base", required=False, default=""), Col("form"), Col("case"))


@lru_cache(maxsize=1)
def surname_case_endings() -> tuple[tuple[str, str], ...]:
    """(end of the nominative, end of the case form) of each Polish case form of a man's
    surname, as spelling keys: ``("", "a")`` for Ławrow / Ławrowa."""
    return tuple((row["base"], row["form"]) for row in read_table(SURNAME_CASES_FILE, SURNAME_CASE_COLUMNS))


def given_name_key(word: str) -> str:
    """The key of a first name: its spelling key, and for the national forms of one East Slavic
    name (Volodymyr = Vladimir, Dmytro = Dmitry, Oleksandr = Alexander) the key of the first;
    for an English short form, its name's (Jake = Jacob, Bill = William)."""
    k = surname_key(word)
    return _given_name_forms().get(k, k)


#: A hyphen with a space on one side inside a name ("Frank -Walter"): a typesetting slip.
_LOOSE_HYPHEN = re.compile(r"(?<=\w) ?- ?(?=\w)")


def person_tokens(name: str) -> list[str]:
    """The name's words without leading titles and trailing suffixes ("President" / "Jr").

    A title in the plural ("Generals Zaluzhnyi and Syrskyi": the NER's span keeps the word)
    goes as the singular does; so does an organisation's acronym written before a full name,
    its affiliation ("FSB Aleksander Bortnikov", three capitals or more, before two words or
    more: two capitals are initials, "JD Vance"; not in a name set in capitals, "JOHN F KENNEDY")."""
    first = name.split(maxsplit=1)[0] if name.strip() else ""
    words = _LOOSE_HYPHEN.sub("-", fold(name).replace("'s ", " ")).split()
    if len(words) > 2 and len(first) >= 3 and is_acronym(first) and not name.isupper():
        words.pop(0)
    tset = titles()
    while len(words) > 1 and (words[0].rstrip(".") in tset or _plural_title(words[0], tset)):
        words.pop(0)
    # two-word titles ("prime minister", "foreign minister")
    while len(words) > 2 and " ".join(words[:2]) in tset:
        words = words[2:]
    while len(words) > 1 and words[-1].rstrip(".") in _SUFFIXES:
        words.pop()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return words


def _plural_title(word: str, tset: frozenset[str]) -> bool:
    return len(word) > 3 and word.endswith("s") and word[:-1] in tset


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> int:
    """How many words a person's name has, titles and suffixes left out (a fuller name
    replaces a canonical person's name: ``ledger.canonical``)."""
    return len(person_tokens(name))


def person_key(name: str) -> tuple[str, str]:
    """(surname key, first-name key or ''), e.g. ``("zelensky", "volodymyr")``.

    An initial stays one letter ("V. Zelensky" -> ``("zelensky", "v")``); the ledger joins
    it to the one full name with that initial (see :mod:`newsledger.ledger.canonical`).
    """
    words = person_tokens(name)
    if not words:
        return "", ""
    surname = surname_key(words[-1])
    first = given_name_key(words[0].rstrip(".")) if len(words) > 1 else ""
    return surname, first


#: Initials written with full stops ("U.N.", "U.S."): one word, as "UN" and "US" are.
_DOTTED_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def org_key(name: str) -> str:
    """Folded name without "the", "of", "for"; an acronym stays as written (folded), and
    initials with stops are the acronym ("U.N. Security Council" = "UN Security Council")."""
    name = _DOTTED_INITIALS.sub(lambda m: m.group(0).replace(".", ""), name)
    words = [w for w in fold(name).split() if w not in _ORG_FILLER]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def acronym(name: str) -> str:
    """Initials of the capitalised words: "Institute for the Study of War" -> "isw"."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper() and w.casefold() not in _ORG_FILLER]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


def is_acronym(name: str) -> bool:
    """"ISW", "NATO", "IAEA": capitals only, 2 to 8 of them."""
    return bool(_ACRONYM.fullmatch(name.strip()))


@lru_cache(maxsize=1 << 16)
def entity_key(label: str, name: str) -> str:
    """The merge key of an entity: people by surname and initial, others by folded name
    (cached: a ledger meets the same names in article after article)."""
    if label == "PERSON":
        surname, first = person_key(name)
        return f"{surname}|{first}" if surname else ""
    return org_key(name)


def place_key(geonameid: int | None, name: str) -> str:
    return f"gn:{geonameid}" if geonameid is not None else f"name:{fold(name)}"
