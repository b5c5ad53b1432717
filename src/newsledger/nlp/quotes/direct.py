"""Attach quotations to cues: the parts of direct speech that the parse does not link.

- A content piece that starts or ends inside a quotation grows to the whole quotation, and a
  quotation that runs over several paragraphs joins as further pieces.
- "He said:" and "“…,” he said" take the adjacent quotation; "“…,” he said, “…”" gets the
  second quotation as a second piece of the same quote.
- "Zelensky: “…”" (colon), "“…” — Name" (dash) and transcript lines ("PENCE: Well, …").
- A floating quotation (whole sentences in quotation marks with no cue) keeps the speaker of
  the quote just before it, if that quote is close enough.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..context import Context
from .candidate import Candidate
from .marks import Region
from .spans import pieces

#: Characters allowed between a cue clause and the quotation it introduces or follows.
GAP_CHARS = frozenset(" \t\n,:;—–―-")
#: A floating quotation must have at least this many words and open a sentence; shorter
#: quoted bits are scare quotes or titles. Quoted fragments inside reported speech in PolNeAR
#: train have a median of 4 words, but they rarely open a sentence, so the figure matters
#: little: 2 to 6 moved content F1 on PolNeAR train and dev by less than 0.001.
MIN_FLOAT_WORDS = 4
#: A floating quotation keeps the previous speaker if that quote ended at most this many
#: paragraphs earlier. Wire copy runs a speaker's quotes over 1-3 consecutive paragraphs;
#: 1 (the next paragraph): PolNeAR annotates almost no quote without a cue in a later
#: paragraph, so each further paragraph allowed costs precision there.
MAX_FLOAT_PARAGRAPHS = 1
#: Nouns whose owner is the speaker of a story's opening quotation ("Those were the words
#: of X", "That was the warning from X").
OPENING_OWNER_NOUNS = frozenset({"word", "words", "warning", "message", "verdict", "view", "assessment",
                                 "comment", "remark", "statement", "plea", "appeal", "promise", "vow"})
#: Labels at a line start that are never speakers ("UPDATE: ...").
NOT_SPEAKERS = frozenset({"update", "updated", "note", "photo", "video", "watch", "read",
                          "breaking", "correction", "editor", "source", "sources", "via",
                          "related", "see", "also", "q", "a", "live", "exclusive", "analysis"})
#: A speaker label before a colon ("Dr. Ben Carson: ...") has at most this many tokens.
MAX_LABEL_TOKENS = 5
LABEL_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PUNCT", "ADP", "CCONJ"})
#: At most this many tokens of the cue's adjuncts ("told Capital Download on Wednesday")
#: between a quotation's two pieces; longer stretches are a new clause.
MAX_ADJUNCT_TOKENS = 8
#: "That's according to X", "This was reported by X", "X said this": the demonstrative that
#: points back to the paragraph before, as subject, passive subject or object of the cue.
DEMONSTRATIVES = frozenset({"this", "that"})
BACK_REFERENCE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
#: A paragraph pointed back to must have at least this many characters (a heading is no claim).
MIN_BACK_REFERENCE_CHARS = 40
_QUOTES = frozenset({"“", "”", "\"", "''", "«", "»"})
_DASH_AFTER = re.compile(r"[^\S\n]*[—―–-]{1,2}[^\S\n]*")  # spaces, no-break spaces
_WORD = re.compile(r"\w+")
_COLON_END = re.compile(r"[^\S\n]*:[^\S\n]*\n\s*")  # a colon that ends its line, and the blank lines after


class Linker:
    def __init__(self, doc: Doc, regions: list[Region], lines: list[tuple[int, int]], ix: Context):
        self.doc = doc
        self.ix = ix
        self.text = ix.text
        self.regions = [r for r in regions if not r.single]
        self.starts = [r.start for r in self.regions]
        self.groups: dict[int, list[Region]] = {}
        for r in self.regions:
            self.groups.setdefault(r.group, []).append(r)
        self.line_starts = [a for a, _ in lines]
        self.covered: set[int] = set()  # groups already used as content
        self.anchors: set[int] = set()  # token indices of the cues found over the parse

    def line_of(self, pos: int) -> int:
        return bisect_right(self.line_starts, pos) - 1

    def token_at(self, pos: int) -> Token | None:
        i = self.ix.token_at(pos)
        return self.doc[i] if i is not None else None

    # ------------------------------------------------------------------ growing content

    def grow(self, cand: Candidate) -> None:
        """Grow pieces to the quotations they touch; add the rest of multi-paragraph ones."""
        out: list[tuple[int, int]] = []
        groups: set[int] = set()
        for a, b in cand.content:
            for r in self._overlapping(a, b):
                if r.start >= b or r.end <= a:
                    continue  # past the end of a piece cut short below
                if self._touches_only(a, b, r):
                    # "… the invasion of Ukraine.- At the moment I …": the piece ends on the
                    # token ".-" that opens the quotation; it is not that quotation's words
                    a, b = (a, r.start) if r.start > a else (r.end, b)
                    continue
                groups.add(r.group)
                a, b = min(a, r.start), max(b, r.end)
            if a < b:
                out.append((a, b))
        for g in groups:
            regs = self.groups[g]
            if len(regs) > 1:
                out.extend((r.start, r.end) for r in regs)
            self.covered.add(g)
        cand.content = _merge(out)

    def _touches_only(self, a: int, b: int, r: Region) -> bool:
        """Whether ``text[a:b]`` shares with the region ``r`` only its opening or closing mark
        (punctuation fused into one token with the word before or after it: "… the attack.-
        At the moment I …" has the token ".-"), so that it is not the region's words."""
        if (r.start >= a and r.end > b) or (r.start < a and r.end <= b):
            shared = self.text[max(a, r.start):min(b, r.end)]
            return not any(ch.isalnum() for ch in shared)
        return False

    def _overlapping(self, a: int, b: int) -> list[Region]:
        i = max(0, bisect_right(self.starts, a) - 1)
        out = []
        while i < len(self.regions) and self.regions[i].start < b:
            r = self.regions[i]
            if r.end > a:
                out.append(r)
            i += 1
        return out

    def _group_pieces(self, g: int) -> list[tuple[int, int]]:
        self.covered.add(g)
        return [(r.start, r.end) for r in self.groups[g]]

    # ------------------------------------------------------------------ cue-adjacent quotations

    def _clause_span(self, cand: Candidate) -> tuple[int, int]:
        toks = [self.doc[i] for i in cand.cue]
        if cand.source is not None:
            toks.extend((cand.source.left_edge, cand.source.right_edge))
        lo = min(t.idx for t in toks)
        hi = max(t.idx + len(t) for t in toks)
        return lo, hi

    def _region_after(self, pos: int) -> Region | None:
        i = bisect_right(self.starts, pos)
        if i < len(self.regions):
            r = self.regions[i]
            if r.group not in self.covered and all(c in GAP_CHARS for c in self.text[pos:r.start]):
                return r
        return None

    def _region_before(self, pos: int) -> Region | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0:
            r = self.regions[i]
            if r.end <= pos and r.group not in self.covered and all(
                    c in GAP_CHARS for c in self.text[r.end:pos]):
                return r
        return None

    def _region_after_adjuncts(self, cand: Candidate, pos: int, ends: tuple[str, ...] = (",",)) -> Region | None:
        """"“A,” Schiff told the paper on Wednesday, “B.”": the cue's own adjuncts, a comma,
        then the rest of the quotation. With ``ends`` (",", ":") the quotation a cue with no
        content introduces after its own object and adjuncts ("..., telling reporters, “…”",
        "saying at one point: “…”")."""
        i = bisect_right(self.starts, pos)
        if i >= len(self.regions):
            return None
        r = self.regions[i]
        gap = self.text[pos:r.start]
        head = gap.rstrip()
        # a paragraph break only after a colon ("told his audience, to applause: ¶ “…”")
        if r.group in self.covered or "\n" in head or not head.endswith(ends) or (
                "\n" in gap and not head.endswith(":")):
            return None
        a, b = self.ix.token_at(pos), self.ix.token_at(r.start)
        if a is None or b is None or b - a > MAX_ADJUNCT_TOKENS:
            return None
        verb = self.doc[cand.anchor]
        if any(t.pos_ in ("VERB", "AUX") or t.text in _QUOTES or not verb.is_ancestor(t)
               for t in self.doc[a:b] if not t.is_punct):
            return None
        return r

    def _region_next_sentence(self, pos: int) -> Region | None:
        """An uncovered quotation opening the sentence after the one ending at ``pos``."""
        t = self.token_at(max(0, pos - 1))
        if t is None:
            return None
        last = self.doc[self.ix.sent(t.i)[1] - 1]
        end = last.idx + len(last)
        i = bisect_right(self.starts, pos - 1)
        if i >= len(self.regions):
            return None
        r = self.regions[i]
        if r.start < end and r.start != last.idx:  # the parser may end a sentence on “
            return None
        if r.group in self.covered or self.text[min(end, r.start):r.start].strip(" \t") != "":
            return None
        a = self.ix.token_at(r.start)
        if a is not None:
            z = self.ix.token_at(r.end - 1) or a
            # to the end of the sentence the quotation ends in: one of several sentences ("- B1.
            # B2 - he replied.") has its cue after the last
            b = self.ix.sent(max(z, a + 1 if a + 1 < len(self.doc) else a))[1]
            inside = range(a, z)
            if any(i in self.anchors and i not in inside for i in range(a, b)):
                return None  # "“A,” she said. “B,” he replied.": B has its own cue
        return r

    def attach(self, cand: Candidate) -> None:
        lo, hi = self._clause_span(cand)
        if cand.needs_content:
            r = self._region_after(hi) or self._region_after_adjuncts(cand, hi, (",", ":"))
            if r is None and not self.text[hi:hi + 3].lstrip().startswith(":"):
                r = self._region_before(lo)
            if r is not None:
                cand.content = self._group_pieces(r.group)
                cand.needs_content = False
            elif self.text[hi:hi + 3].lstrip().startswith(":"):
                cand.content = self._rest_of_sentence(hi) or self._paragraph_after_colon(hi)
                cand.needs_content = not cand.content
        elif cand.content_left and cand.content:
            r = self._region_after(hi) or self._region_after_adjuncts(cand, hi)
            if r is not None and "," in self.text[hi:r.start]:
                cand.content = _merge(cand.content + self._group_pieces(r.group))
            else:
                r = self._region_next_sentence(hi)
                if r is not None:  # "“A,” she said on Monday. “B.”"
                    cand.content = _merge(cand.content + self._group_pieces(r.group))

    def _paragraph_after_colon(self, pos: int) -> list[tuple[int, int]]:
        """"He said: ¶ Let no one be mistaken …": a cue whose colon ends its paragraph
        introduces the next paragraph, quoted as a block without quotation marks."""
        m = _COLON_END.match(self.text, pos)
        if m is None:
            return []
        a = m.end()
        b = self.text.find("\n", a)
        b = len(self.text) if b < 0 else b
        while b > a and self.text[b - 1].isspace():
            b -= 1
        if len(_WORD.findall(self.text, a, b)) < MIN_FLOAT_WORDS or self._overlapping(a, b):
            return []
        return [(a, b)]

    def _rest_of_sentence(self, pos: int) -> list[tuple[int, int]]:
        t = self.token_at(pos)
        if t is None:
            return []
        a, b = self.ix.sent(t.i)
        toks = [x.i for x in self.doc[a:b] if x.idx > pos and x.text != ":"]
        return pieces(self.doc, toks) if len(toks) >= 3 else []

    # ------------------------------------------------------------------ "That's according to X"

    def back_reference(self, cand: Candidate) -> None:
        """"CLAIM. ¶ That's according to X" / "This was reported by X" / "X said this in …":
        a cue whose content is a bare demonstrative, opening its paragraph, reports the
        paragraph before it (a news-agency convention)."""
        heads = [self.doc[cand.anchor]]
        if cand.kind == "according-to":  # the parser makes "according" a verb, or hangs it on one
            h = heads[0].head
            while h.pos_ not in ("VERB", "AUX") and h.dep_ != "ROOT":
                h = h.head
            heads.append(h)
        found = [(h, c) for h in heads for c in h.children if c.dep_ in BACK_REFERENCE_DEPS
                 and c.lower_ in DEMONSTRATIVES and not list(c.children)]
        if not found:
            return
        head, demo = found[0]
        if self.ix.sent(head.i)[0] != self.ix.sent(demo.i)[0]:
            return
        if cand.kind != "according-to" and cand.content != [(demo.idx, demo.idx + len(demo))]:
            return  # "described that as “an intentional act”": the verb reports more than "that"
        sent_start = self.doc[self.ix.sent(head.i)[0]]
        line = self.line_of(sent_start.idx)
        if line <= 0 or self.text[self.line_starts[line]:sent_start.idx].strip():
            return  # not the paragraph's first sentence
        a = self.line_starts[line - 1]
        b = self.text.find("\n", a)
        b = len(self.text) if b < 0 else b
        while b > a and self.text[b - 1].isspace():
            b -= 1
        if b - a < MIN_BACK_REFERENCE_CHARS or self._covered_at(a, b):
            return
        cand.content = [(a, b)]
        cand.content_left = True
        cand.needs_content = False

    # ------------------------------------------------------------------ quotations with no verb

    def colon_and_dash(self) -> list[Candidate]:
        out = []
        for g, regs in self.groups.items():
            if g in self.covered:
                continue
            first, last = regs[0], regs[-1]
            src = cue = None
            m = _DASH_AFTER.match(self.text, last.end)
            if m and m.end() > m.start() and last.closed:
                t = self.token_at(m.end())
                if t is not None and (t.pos_ == "PROPN" or t.ent_type_ == "PERSON"):
                    src = _name_head(t)
                    cue = self.token_at(m.start() + len(m.group()) - len(m.group().lstrip()))
            if src is None:
                before = self.text[:first.start].rstrip(" \t\n")
                if before.endswith(":"):
                    colon = self.token_at(len(before) - 1)
                    if colon is not None and colon.i > 0:
                        prev = self.doc[colon.i - 1]
                        if ((prev.pos_ in ("PROPN", "PRON") or prev.ent_type_ in ("PERSON", "ORG"))
                                and not _inner_argument(prev)):
                            src, cue = prev, colon
            if src is not None and cue is not None:
                out.append(Candidate([cue.i], src, self._group_pieces(g), anchor=cue.i))
        return out

    def transcript_lines(self) -> list[Candidate]:
        """"PENCE: Well, look, ...", "Zelensky: We will win" and "Poll: ..." at a line start."""
        out = []
        for ls in self.line_starts:
            t = self.token_at(ls)
            if t is None:
                continue
            if t.text in ("\"", "“") and t.i + 1 < len(self.doc):
                t = self.doc[t.i + 1]
            colon = next((x for x in self.doc[t.i: t.i + MAX_LABEL_TOKENS + 1] if x.text == ":"), None)
            if colon is None or colon.i == t.i or "\n" in self.text[t.idx:colon.idx]:
                continue
            name = self.doc[t.i: colon.i]
            if not _speaker_label(name) or colon.i + 1 >= len(self.doc) or self.doc[colon.i + 1].like_num:
                continue
            end = self.text.find("\n", colon.idx)
            end = len(self.text) if end < 0 else end
            toks = [x.i for x in self.doc[colon.i + 1:] if x.idx < end]
            if len(toks) < 3:
                continue
            cont = pieces(self.doc, toks)
            if cont and not any(self._overlapping(a, b) and self._covered_at(a, b) for a, b in cont):
                out.append(Candidate([colon.i], name.root, cont, anchor=colon.i))
        return out

    def _covered_at(self, a: int, b: int) -> bool:
        return any(r.group in self.covered for r in self._overlapping(a, b))

    def _other_person_between(self, a: int, b: int, parent: Candidate) -> bool:
        lo, hi = self.ix.token_at(a), self.ix.token_at(b)
        if lo is None or hi is None:
            return False
        own = _person_words(parent)
        return any(label == "PERSON" and lo <= start < hi
                   and not {t.lower_ for t in self.doc[start:end]} & own
                   for start, end, label in self.ix.ents)

    def floating(self, cands: list[Candidate]) -> list[Candidate]:
        """Uncovered whole-sentence quotations take the speaker of the quote before them."""
        out = []
        ordered = sorted((c for c in cands if c.content and (c.source is not None or c.inherit)),
                         key=lambda c: c.content[-1][1])
        ends = [c.content[-1][1] for c in ordered]
        for g, regs in sorted(self.groups.items(), key=lambda kv: kv[1][0].start):
            if g in self.covered:
                continue
            first = regs[0]
            words = sum(len(_WORD.findall(self.text[r.start:r.end])) for r in regs)
            t = self.token_at(first.start)
            if words < MIN_FLOAT_WORDS or t is None or not _starts_sentence(t):
                continue
            k = bisect_right(ends, first.start) - 1
            if k < 0:
                continue
            prev = ordered[k]
            if self.line_of(first.start) - self.line_of(prev.content[-1][1]) > MAX_FLOAT_PARAGRAPHS:
                continue
            parent = prev.inherit or prev
            if parent.kind in ("according-to", "unattributed"):
                continue
            if self.line_of(first.start) == self.line_of(prev.content[-1][1]):
                # a further quotation in the same paragraph is another piece of that quote
                prev.content = _merge(prev.content + self._group_pieces(g))
                ends[k] = prev.content[-1][1]
                continue
            if self._other_person_between(prev.content[-1][1], first.start, parent):
                continue  # someone else was named in between: the quotation may be theirs
            cand = Candidate([], parent.source, self._group_pieces(g), anchor=t.i, inherit=parent)
            out.append(cand)
            ordered.insert(k + 1, cand)
            ends.insert(k + 1, cand.content[-1][1])
        return out

    def opening(self, cands: list[Candidate]) -> list[Candidate]:
        """A story that opens on a quotation and names its speaker in the next sentence:
        "“We will not surrender a single village.” ¶ Those were the words of Oleksandr
        Syrskyi …". Only before any attribution of the story, only a whole paragraph in
        quotation marks, and only when the next sentence names one person (outside
        quotation marks), who is its subject or the owner of its words."""
        first_cue = min((c.start for c in cands if c.content), default=len(self.text))
        for g, regs in sorted(self.groups.items(), key=lambda kv: kv[1][0].start):
            first, last = regs[0], regs[-1]
            if first.start >= first_cue:
                return []
            if g in self.covered or not last.closed:
                continue
            line = self.line_of(first.start)
            if self.text[self.line_starts[line]:first.start].strip() or self.line_of(last.end - 1) != line:
                continue
            end = self.text.find("\n", last.end)
            if self.text[last.end:len(self.text) if end < 0 else end].strip():
                continue  # the paragraph goes on after the quotation
            words = sum(len(_WORD.findall(self.text[r.start:r.end])) for r in regs)
            a = self.ix.token_at(last.end - 1)
            if words < MIN_FLOAT_WORDS or a is None:
                continue
            _, nxt = self.ix.sent(a)
            if nxt >= len(self.doc):
                continue
            s0, s1 = self.ix.sent(nxt)
            while s0 < s1 and self.doc[s0].is_space:
                s0 += 1
            if s0 >= s1 or self.doc[s0].text in _QUOTES:
                continue
            people = [(b, e) for b, e, label in self.ix.ents if label == "PERSON" and s0 <= b < s1]
            if len(people) != 1:
                continue
            head = self.doc[people[0][1] - 1]
            t = head
            while t.dep_ in ("appos", "compound", "pobj", "prep", "conj", "poss") and t.head.i != t.i:
                t = t.head
            if not ((t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT") or t.lemma_.lower() in OPENING_OWNER_NOUNS
                    or (t.dep_ == "attr" and any(c.lemma_.lower() in OPENING_OWNER_NOUNS for c in t.subtree))):
                continue
            return [Candidate([], head, self._group_pieces(g), anchor=head.i, link="after")]
        return []


def _person_words(cand: Candidate) -> set[str]:
    src = cand.source
    if src is None:
        return set()
    return {t.lower_ for t in src.doc[src.left_edge.i:src.i + 1]}


def _speaker_label(name: SpacySpan) -> bool:
    """"Zelensky", "JAKE TAPPER", "Dr. Ben Carson", "Poll" before a colon at a line start."""
    if not name.text[:1].isupper() or name[-1].lower_ in NOT_SPEAKERS or name[0].lower_ in NOT_SPEAKERS:
        return False
    if any(x.pos_ not in LABEL_POS for x in name) or name[-1].pos_ not in ("PROPN", "NOUN"):
        return False
    return not all(x.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for x in name)  # a dateline


def _starts_sentence(t: Token) -> bool:
    """The quotation mark at ``t`` opens a sentence (the parser may hang it on the last one)."""
    doc = t.doc
    return bool(t.is_sent_start or t.i == 0 or (t.i + 1 < len(doc) and doc[t.i + 1].is_sent_start)
                or doc[t.i - 1].text in (".", "!", "?", ":", "\n") or doc[t.i - 1].is_space)


#: Relations of a name that is an argument inside the clause before a colon, not its label
#: ("… triggering a war with NATO: “…”": NATO is what the war is with, not who speaks)
INNER_ARGUMENT_DEPS = frozenset({"pobj", "dobj", "dative", "attr", "oprd", "poss"})


def _inner_argument(t: Token) -> bool:
    """The name ending just before a colon is an object, a possessor or a preposition's object
    of the clause that introduces the quotation, so that clause's speaker is someone else."""
    head = t
    while head.dep_ in ("compound", "flat") and head.head is not head:
        head = head.head
    return head.dep_ in INNER_ARGUMENT_DEPS


def _name_head(t: Token) -> Token:
    """The last token of the name that starts at ``t``."""
    j = t.i
    doc = t.doc
    while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].ent_iob_ == "I"):
        j += 1
    return doc[j]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
