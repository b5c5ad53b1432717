"""Shared scoring helpers, and the fixed tune/check split of every corpus."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

JSONL_EXPECTED = "expected JSON Lines: one JSON object a line"


def read_jsonl(path: Path, expected: str = JSONL_EXPECTED) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file. A file that cannot be read, or a line that is not a
    JSON object (a TSV or CSV given by mistake), is a coded error (E108) naming the file,
    the line and the format expected, never a parser's traceback."""
    from ..errors import BadRecordError, InputError

    try:
        fh = path.open(encoding="utf-8")
    except IsADirectoryError:
        raise InputError(f"is a directory; {expected}", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}; {expected}", source=str(path)) from None
    with fh:
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except (ValueError, RecursionError):
                    hint = " (it looks tab-separated: TSV)" if "\t" in line else \
                        " (it looks comma-separated: CSV)" if line.count(",") >= 2 and line.lstrip()[:1] not in "{[" else ""
                    raise BadRecordError(f"line {lineno} is not JSON{hint}; {expected}", source=str(path)) from None
                if not isinstance(obj, dict):
                    raise BadRecordError(f"line {lineno} is a JSON {type(obj).__name__}, not an object; {expected}",
                                           source=str(path))
                yield obj
        except UnicodeDecodeError:
            raise BadRecordError(f"line {lineno + 1} is not UTF-8 text; {expected}", source=str(path)) from None


def read_json_object(path: Path, expected: str) -> dict[str, Any]:
    """A JSON file holding one object; a coded error (E108) naming the file and the format
    expected otherwise."""
    from ..errors import BadRecordError, InputError

    try:
        obj = json.loads(path.read_text("utf-8"))
    except (IsADirectoryError, FileNotFoundError, PermissionError) as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}; {expected}", source=str(path)) from None
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise BadRecordError(f"not a JSON file; {expected}", source=str(path)) from None
    if not isinstance(obj, dict):
        raise BadRecordError(f"a JSON {type(obj).__name__}, not an object; {expected}", source=str(path))
    return obj


#: The two parts of every dev corpus. Errors are read only in the tune part; a change counts
#: only if it also helps the check part. A document's part is a stable hash of its id (the
#: ``doc_id`` or ``id`` field; the text where a row has neither), so it never moves between
#: runs, machines or Python versions, and about half of each corpus falls in each part.
PARTS = ("tune", "check")


def part_of(key: str) -> str:
    """``"tune"`` or ``"check"``: the lowest bit of the key's SHA-256."""
    return "check" if hashlib.sha256(key.encode("utf-8")).digest()[0] & 1 else "tune"


def row_key(row: dict[str, Any]) -> str:
    return str(row.get("doc_id") or row.get("id") or row.get("text") or "")


def select_part(rows: list[dict[str, Any]], part: str | None, key: Any = row_key) -> list[dict[str, Any]]:
    """The rows of one part (``None`` or ``"all"``: every row)."""
    if part in (None, "all"):
        return rows
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; use tune, check or all")
    return [r for r in rows if part_of(key(r)) == part]


def read_annotation(path: Path, part: str | None, corpus: Path | None = None) -> list[dict[str, Any]]:
    """The articles of a hand annotation in JSON Lines (one object per article, with its
    ``id``) that fall in ``part`` (``None`` or ``"all"``: every article).

    An annotation kept in the repository holds no article text: each row names its article
    by ``id`` and its text's ``text_sha256``, and the text is read from ``corpus`` (a JSON
    Lines corpus with ``id`` and ``text``). A text whose hash differs is an error, so that
    offsets are never applied to another version of the article. With a corpus, the tune part
    leaves out the tune articles whose text is also a check article's
    (:func:`tune_copies_of_check`)."""
    rows = select_part(list(read_jsonl(path)), part)
    if corpus is not None and part == "tune":
        rows = [r for r in rows if str(r["id"]) not in tune_copies_of_check(corpus)]
    if any("text" not in r for r in rows):
        if corpus is None:
            raise ValueError(f"{path}: rows hold no article text; give the corpus they annotate")
        texts = {str(r["id"]): str(r["text"]) for r in read_jsonl(corpus)}
        for r in rows:
            if "text" in r:
                continue
            text = texts.get(str(r["id"]))
            if text is None:
                raise ValueError(f"{path}: article {r['id']!r} is not in {corpus}")
            if r.get("text_sha256") not in (None, text_sha256(text)):
                raise ValueError(f"{path}: article {r['id']!r} differs from the text it annotates")
            r["text"] = text
    return rows


#: The war corpus the repository's text-free annotations (``eval/war/``) point into:
#: ``../shared`` beside the repository, or ``$NEWSLEDGER_SHARED``.
WAR_CORPUS = Path(os.environ.get("NEWSLEDGER_SHARED", Path(__file__).resolve().parents[3].parent / "shared")) / (
    "data/dev/corpus/ukraine_dev.jsonl")


def tune_copies_of_check(corpus: Path) -> frozenset[str]:
    """The ids of tune articles of a corpus whose text is also a check article's (a wire story
    filed twice under two ids): reading their errors would be reading check text, so they
    belong to neither part's tune figures (three such texts in the war corpus)."""
    return _tune_copies(str(corpus))


@lru_cache(maxsize=4)
def _tune_copies(corpus: str) -> frozenset[str]:
    rows = list(read_jsonl(Path(corpus)))
    check = {text_sha256(str(r["text"])) for r in rows if part_of(str(r["id"])) == "check"}
    return frozenset(str(r["id"]) for r in rows
                     if part_of(str(r["id"])) == "tune" and text_sha256(str(r["text"])) in check)


def text_sha256(text: str) -> str:
    """The hex SHA-256 of a text's UTF-8 bytes (how a text-free annotation names its text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ratio(a: int, b: int) -> float:
    """``a / b`` to three places; 0 when ``b`` is 0."""
    return round(a / b, 3) if b else 0.0


def print_figures(out: dict[str, Any], errors: list[str], *, as_json: bool, show_errors: bool) -> None:
    """A scoring script's figures on stdout (one line, or JSON) and its error list on stderr."""
    import sys

    if show_errors:
        print("\n".join(errors), file=sys.stderr)
    print(json.dumps(out, indent=2) if as_json else "  ".join(f"{k} {v}" for k, v in out.items()))


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def greedy_match(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one greedy matching by overlap relative to the gold span's length.

    Pairs are taken in order of decreasing overlap ratio; a pair counts when the overlap
    covers at least ``threshold`` of the gold span. Returns (gold index, pred index) pairs.
    """
    cands = []
    for gi, g in enumerate(gold):
        glen = max(1, g[1] - g[0])
        for pi, p in enumerate(pred):
            ov = overlap(g, p)
            if ov and ov / glen >= threshold:
                cands.append((ov / glen, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs
