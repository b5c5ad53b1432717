"""Titles before a name and appositive roles after it.

"Ukrainian President Volodymyr Zelensky" -> title "Ukrainian President", role "President",
affiliation "Ukraine". "Gustav Gressel, a Ukraine war analyst at the European Council on
Foreign Relations" -> role "Ukraine war analyst", affiliation "European Council on Foreign
Relations".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import demonyms, portfolio_words, title_words

#: Longest run of title tokens read before a name ("Former UK Defence Secretary" is 4).
MAX_TITLE_TOKENS = 5
#: Longest appositive read after a name, in characters. Real appositives in wire copy run
#: up to ~90 characters ("a senior fellow at the ... Institute for ... Studies").
MAX_APPOSITIVE_CHARS = 140

#: Forms of address: part of a title run, never of the role ("NAO head Sir John Bourn").
HONORIFICS = frozenset({"sir", "dame", "lord", "lady", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})

_APPOS_END = re.compile(r"[,;.:!?“”\"()\n]|\s[-–—]\s|\s(?:said|says|told|noted|added|warned|wrote)\b")
_AFFIL_SPLIT = re.compile(r"\s(?:at|of|with|for|from|in)\s+(?:the\s+)?(?=[A-Z])")
#: A prepositional phrase whose object is a common noun ("in an interview with ...", "on the
#: sidelines of ..."): it tells when or where the person spoke, not who they are.
_CIRCUMSTANCE = re.compile(r"\s(?:in|on|during)\s+(?:a|an|the|his|her|its|their)\s+[a-z]")
# A body's name ends at a relative or adverbial clause, at "and a <role noun>", and at a
# circumstance ("... for the State Department in the statement cited by ..."): the words of a
# name are capitalised, so a lower-case noun phrase after "in", "on" or "during" is no body.
_AFFIL_END = re.compile(
    r"\s(?:who|which|that|whose|where|when|while|since|after|before|because"
    r"|and\s+(?:a|an|the)\s+[a-z]+(?:ist|er|or|ant))\b|" + _CIRCUMSTANCE.pattern)
_POSSESSOR = re.compile(r"[A-Z][\w.-]*['’]s\s")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)


@dataclass(frozen=True)
class RoleInfo:
    title: tuple[int, int] | None = None  # char span of the title run before the name
    role: str | None = None
    role_span: tuple[int, int] | None = None
    affiliation: str | None = None
    affiliation_span: tuple[int, int] | None = None


def _is_title_token(text: str) -> bool:
    low = text.lower()
    return low in title_words() or low in demonyms()


def is_portfolio(t: Token) -> bool:
    """"Defence" in "Defence Minister", "Interior" in "Interior Minister": a one-word body the
    NER found, written in title case (no acronym) right before a capitalised title noun, is
    the office's portfolio, part of the role; it names no body by itself ("NATO Secretary
    General" keeps its acronym, "Kremlin spokesman" its lower-case role). So is a word that
    starts a multi-word title of the lexicon before any role noun ("Defense analyst")."""
    doc = t.doc
    if t.ent_type_ != "ORG" or t.ent_iob_ != "B" or not t.is_title:
        return False
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is None or nxt.ent_iob_ == "I" or nxt.lower_ not in title_words():
        return False
    return nxt.is_title or t.lower_ in portfolio_words()


#: Lower-case words that open a surname ("von der Leyen", "de Gaulle"): part of the name, so
#: never the end of a title before it ("President von der Leyen" has the role "President").
SURNAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "dos", "del", "la", "le",
                               "bin", "ibn"})


def name_start(ent: Span) -> int:
    """Where a person's name starts: before the surname particles the NER left outside it."""
    doc = ent.doc
    i = ent.start
    while i > 0 and doc[i - 1].lower_ in SURNAME_PARTICLES and doc[i - 1].is_lower:
        i -= 1
    return i


def _joins_title(t: Token, end: int) -> bool:
    """A lower-case word or a hyphen that belongs to the title run after it: the portfolio
    noun of a role ("press secretary", "defence minister": a noun compound of a word later
    in the run, or a word that opens a multi-word title of the lexicon), or the hyphen of a
    hyphenated office ("Secretary-General", written with no space on either side). An
    adjective outside the lexicon ("the powerful minister") is not the office's own word."""
    doc = t.doc
    if t.text in HYPHENS:
        return (t.i > 0 and not t.whitespace_ and not doc[t.i - 1].whitespace_
                and doc[t.i - 1].is_title and doc[t.i + 1].is_title)
    if not t.is_lower or not (t.i < t.head.i < end):
        return False
    return (t.dep_ == "compound" and t.pos_ == "NOUN") or t.lower_ in portfolio_words()


#: The hyphens that join the two words of a hyphenated office ("Secretary-General").
HYPHENS = frozenset({"-", "‐", "‑"})


def _possessor_before(doc: Doc, first: int) -> Span | None:
    """"Kenya's" in "Kenya's Prime Minister Daniel Mwangi": a country or body that owns the
    office (a GPE or ORG the NER found, ending in a possessive right before the title run) is
    its affiliation. A person who owns it ("Biden's adviser") is not."""
    if first < 2 or doc[first - 1].tag_ != "POS":
        return None
    owner = next((e for e in doc.ents if e.end == first - 1), None)
    if owner is None or owner.label_ not in ("GPE", "ORG"):
        return None
    return owner


def title_before(ent: Span) -> RoleInfo | None:
    """The run of title words directly before a person's name."""
    doc = ent.doc
    ent = doc[name_start(ent):ent.end]
    i = ent.start - 1
    first = None
    has_title = False
    while i >= 0 and ent.start - i <= MAX_TITLE_TOKENS:
        t = doc[i]
        # a clause word ("While", "As", "When", "After": SCONJ) starts another phrase
        if (t.is_punct and not (has_title and t.text in HYPHENS and _joins_title(t, ent.end))) \
                or t.is_space or t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ"):
            break
        low = t.lower_
        if low in title_words():
            has_title = True
        elif low in HONORIFICS or (has_title and _joins_title(t, ent.end)):
            pass
        elif not (low in demonyms() or t.is_title or t.ent_type_ in ("NORP", "GPE", "ORG")):
            break
        first = i
        i -= 1
    if first is None or not has_title:
        return None
    toks = doc[first:ent.start]
    affiliation = None
    aff_span = None
    role_start = first
    for t in toks:
        country = demonyms().get(t.lower_)
        if country is None and is_portfolio(t):
            break
        # a common noun the NER took for a body is the role's field ("Defense analyst"); an
        # acronym is a name whatever its tag ("ISW analysts")
        if country is not None and t.ent_iob_ == "B" and doc[t.i + 1].ent_iob_ == "I" \
                and doc[t.i + 1].i < ent.start:
            country = None  # "European" opening "European Commission": the body, not the region
        if country is not None or (t.ent_type_ in ("GPE", "ORG", "NORP") and (t.pos_ != "NOUN" or t.is_upper)):
            affiliation = country or t.text
            aff_span = (t.idx, t.idx + len(t))
            if country is None and t.ent_iob_ == "I":  # the whole name of the body, from its start
                begin = t.i
                while begin > first and doc[begin].ent_iob_ == "I":
                    begin -= 1
                affiliation = doc[begin:t.i + 1].text
                aff_span = (doc[begin].idx, t.idx + len(t))
            role_start = t.i + 1
        else:
            break
    if affiliation is None:
        owner = _possessor_before(doc, first)
        if owner is not None:
            # a metonym the nationality table knows ("the Kremlin's") names its country
            affiliation = demonyms().get(owner.text.lower(), owner.text)
            aff_span = (owner.start_char, owner.end_char)
    role_end = ent.start
    while role_end > role_start and doc[role_end - 1].lower_ in HONORIFICS:
        role_end -= 1
    if role_start >= role_end:
        return None
    role_toks = doc[role_start:role_end]
    kept = clean_role(role_toks.text, role_toks.start_char)
    if kept is None:
        return None
    return RoleInfo(
        title=(toks.start_char, toks.end_char),
        role=role_toks.text[kept[0] - role_toks.start_char:kept[1] - role_toks.start_char],
        role_span=kept,
        affiliation=affiliation,
        affiliation_span=aff_span,
    )


def appositive_after(ent: Span, text: str | None = None) -> RoleInfo | None:
    """", a Ukraine war analyst at the European Council on Foreign Relations" after a name."""
    if text is None:  # Doc.text is rebuilt from the tokens on every access: pass it in
        text = ent.doc.text
    pos = ent.end_char
    m = re.match(r",\s+", text[pos:pos + 3])
    if not m:
        return None
    start = pos + m.end()
    window = text[start:start + MAX_APPOSITIVE_CHARS]
    end_m = _APPOS_END.search(window)
    phrase = window[: end_m.start()] if end_m else window
    circ = _CIRCUMSTANCE.search(phrase)
    if circ:
        phrase = phrase[: circ.start()]
    art = _ARTICLE.match(phrase)
    if not art:
        # "X, President of Y," / "X, spokesman for Y": no article, but must begin with a title
        first_word = phrase.split(" ", 1)[0].lower() if phrase else ""
        if first_word not in title_words():
            return None
        skip = 0
    else:
        skip = art.end()
    body = phrase[skip:].rstrip()
    if not body:
        return None
    split = _AFFIL_SPLIT.search(body)
    role_txt = _before_participle(ent.doc, body[: split.start()] if split else body, start + skip)
    words = [w.lower().strip(".") for w in role_txt.split()]
    if not words or not any(w in title_words() or w.rstrip("s") in title_words() for w in words):
        return None
    role_start = start + skip
    kept = clean_role(role_txt, role_start)
    if kept is None:
        return None
    info = RoleInfo(role=text[kept[0]:kept[1]], role_span=kept)
    split = _body_split(body, split)
    if split:
        aff_start = role_start + split.end()
        aff = body[split.end():]
        # an affiliation ends where a relative clause or another clause begins
        cut = _AFFIL_END.search(aff)
        if cut:
            aff = aff[: cut.start()]
        aff = aff.rstrip(" '’")
        if aff:
            return RoleInfo(role=info.role, role_span=info.role_span, affiliation=aff,
                            affiliation_span=(aff_start, aff_start + len(aff)))
    return info


def _before_participle(doc: Doc, role_txt: str, start: int) -> str:
    """A role phrase ends before a participle that opens a reduced relative clause ("a lead
    analyst specializing in ...", "an officer serving in ...")."""
    span = doc.char_span(start, start + len(role_txt), alignment_mode="contract")
    if span is None:
        return role_txt
    for t in span[1:]:
        if t.tag_ in ("VBG", "VBN") and t.pos_ == "VERB":
            return role_txt[: t.idx - start].rstrip()
    return role_txt


def _body_split(body: str, split: re.Match[str] | None) -> re.Match[str] | None:
    """The preposition that introduces the body: "associate professor of Russian politics at
    University College London" -> "at". A phrase after "of"/"at" with no article whose last
    word is lower case ("Russian politics", "European security") is a field of study or work,
    not an affiliation; the body is named after it, or there is none."""
    while split is not None:
        nxt = _AFFIL_SPLIT.search(body, split.end())
        seg = body[split.end(): nxt.start() if nxt else len(body)]
        cut = _AFFIL_END.search(seg)
        seg = (seg[: cut.start()] if cut else seg).rstrip(" '’")
        last = seg.split()[-1] if seg.split() else ""
        if not last.islower() or re.search(r"\bthe\s*$", split.group()) or _POSSESSOR.match(seg):
            # a name, or a definite phrase ("the Pokrovsk city administration", "Ukraine's
            # eastern group of forces": a possessor is as definite as "the")
            return split
        if cut:
            return None  # the phrase ends inside the field
        split = nxt
    return None


#: Words that may stand, lower case, before a capitalised title and stay part of the role
#: ("former Russian President"); any other lower-case word there starts a different phrase
#: ("... military aid package President Joe Biden").
ROLE_MODIFIERS = frozenset({"former", "acting", "deputy", "then", "current", "ex", "outgoing",
                            "incoming", "late", "vice", "interim", "newly", "elected", "first"})
_WORD = re.compile(r"\S+")
_FIGURE = re.compile(r"\d|[$€£¥₴₽%]|year-old|-old\b|^aged?$", re.I)
_FIGURE_WORDS = frozenset({"billion", "million", "thousand", "hundred", "trillion"})


def clean_role(text: str, start: int = 0) -> tuple[int, int] | None:
    """The part of a role phrase that is a role: never an age ("71-year-old"), a figure or
    the words of another phrase run into a title. Returns the char span (offset by ``start``)
    of what is left, or None when nothing is."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    while words and (_FIGURE.search(words[0][2]) or words[0][2].lower() in _FIGURE_WORDS):
        words.pop(0)
    if not words:
        return None
    last = words[-1][2].strip(".,'’")
    if last[:1].isupper() and last.lower() in title_words():
        cut = -1
        for k, (_, _, w) in enumerate(words[:-1]):
            low = w.lower()
            if w.islower() and low not in ROLE_MODIFIERS and low not in title_words() and low not in demonyms():
                cut = k
        words = words[cut + 1:]
    if any(_FIGURE.search(w) or w.lower() in _FIGURE_WORDS for _, _, w in words):
        return None
    return start + words[0][0], start + words[-1][1]
