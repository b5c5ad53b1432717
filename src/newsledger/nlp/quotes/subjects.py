"""Who can be the subject of a verb of saying (issue 17).

A reporting verb reports speech only when its subject can speak: a person, a group, an
organisation or a country, a pronoun for one of those, a role noun ("the minister"), or a
document or channel that carries words ("a statement", "the report"). "Lakefront offers about
30 styles" and "This image shows ..." use the same verbs in another sense, with a noun phrase
as object. The test reads the subject's entity type and its head noun against closed,
documented word classes that the layers already keep (role titles in ``data/titles.tsv``,
source-type words, cue and channel nouns); no word here comes from an error list.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ...lexicons import role_titles
from .lexicon import Lexicon

#: Entity types that can speak: people, organisations, countries and their governments,
#: nationalities and groups ("Republicans").
SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Pronouns that stand for someone who can speak. "this", "that" and "which" do not
#: (they stand as often for a thing); "they" is a group or an organisation, and "it" in news is
#: most often one ("the paper said it backs ...").
SPEAKING_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "who", "whom", "one",
                               "someone", "somebody", "anyone", "everyone", "nobody", "many",
                               "some", "others", "few", "both", "all", "each", "most"})

#: Agent-noun endings (English derivational suffixes of persons: "critic-s" aside, "voter",
#: "moderator", "activist", "politician", "applicant"): a common noun so formed names someone
#: who acts, and so can speak.
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
#: Nouns for people in general, kin and collectives that speak as one (a closed class of
#: general words, not names).
PERSON_NOUNS = frozenset({"people", "person", "man", "woman", "men", "women", "public", "family",
                          "mother", "father", "parent", "son", "daughter", "wife", "husband",
                          "brother", "sister", "friend", "critic", "group", "crowd", "community",
                          "staff", "team", "side", "camp", "party", "chorus", "majority",
                          "minority", "ad", "advertisement", "campaign", "board", "editorial"})
#: Heads of a quantity of speakers ("dozens of editors", "73 percent of voters"): the
#: speaker is the noun in its "of" phrase.
QUANTITY_POS = frozenset({"NUM"})
#: Quantifiers that head a part of a group ("most of his competitors", "several of them",
#: "none of the three"), however the tagger reads them (an adjective, a noun, a determiner):
#: the speaker is the group in their "of" phrase. A closed class of English quantifiers.
QUANTIFIERS = frozenset({"most", "many", "some", "few", "all", "both", "each", "several",
                         "none", "half", "any", "either", "neither"})


@cache
def role_nouns() -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in role_titles())


def _head_word(t: Token) -> str:
    return t.lemma_.lower().rstrip(".")


def speech_subject(src: Token, lex: Lexicon) -> bool:
    """Whether ``src``, the head of a cue's subject, can be the one who says something."""
    if src.ent_type_ in SPEAKING_ENTS:
        return True
    if src.pos_ == "PRON":
        return src.lower_ in SPEAKING_PRONOUNS
    words = {_head_word(src), src.lower_}
    if words & role_nouns() or words & lex.cue_nouns or words & lex.channel_nouns or words & PERSON_NOUNS:
        return True
    if any(key == (w,) for w in words for key in lex.type_first.get(w, ())):
        return True
    if src.pos_ == "PROPN":
        # an untyped proper name: a name with a person's role or a possessive owner
        # ("Smith's lawyer") is a speaker, a bare brand name ("Lakefront") is not
        return any(c.dep_ in ("appos", "poss") or (c.dep_ == "compound" and c.ent_type_ in SPEAKING_ENTS)
                   for c in src.children)
    if src.pos_ == "NOUN" and src.lemma_.lower().endswith(AGENT_SUFFIXES) and len(src.lemma_) > 5:
        return True
    of = next((g for c in src.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"), None)
    if of is not None and (src.pos_ in QUANTITY_POS or src.lower_ in QUANTIFIERS
                           or src.ent_type_ in ("PERCENT", "CARDINAL")
                           or src.tag_ == "NNS" or src.lemma_.lower() in ("number", "percent", "share")):
        return speech_subject(of, lex)  # "dozens of editors", "a number of Democrats"
    # a noun owned by a speaker ("Putin's spokesman", "the ministry's data") or a compound of
    # a speaking name ("Kremlin spokesman", "White House officials")
    return any((c.dep_ == "poss" and speech_subject(c, lex))
               or (c.dep_ in ("compound", "appos") and c.ent_type_ in SPEAKING_ENTS)
               for c in src.children)
