"""Find the stretches of text inside quotation marks.

Handles curly and straight double quotes, guillemets and low-9 quotes, curly single quotes
(headline style: ‘crazy system’), quotations that run over several paragraphs (each new
paragraph reopens the quote and only the last one closes it), and unbalanced marks: a mark
that is never closed ends its region at the end of its paragraph; a stray closing mark is
ignored. Nothing here raises; odd input only sets ``unbalanced`` on the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: double quotation marks; two apostrophes stand for one in some newspapers' copy
_DOUBLE = re.compile(r"''|[\"“”„‟«»]")
_LINE = re.compile(r"[^\n]+")
_OPENERS = frozenset("“„‟«")
_CLOSERS = frozenset("”»")
#: characters after which a straight quote opens rather than closes
_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;")
#: a curly single quote closes only before one of these (else it is an apostrophe)
_AFTER_SINGLE_CLOSE = frozenset(" \t\n.,;:!?)”\"—–-")

#: A single-quoted stretch longer than this many characters is taken for a run of
#: apostrophes rather than a quotation. The single-quoted stretches found in PolNeAR train
#: have a median of 19 characters and a 95th percentile of 71; 200 keeps whole sentences.
MAX_SINGLE_CHARS = 200


@dataclass(frozen=True)
class Region:
    """``text[start:end]`` is a quotation, marks included (``end`` may be a paragraph end)."""

    start: int
    end: int
    group: int  # regions of one quotation running over several paragraphs share a group
    closed: bool = True
    single: bool = False


@dataclass
class Scan:
    regions: list[Region]
    unbalanced: int = 0  # marks that could not be paired


def _orientation(text: str, i: int, j: int, is_open: bool) -> bool:
    """Whether the double mark at ``text[i:j]`` opens a quotation, given the current state."""
    ch = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[j] if j < len(text) else "\n"
    if ch in _OPENERS:
        return True
    if ch in _CLOSERS:
        # a closing mark at the start of a line with text after it is a mis-typed opener
        return before == "\n" and not after.isspace() and not is_open
    if before in _BEFORE_OPEN and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return False
    return not is_open


def _single_regions(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = text.find("‘", s, e)
    while i != -1:
        before = text[i - 1] if i > s else " "
        if before in _BEFORE_OPEN or before in "“\"":
            j = text.find("’", i + 2, e)
            while j != -1 and j + 1 < e and text[j + 1] not in _AFTER_SINGLE_CLOSE:
                j = text.find("’", j + 1, e)
            if j != -1 and j - i <= MAX_SINGLE_CHARS and not any(a <= i < b for a, b in taken):
                out.append((i, j + 1))
                i = text.find("‘", j + 1, e)
                continue
        i = text.find("‘", i + 1, e)
    return out


#: The quotation dash of Polish, Ukrainian, Russian and French copy (and of its machine
#: translations): a paragraph that opens with a dash ("- We will not stop - said the
#: president.") is the speaker's words up to a closing dash followed by a lower-case
#: attribution clause; or, when the next paragraph is only that clause ("- wrote X."), the
#: whole paragraph. A line-start dash with no such closing is a list item, not a quotation.
_DASH_OPEN = re.compile(r"(?:^|(?<=[.!?]))[ \t]*[-–—][ \t]+(?=[\"“„«]?[A-Z0-9])")
_DASH_CLOSE = re.compile(r"[ \t][-–—][ \t]+(?=[a-z])")
#: a dash quotation that a translation closes with a quotation mark after its last punctuation
#: ("- You must avoid the crisis. (...) Reject the threat, "said Xi."): the mark, then the
#: lower-case attribution
_DASH_MARK_CLOSE = re.compile(r"(?<=[,.!?])[ \t]*[\"”](?=[ \t]*[a-z])")
_DASH_ATTRIBUTION = re.compile(r"[ \t]*[-–—][ \t]+[a-z]")


def _crosses(start: int, end: int, taken: list[Region], groups: dict[int, int]) -> bool:
    """Whether the dash quotation ``text[start:end]`` overlaps a quotation-mark region that it
    does not wholly hold: one that begins or ends outside it, that is never closed, or that is
    a piece of a quotation running over paragraphs. A closed region wholly inside is a phrase
    the speaker quotes ("- whoever believes in the mythical "Western values" - said X")."""
    for r in taken:
        if r.start < end and r.end > start and (
                r.start < start or r.end > end or not r.closed or groups[r.group] > 1):
            return True
    return False


def _dash_regions(text: str, lines: list[tuple[int, int]], taken: list[Region]) -> list[tuple[int, int]]:
    """Quotations marked by dashes. In a line that also holds quotation marks, a dash span
    counts only when it crosses none of their regions (:func:`_crosses`); a whole line taken
    as a quotation (attributed by the dash line after it) must hold no quotation marks."""
    groups: dict[int, int] = {}
    for r in taken:
        groups[r.group] = groups.get(r.group, 0) + 1
    out: list[tuple[int, int]] = []
    for li, (ls, le) in enumerate(lines):
        marked = any(r.start < le and r.end > ls for r in taken)
        line = text[ls:le]
        nxt = lines[li + 1] if li + 1 < len(lines) else None
        found = False
        for span in _line_dash_spans(text, ls, le, nxt):
            if marked and _crosses(span[0], span[1], taken, groups):
                continue
            out.append(span)
            found = True
        if (not found and not marked and nxt is not None and _DASH_ATTRIBUTION.match(text, nxt[0])
                and line.strip() and line.lstrip()[:1] not in "-–—" and len(line.split()) >= 3):
            out.append((ls, le))  # "Our unity is inviolable\n\n- wrote the head of …"
    return out


def _line_dash_spans(text: str, ls: int, le: int, nxt: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The dash quotations of one line, as spans. A quotation runs from its opening
    dash to the last closing dash before the next opening that has one ("- We will win. - And
    rebuild - said X" is one quotation, its inner dash an opening with no close of its own); so
    a paragraph that scraped copy glued to the one before ("... the ministry.- We will not
    yield - said the minister.He also ...- The costs will be high - he added.") gives each of
    its quotations apart, not one span over the narration between them."""
    line = text[ls:le]
    opens = list(_DASH_OPEN.finditer(line))
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for k, m in enumerate(opens):
        start = ls + m.start() + (len(m.group()) - len(m.group().lstrip(" \t")))
        if pending is None:
            pending = start
        limit = opens[k + 1].start() if k + 1 < len(opens) else len(line)
        close = sorted((c for pattern in (_DASH_CLOSE, _DASH_MARK_CLOSE) for c in pattern.finditer(line, m.end())
                        if c.start() < limit), key=lambda c: c.start())
        if close:
            out.append((pending, ls + close[-1].start()))
            pending = None
    if pending is not None and opens and opens[0].start() == 0 and not out and (
            nxt is not None and _DASH_ATTRIBUTION.match(text, nxt[0])):
        out.append((pending, le))  # "- We will win\n\n- he added."
    return out


def scan(text: str) -> Scan:
    """All quotation regions of ``text``, in order."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    marks = [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    regions: list[Region] = []
    unbalanced = 0
    group = 0
    mi = 0
    carry = False  # the previous paragraph ended inside a quotation
    for li, (ls, le) in enumerate(lines):
        open_at: int | None = None
        line_regions: list[tuple[int, int]] = []
        first = True
        while mi < len(marks) and marks[mi][0] < le:
            i, j = marks[mi]
            mi += 1
            if i < ls:
                continue
            opens = _orientation(text, i, j, open_at is not None)
            if opens:
                if open_at is not None:  # an opener inside an open quotation: close the first
                    unbalanced += 1
                    regions.append(Region(open_at, i, group, closed=False))
                    line_regions.append((open_at, i))
                    group += 1
                elif not (first and carry and text[ls:i].strip() == ""):
                    group += 1
                open_at = i
            elif open_at is not None:
                regions.append(Region(open_at, j, group))
                line_regions.append((open_at, j))
                open_at = None
            else:
                unbalanced += 1  # a stray closing mark
            first = False
        carry = False
        if open_at is not None:
            end = le
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            regions.append(Region(open_at, end, group, closed=False))
            line_regions.append((open_at, end))
            nxt = lines[li + 1][0] if li + 1 < len(lines) else -1
            if nxt >= 0 and text[nxt] in "“\"„«”'":
                carry = True  # a quotation that runs on into the next paragraph
            else:
                unbalanced += 1
        for a, b in _single_regions(text, ls, le, line_regions):
            group += 1
            regions.append(Region(a, b, group, single=True))
    dashes = _dash_regions(text, lines, regions)
    # a region a dash quotation holds is part of its words, not a quotation of its own; nor is
    # the stray mark that closes one ("... restraint, "said X."): it opens nothing
    closers = {b + len(text[b:]) - len(text[b:].lstrip(" \t")) for _, b in dashes}
    regions = [r for r in regions if not any(a <= r.start and r.end <= b for a, b in dashes)
               and not (r.start in closers and not r.closed)]
    for a, b in dashes:
        group += 1
        regions.append(Region(a, b, group))
    regions.sort(key=lambda r: r.start)
    return Scan(regions, unbalanced)
