"""A cue found in the text, before its source is resolved: the unit the extractors pass on."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass
class Candidate:
    cue: list[int]  # token indices of the cue, in order
    source: Token | None  # head of the source phrase
    content: list[tuple[int, int]]  # char spans
    kind: str | None = None  # "according-to", "unattributed" or None (decided from the marks)
    anchor: int = 0  # index of the main cue token
    needs_content: bool = False  # a cue with a source but no content yet ("he said:")
    content_left: bool = False  # the content lies before the cue ("..., he said")
    inside_quote: bool = False  # the cue itself is inside quotation marks
    inherit: Candidate | None = None  # a floating quotation takes this quote's source
    link: str | None = None  # how the speaker was found, when not by the resolver ("after")

    @property
    def start(self) -> int:
        return self.content[0][0] if self.content else -1
