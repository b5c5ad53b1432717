"""Attributions in title-case headlines: "Zelensky Says Ukraine Will Not Cede Land",
"Trump Could Address Energy, Lindsey Graham Says".

In title case the tagger takes the verb for a proper noun, so the parse finds no cue. A
headline is the article's first line or a heading line (``doc._.nl_headings``) with most
words capitalised; its cue is a third-person form of a lexicon verb ("Says", "Warns").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..context import Context
from .candidate import Candidate
from .lexicon import Lexicon
from .spans import pieces

#: A headline has at most this many words; longer first lines are running text.
MAX_HEADLINE_WORDS = 25
#: Share of words that must start with a capital letter for a line to be in title case.
#: Title-case headlines capitalise all words but short function words (about 70-90%);
#: sentence-case ones capitalise the first word and names (usually under 40%).
MIN_CAPITALISED = 0.6
#: Classes whose verbs report in headlines ("Says", "Warns", "Denies", "Urges").
HEADLINE_CLASSES = frozenset({"speech", "belief", "intent", "stance", "evidence"})


_FORMS: dict[int, frozenset[str]] = {}


def _forms(lex: Lexicon) -> frozenset[str]:
    found = _FORMS.get(id(lex))
    if found is None:
        forms = {"said"}
        for lemma, cls in lex.verbs.items():
            if cls in HEADLINE_CLASSES:
                forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"))
        found = _FORMS[id(lex)] = frozenset(forms)
    return found


def _title_case(words: list[str]) -> bool:
    alpha = [w for w in words if w[:1].isalpha()]
    return bool(alpha) and sum(w[0].isupper() for w in alpha) >= MIN_CAPITALISED * len(alpha)


def headline_cues(doc: Doc, ix: Context, lex: Lexicon, lines: list[tuple[int, int]],
                  taken: set[int]) -> list[Candidate]:
    """Cues of title-case headlines; ``taken`` holds token indices already used as cues."""
    spans = list(ix.headings)
    if lines:
        spans.append(lines[0])
    out: list[Candidate] = []
    text = ix.text
    forms = _forms(lex)
    for a, b in sorted(set(spans)):
        words = text[a:b].split()
        if len(words) > MAX_HEADLINE_WORDS or not _title_case(words):
            continue
        lo, hi = ix.token_at(a), ix.token_at(b - 1)
        if lo is None or hi is None:
            continue
        toks = [t for t in doc[lo:hi + 1] if not t.is_space]
        while toks and toks[-1].is_punct and toks[-1].text not in ("”", "’", "'", "\""):
            toks.pop()
        for k, t in enumerate(toks):
            if k == 0 or t.lower_ not in forms or t.i in taken:
                continue
            before, after = toks[:k], toks[k + 1:]
            if not after and len(before) > 2 and "," in [x.text for x in before]:
                comma = max(j for j, x in enumerate(before) if x.text == ",")
                content, source = before[:comma], before[comma + 1:]
            else:
                content, source = after, before
            if len(content) < 3 or not source or len(source) > 6:
                continue
            head = source[-1]
            if head.is_punct or head.pos_ in ("VERB", "AUX", "ADP"):
                continue
            out.append(Candidate([t.i], head, pieces(doc, [x.i for x in content]), anchor=t.i))
            break
    return out
