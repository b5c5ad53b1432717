"""The one per-document index every layer reads: built once per Doc, shared by all layers.

spaCy rebuilds ``Doc.text`` from every token on each access, walks the sentence on every
``Token.sent`` and builds new objects on every ``Doc.ents``/``Doc.char_span`` call; at news
scale those calls cost more than the extraction. :class:`Context` answers them from arrays
built once: the text, the tokens' character offsets, the sentence and paragraph maps, the
parser's entities by token, and the records the earlier layers left (entities by token,
places by token and by character).

The context follows the Doc: :func:`context_of` returns the same object to every layer of a
document, and rebuilds only the parts that depend on ``doc.ents`` or the sentence starts when
a layer (or the model) changed them. Records of a layer that did not run are ``None``;
:meth:`Context.required` computes them on demand with that layer's default config, keeps them
in the context (never on the Doc) and so lets one layer run alone in a plain spaCy pipeline.

Layers never write to the Doc themselves. They return records; the doc-level edits a layer
makes (``doc.ents``, sentence starts, its own extra attributes) are staged on the context
(:meth:`Context.stage_ents`, :meth:`Context.stage_attr`) and applied by the one wrapper in
:mod:`newsledger.nlp.component` after the layer succeeded, so a failing layer changes nothing.
"""

from __future__ import annotations

import bisect
import hashlib
import weakref
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LEMMA, LENGTH, LOWER, POS, SENT_START
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

if TYPE_CHECKING:
    from ..models import Entity, Place, ReportWarning
    from ..settings import Settings

_CONTEXTS: weakref.WeakKeyDictionary[Doc, Context] = weakref.WeakKeyDictionary()


def _fingerprint(doc: Doc) -> bytes:
    """Changes whenever ``doc.ents``, the sentence starts or the tags change (cheap arrays)."""
    if not len(doc):
        return b""
    arr = doc.to_array([SENT_START, ENT_IOB, ENT_TYPE, POS])
    return hashlib.blake2b(arr.tobytes(), digest_size=16).digest()


def context_of(doc: Doc) -> Context:
    """The document's context, built on first use and kept while the Doc lives."""
    ctx = _CONTEXTS.get(doc)
    key = _fingerprint(doc)
    if ctx is None:
        ctx = _CONTEXTS[doc] = Context(doc, key)
    elif ctx.key != key:
        ctx.annotations_changed(key)
    return ctx


class Context:
    """Look-ups over one Doc, built once. See the module docstring."""

    def __init__(self, doc: Doc, key: bytes = b"") -> None:
        self.doc = doc
        self.key = key
        self.text: str = doc.text  # read once
        n = len(doc)
        attrs = [IDX, LENGTH]
        arr = doc.to_array(attrs) if n else np.zeros((0, len(attrs)), "uint64")
        #: character offset of each token, and of its end
        self.idx = arr[:, 0].astype(np.int64)
        self.end = self.idx + arr[:, 1].astype(np.int64)
        #: records computed on demand for layers that did not run (layer -> records)
        self.computed: dict[str, list[Any]] = {}
        self.warnings: list[ReportWarning] = []
        #: the process settings of the pipeline running now (None: the process defaults)
        self.settings: Settings | None = None
        #: the spaCy pipeline running now (None outside one)
        self.nlp: Any = None
        self._staged_ents: list[SpacySpan] | None = None
        self._staged_attrs: dict[str, Any] = {}
        self._staged_sent_starts: list[int] | None = None

    # ------------------------------------------------------------------ invalidation
    _PARSE_PARTS = ("_tok", "sent_no", "sent_starts", "sent_ends", "ents", "ent_of", "sents", "_sent_span_starts")
    _RECORD_PARTS = ("entity_at", "entities", "places", "place_at", "place_spans")

    def annotations_changed(self, key: bytes) -> None:
        """``doc.ents`` or the sentence starts changed: forget what was read from them."""
        self.key = key
        for name in self._PARSE_PARTS + self._RECORD_PARTS:
            self.__dict__.pop(name, None)

    def records_changed(self) -> None:
        """A layer wrote its records: forget the maps built from the records."""
        for name in self._RECORD_PARTS:
            self.__dict__.pop(name, None)

    # ------------------------------------------------------------------ tokens and sentences
    @cached_property
    def _tok(self) -> np.ndarray:
        attrs = [SENT_START, LEMMA, POS, LOWER]
        return self.doc.to_array(attrs) if len(self.doc) else np.zeros((0, len(attrs)), "uint64")

    @property
    def lemma(self) -> np.ndarray:
        return self._tok[:, 1]

    @property
    def pos(self) -> np.ndarray:
        return self._tok[:, 2]

    @property
    def lower(self) -> np.ndarray:
        return self._tok[:, 3]

    @cached_property
    def sent_no(self) -> np.ndarray:
        """Sentence number of each token."""
        starts = self._tok[:, 0] == 1
        if len(starts):
            starts[0] = True
        self.__dict__["sent_starts"] = np.flatnonzero(starts).tolist()
        return np.cumsum(starts) - 1

    @cached_property
    def sent_starts(self) -> list[int]:
        self.__dict__.pop("sent_no", None)
        _ = self.sent_no
        return self.__dict__["sent_starts"]  # type: ignore[no-any-return]

    @cached_property
    def sent_ends(self) -> list[int]:
        return [*self.sent_starts[1:], len(self.doc)]

    @cached_property
    def sents(self) -> list[SpacySpan]:
        """The sentences as spans, once (``Doc.sents`` builds them anew on each call)."""
        if not self.doc.has_annotation("SENT_START"):
            return [self.doc[:]]
        return list(self.doc.sents)

    def sent(self, i: int) -> tuple[int, int]:
        """Token bounds [start, end) of the sentence holding token ``i``."""
        k = int(self.sent_no[i])
        return self.sent_starts[k], self.sent_ends[k]

    @cached_property
    def _sent_span_starts(self) -> list[int]:
        return [s.start for s in self.sents]

    def sentence(self, i: int) -> SpacySpan:
        """The sentence holding token ``i`` as a span."""
        return self.sents[max(0, bisect.bisect_right(self._sent_span_starts, i) - 1)]

    def token_at(self, pos: int) -> int | None:
        """Index of the token covering character ``pos``, else of the next token."""
        i = int(np.searchsorted(self.idx, pos, side="right")) - 1
        if i >= 0 and self.end[i] > pos:
            return i
        return i + 1 if i + 1 < len(self.idx) else None

    def tokens_in(self, start: int, end: int) -> range:
        """Indices of the tokens that start inside the characters [start, end)."""
        a = int(np.searchsorted(self.idx, start, side="left"))
        b = int(np.searchsorted(self.idx, end, side="left"))
        return range(a, b)

    # ------------------------------------------------------------------ the parser's entities
    @cached_property
    def ents(self) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.label_) for e in self.doc.ents]

    @cached_property
    def ent_of(self) -> dict[int, int]:
        """Token index -> index into :attr:`ents`."""
        out: dict[int, int] = {}
        for k, (a, b, _) in enumerate(self.ents):
            for i in range(a, b):
                out[i] = k
        return out

    def ent(self, i: int) -> tuple[int, int, str] | None:
        k = self.ent_of.get(i)
        return self.ents[k] if k is not None else None

    # ------------------------------------------------------------------ paragraphs and headings
    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        from .segment import line_spans

        return line_spans(self.text)

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Char spans of the paragraphs: the segmenter's, or computed from the text."""
        got = self.doc._.nl_paragraphs
        return [(int(a), int(b)) for a, b in got] if got is not None else self.lines

    @property
    def headings(self) -> list[tuple[int, int]]:
        got = self.doc._.nl_headings
        if got is not None:
            return [(int(a), int(b)) for a, b in got]
        from .segment import SegmenterConfig, headings

        return headings(self.text, self.lines, SegmenterConfig())

    # ------------------------------------------------------------------ records of earlier layers
    def records(self, layer: str) -> list[Any] | None:
        """What ``layer`` wrote on the Doc, or ``None`` when it did not run."""
        from .registry import LAYERS

        attr = LAYERS[layer].attrs[0] if LAYERS[layer].attrs else None
        got = getattr(self.doc._, attr, None) if attr else None
        return list(got) if got is not None else self.computed.get(layer)

    def required(self, layer: str) -> list[Any]:
        """``layer``'s records; computed here with its default config when it did not run."""
        got = self.records(layer)
        if got is not None:
            return got
        from .component import compute_upstream

        self.computed[layer] = compute_upstream(layer, self)
        self.records_changed()
        return self.computed[layer]

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e.id: e for e in self.records("entities") or []}

    @cached_property
    def entity_at(self) -> dict[int, str]:
        """Token index -> id of the entity one of whose mentions covers it."""
        at = self.doc._.nl_entity_at
        if isinstance(at, dict) and self.doc._.nl_entities is not None:
            return at
        out: dict[int, str] = {}
        for ent in self.entities.values():
            for m in ent.mentions:
                for i in self.tokens_in(m.span.start, m.span.end):
                    out[i] = ent.id
        return out

    @cached_property
    def places(self) -> list[Place]:
        return list(self.records("places") or [])

    @cached_property
    def place_spans(self) -> list[tuple[int, int, str]]:
        """(start char, end char, place id) of every place mention."""
        return [(m.span.start, m.span.end, p.id) for p in self.places for m in p.mentions]

    @cached_property
    def place_at(self) -> dict[int, Place]:
        """Token index -> the place one of whose mentions covers it."""
        out: dict[int, Place] = {}
        for place in self.places:
            for m in place.mentions:
                span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
                if span is not None:
                    for t in span:
                        out[t.i] = place
        return out

    def place_id(self, start: int, end: int) -> str | None:
        """The place of the longest mention overlapping the characters [start, end)."""
        best = None
        for s, e, pid in self.place_spans:
            if s < end and start < e and (best is None or e - s > best[1] - best[0]):
                best = (s, e, pid)
        return best[2] if best else None

    # ------------------------------------------------------------------ staged edits
    def stage_ents(self, spans: list[SpacySpan]) -> None:
        """Replace ``doc.ents`` once the layer succeeds (overlaps resolved by ``filter_spans``)."""
        self._staged_ents = list(spans)

    def stage_attr(self, name: str, value: Any) -> None:
        """Set ``doc._.<name>`` once the layer succeeds."""
        self._staged_attrs[name] = value

    def stage_sent_starts(self, starts: list[int]) -> None:
        """Mark these tokens as sentence starts once the layer succeeds."""
        self._staged_sent_starts = list(starts)

    def take_staged(self) -> Staged:
        """The staged edits as one function, and a clean slate for the next layer."""
        ents, attrs, starts = self._staged_ents, self._staged_attrs, self._staged_sent_starts
        self._staged_ents, self._staged_attrs, self._staged_sent_starts = None, {}, None
        return Staged(ents, attrs, starts)

    def restore_staged(self, staged: Staged) -> None:
        """Put back edits taken with :meth:`take_staged` (a layer computing another on demand)."""
        self._staged_ents, self._staged_attrs, self._staged_sent_starts = (
            staged.ents, dict(staged.attrs), staged.starts)

    def discard_staged(self) -> None:
        self.take_staged()


class Staged:
    """Edits a layer staged on the context, applied to the Doc by the wrapper."""

    def __init__(self, ents: list[SpacySpan] | None, attrs: dict[str, Any], starts: list[int] | None):
        self.ents, self.attrs, self.starts = ents, attrs, starts

    def __call__(self, doc: Doc) -> None:
        for name, value in self.attrs.items():
            setattr(doc._, name, value)
        if self.starts is not None:
            for i in self.starts:
                doc[i].is_sent_start = True
        if self.ents is not None:
            doc.ents = filter_spans(self.ents)
