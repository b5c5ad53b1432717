"""Long documents through the model in pieces, so memory stays bounded.

The model's working memory grows with the tokens of one Doc: on a 99,000-character text of
"1 km 2 kg ..." (40,000 tokens) ``tok2vec`` peaked 580 MB and ``ner`` 380 MB above the
loaded pipeline, so a document at ``max_doc_chars`` (1,000,000) reached 3.3-3.5 GB (issue 24
item 7). :func:`pipe` runs documents longer than :data:`LONG_DOC_CHARS` through each run of
the model's components one piece of at most :data:`PIECE_CHARS` characters at a time, and
joins the pieces with ``Doc.from_docs``: the text and every token's offset are those of the
whole document, so every record still points into ``Article.text``. Our layers then run on
the joined Doc as on any other.

A piece ends at a paragraph (a line break the segmenter marked as a sentence start), else
after a sentence's closing punctuation, else at a space, else anywhere (one token). The
parser and the entity recogniser see each piece as a document of its own, so a cut can only
add a sentence boundary; at a paragraph break the segmenter has already put one there.
Documents up to :data:`LONG_DOC_CHARS` go through ``nlp.pipe`` unchanged: their records do
not depend on this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import groupby

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

#: Longest document analysed in one piece. Above the longest document of every corpus the
#: project is measured on (PolNeAR's longest, 33,672 characters; BBC 25,485; the war corpus
#: 26,754), so ordinary documents are never cut.
LONG_DOC_CHARS = 50_000

#: Most characters in one piece of a long document. At 50,000 characters the model's peak over
#: the loaded pipeline was 290 MB on the densest text measured (20,000 tokens of "1 km 2 kg"),
#: and a piece's fixed cost (a Doc, a call per component) is negligible beside its parse.
PIECE_CHARS = 50_000

#: A piece is cut no earlier than this share of :data:`PIECE_CHARS` when looking back for a
#: paragraph or sentence end, so a long document makes few pieces.
MIN_PIECE_SHARE = 0.5

_SENT_END = frozenset(".!?\n")


def doc_chars(doc: Doc) -> int:
    """Length of the Doc's text, without building it."""
    if not len(doc):
        return 0
    last = doc[-1]
    return int(last.idx) + len(last.text_with_ws)


def is_long(doc: Doc) -> bool:
    return doc_chars(doc) > LONG_DOC_CHARS


def piece_bounds(doc: Doc, piece_chars: int | None = None) -> list[tuple[int, int]]:
    """Token ranges [start, end) covering the Doc, each at most ``piece_chars`` characters
    (default :data:`PIECE_CHARS`) or one token, cut at the best boundary in its second part
    (see the module docstring)."""
    piece_chars = piece_chars or PIECE_CHARS
    n = len(doc)
    if not n:
        return []
    arr = doc.to_array([IDX, SENT_START]).astype(np.int64)
    idx, starts = arr[:, 0], arr[:, 1] == 1
    texts = [t.text for t in doc]
    ws = [bool(t.whitespace_) for t in doc]
    out: list[tuple[int, int]] = []
    a = 0
    while a < n:
        limit = int(idx[a]) + piece_chars
        b = int(np.searchsorted(idx, limit, side="right"))  # tokens starting within the limit
        if b >= n:
            out.append((a, n))
            break
        b = max(b, a + 1)
        floor = int(np.searchsorted(idx, int(idx[a]) + piece_chars * MIN_PIECE_SHARE, side="left"))
        floor = min(max(floor, a + 1), b)
        cut = _best_cut(a, b, floor, starts, texts, ws)
        out.append((a, cut))
        a = cut
    return out


def _best_cut(a: int, b: int, floor: int, starts: np.ndarray, texts: list[str], ws: list[bool]) -> int:
    """A token index in [floor, b] to start the next piece at: a marked sentence start, else
    one after a sentence's end and a space, else one after a space, else ``b``."""
    marked = np.flatnonzero(starts[floor:b + 1])
    if len(marked):
        return floor + int(marked[-1])
    after_space = None
    for k in range(b, floor - 1, -1):
        if ws[k - 1] or texts[k - 1].isspace():
            if texts[k - 1][-1:] in _SENT_END or (k >= 2 and texts[k - 1].isspace() and texts[k - 2][-1:] in _SENT_END):
                return k
            if after_space is None:
                after_space = k
    return after_space if after_space is not None and after_space > a else b


Check = Callable[[], None]


def _no_check() -> None:
    return None


def _model_in_pieces(doc: Doc, procs: list[object], check: Check = _no_check) -> Doc:
    """Run the model's components over the Doc one piece at a time and join the pieces,
    calling ``check`` after each component's pass over a piece."""
    pieces = []
    for a, b in piece_bounds(doc):
        piece = doc[a:b].as_doc()
        for proc in procs:
            piece = proc(piece)  # type: ignore[operator]
            check()
        pieces.append(piece)
    joined = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]
    joined.user_data.update(doc.user_data)  # our extensions: the article's id, the segmenter's spans
    return joined


def analyze_long(nlp: Language, doc: Doc, check: Check = _no_check) -> Doc:
    """The whole pipeline on one long Doc: our layers on the whole Doc, each run of the
    model's components piece by piece. ``check`` is called after every component's pass (over
    the Doc, or over one piece): the batch worker's time limit
    (:meth:`newsledger.batch.deadline.Deadline.check`) raises there once it has passed."""
    from .component import Layer

    block: list[object] = []
    for _, proc in nlp.pipeline:
        if isinstance(proc, Layer):
            if block:
                doc, block = _model_in_pieces(doc, block, check), []
            doc = proc(doc)
            check()
        else:
            block.append(proc)
    if block:
        doc = _model_in_pieces(doc, block, check)
    return doc


def _checked(nlp: Language, doc: Doc, check: Check) -> Doc:
    """``nlp(doc)`` one component at a time, with ``check`` after each."""
    for _, proc in nlp.pipeline:
        doc = proc(doc)
        check()
    return doc


def pipe(nlp: Language, docs: Iterable[Doc], batch_size: int | None = None,
         check: Check = _no_check) -> Iterator[Doc]:
    """``nlp.pipe(docs)``, in order, with each long Doc analysed by :func:`analyze_long`
    (``check`` called after each of its components' passes)."""
    for long, group in groupby(docs, key=is_long):
        if long:
            for doc in group:
                yield analyze_long(nlp, doc, check)
        else:
            yield from nlp.pipe(group, batch_size=batch_size)


def analyze_doc(nlp: Language, doc: Doc, check: Check = _no_check) -> Doc:
    """``nlp(doc)`` for one tokenised Doc, long or not, with ``check`` after each component."""
    return analyze_long(nlp, doc, check) if is_long(doc) else _checked(nlp, doc, check)
