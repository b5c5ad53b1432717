"""Tokenising text that holds long runs of one punctuation character, in linear time.

spaCy's tokenizer strips prefixes and suffixes from a whitespace-delimited word one at a
time, copying what is left of the word at each step: a run of ``n`` quote marks costs
``O(n²)`` (measured with the small English model: 10,000 ``"`` took 9.7 s, 20,000 took
38.7 s, 40,000 took 155 s; a known upstream behaviour). :func:`tokenize` cuts each run of
:data:`PUNCT_RUN_MIN` or more of one non-word, non-space character into one-character
tokens (spaCy makes the same tokens of ``"``, ``)`` or ``!`` runs, one prefix or suffix at a
time) and gives the tokenizer only the text between runs. The Doc's text is the article's
text unchanged, so every character offset stays valid.
"""

from __future__ import annotations

import re
from typing import cast

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

#: Shortest run of one punctuation character that is cut before the tokenizer. Prose has
#: nothing near it (separator lines of dashes or equals signs run to 40-80 characters and
#: are still tokenised by spaCy); below it the quadratic cost is under 2 ms (128² steps).
PUNCT_RUN_MIN = 128

_RUN = re.compile(r"([^\w\s])\1{" + str(PUNCT_RUN_MIN - 1) + ",}")


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, with long punctuation runs made into tokens in linear time."""
    if _RUN.search(text) is None:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []

    def add(piece: str) -> None:
        if piece.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True  # one space after the run belongs to its last token
            piece = piece[1:]
        if piece:
            for tok in nlp.make_doc(piece):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

    pos = 0
    for m in _RUN.finditer(text):
        add(text[pos:m.start()])
        words.extend(m.group(0))
        spaces.extend([False] * len(m.group(0)))
        pos = m.end()
    add(text[pos:])
    return Doc(nlp.vocab, words=words, spaces=spaces)


#: Sentence ends glued to a quotation dash, as scraped copy loses the paragraph break before a
#: dash-quoted paragraph ("... said the ministry.- We will not ..."): the dash after a sentence
#: end is a token of its own (a suffix when a space follows, an infix before a capital or a
#: quotation mark), and the sentence end before it too. Hyphens inside words ("well-known",
#: "self -determination") are untouched: a letter, not a sentence end, precedes them.
GLUED_DASH_SUFFIXES = (r"(?<=[.!?])[-–—]",)
GLUED_DASH_INFIXES = (r"(?<=[a-z])[.!?](?=[-–—])", r"(?<=[.!?])[-–—](?=[A-Z\"“„])")
#: A question or exclamation mark glued to the capital that starts the next sentence ("… for
#: propaganda?Sergei Lavrov said"), as scraped and machine-translated copy loses the space: a
#: token of its own, as spaCy's own infixes already make a full stop between a lower-case
#: letter and a capital ("Nowak.He"). Otherwise the next sentence's first name is glued to the
#: word before it, and the ledger gets a person "propaganda?Sergei Lavrov".
GLUED_SENTENCE_INFIXES = (r"(?<=[a-z])[!?](?=[A-Z])",)


#: A lower-case word glued to the capitalised name after it ("… leaders includingEmmanuel
#: Macron", "fighting inDonbas"), as scraped and machine-translated copy loses the space: two
#: tokens. Only where the token starts with four lower-case letters or more, or with one of
#: the two- and three-letter function words of English (prepositions, articles, conjunctions:
#: a closed class), and ends with one capitalised word; so brand names that start with a
#: capital ("PowerPoint", "BlackRock") and other short lower-case prefixes ("iPhone", "eBay",
#: "deGrom") stay whole. A zero-width infix (spaCy splits there); one lookbehind per prefix,
#: as a lookbehind has a fixed width.
GLUED_SHORT_WORDS = ("in", "on", "at", "of", "to", "by", "as", "or", "the", "and", "for", "but", "nor", "via")
GLUED_NAME_INFIXES = (
    "(?:" + "|".join([*(rf"(?<=^{w})" for w in GLUED_SHORT_WORDS),
                      *(rf"(?<=^[a-z]{{{n}}})" for n in range(4, 25))]) + r")(?=[A-Z][a-z]+$)",
)


#: A capitalised word glued to the pronoun or article that opens the next sentence
#: ("… Foreign" as a heading, then "He said …": "ForeignHe"): two tokens. The second part is a
#: closed class (subject pronouns and articles that open sentences), which brand names built
#: from two capitalised words ("PowerPoint", "BlackRock") do not end with.
GLUED_OPENERS = ("He", "She", "They", "We", "The")
GLUED_OPENER_INFIXES = (
    "(?:" + "|".join(rf"(?<=^[A-Z][a-z]{{{n}}})" for n in range(2, 20)) + ")(?=(?:"
    + "|".join(GLUED_OPENERS) + ")$)",
)

#: Quotation marks glued to punctuation and words where scraped copy lost the space after a
#: sentence ("… out of Belarus."He added", "nothing to hide"."It was", "read:"We will"): the
#: mark is a token of its own, and so is the punctuation before it. Otherwise '"He' is one
#: token (a speaker the quotes layer cannot read as "he") and 'structures"' a name.
GLUED_QUOTE_INFIXES = (
    r"(?<=[.,;:!?])[\"“”](?=[A-Za-z])",
    r"(?<=[A-Za-z0-9])[\"”](?=[.,;:!?])",
    r"(?<=[A-Za-z0-9])(?<!\.[A-Z])[.,;:!?](?=[\"“”][A-Za-z.,;:])",  # not an abbreviation's "U.S."
)


def adapt_tokenizer(nlp: Language) -> None:
    """Add the glued-dash, glued-sentence, glued-name and glued-quote rules to the model's
    tokenizer (the language's own rules kept)."""
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.suffix_search = compile_suffix_regex([*(nlp.Defaults.suffixes or ()), *GLUED_DASH_SUFFIXES]).search
    tokenizer.infix_finditer = compile_infix_regex(
        [*(nlp.Defaults.infixes or ()), *GLUED_DASH_INFIXES, *GLUED_SENTENCE_INFIXES,
         *GLUED_NAME_INFIXES, *GLUED_OPENER_INFIXES, *GLUED_QUOTE_INFIXES]).finditer
