"""One reader for the word lists and tables in ``newsledger/data/``.

Every lexicon the layers use is a small UTF-8 file an analyst can edit (see
``data/README.md``). Two shapes exist:

* a **list** (``.txt``): one entry a line;
* a **table** (``.tsv``): one row a line, cells separated by a TAB, and a **header line**
  (the first line that is not a comment) naming the columns.

In both, a line whose first non-blank character is ``#`` is a comment and blank lines are
skipped. Cells are stripped of surrounding spaces. The code declares the columns it expects
(:class:`Col`: name, type, required or not) and the reader checks the header against them,
types every cell, and fills a missing optional cell with its default; a row with too many
cells, a missing required cell or a cell of the wrong type raises :class:`DataTableError`
naming the file and the line, so an edit that breaks a table fails loudly at load time
instead of silently changing what a layer finds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataTableError

DATA_PACKAGE = "newsledger.data"

#: Cells that mean "no value" in an optional column.
EMPTY = frozenset({"", "-"})

#: Cells a ``bool`` column reads as true; an empty cell ("-" or nothing) is false.
TRUE_WORDS = frozenset({"yes", "y", "1", "true"})
FALSE_WORDS = frozenset({"no", "n", "0", "false"})


def _as_bool(cell: str) -> bool:
    low = cell.lower()
    if low in TRUE_WORDS:
        return True
    if low in FALSE_WORDS:
        return False
    raise ValueError(f"expected yes or - (or no), got {cell!r}")


_CONVERTERS: dict[type, Callable[[str], Any]] = {str: str, int: int, float: float, bool: _as_bool}


@dataclass(frozen=True)
class Col:
    """One declared column: its header name, its type and whether a row may leave it empty.

    ``type`` is ``str``, ``int``, ``float`` or ``bool`` (``yes``/``-``). An optional column
    (``required=False``) may be missing at the end of a row, or written ``-``; it then reads
    as ``default``.
    """

    name: str
    type: type = str
    required: bool = True
    default: Any = None


class Row(dict[str, Any]):
    """One typed row, by column name, with the line it came from (1-based)."""

    line: int = 0


def data_path(name: str) -> str:
    """A file's name as shown in errors: its path under ``newsledger/data``."""
    return f"newsledger/data/{name}"


def _text(name: str, root: Path | None) -> str:
    if root is not None:
        return (root / name).read_text("utf-8")
    return resources.files(DATA_PACKAGE).joinpath(name).read_text("utf-8")


def _content_lines(text: str) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((number, raw.rstrip("\r\n")))
    return out


def parse_list(text: str, source: str) -> list[str]:
    """The entries of a list file's text, in file order."""
    out = []
    for number, raw in _content_lines(text):
        if "\t" in raw:
            raise DataTableError(f"line {number}: a list takes one entry a line, found a TAB",
                                 source=source)
        out.append(raw.strip())
    return out


def parse_table(text: str, columns: Sequence[Col], source: str) -> list[Row]:
    """The typed rows of a table file's text; the header line must name ``columns`` in order."""
    lines = _content_lines(text)
    expected = [c.name for c in columns]
    if not lines:
        raise DataTableError(f"no header line; expected the columns {' | '.join(expected)}",
                             source=source)
    number, header = lines[0]
    found = [h.strip() for h in header.split("\t")]
    if found != expected:
        raise DataTableError(
            f"line {number}: header {' | '.join(found)} does not match the expected columns "
            f"{' | '.join(expected)}", source=source)
    rows = []
    for number, raw in lines[1:]:
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) > len(columns):
            raise DataTableError(
                f"line {number}: {len(cells)} cells, but the table has {len(columns)} columns "
                f"({' | '.join(expected)})", source=source)
        row = Row()
        row.line = number
        for i, col in enumerate(columns):
            cell = cells[i] if i < len(cells) else ""
            if cell in EMPTY:
                if col.required:
                    raise DataTableError(f"line {number}: column {col.name!r} is empty",
                                         source=source)
                row[col.name] = col.default
                continue
            try:
                row[col.name] = _CONVERTERS[col.type](cell)
            except ValueError as exc:
                raise DataTableError(
                    f"line {number}: column {col.name!r} must be {col.type.__name__}: {exc}",
                    source=source) from None
        rows.append(row)
    return rows


def read_list(name: str, *, root: Path | None = None) -> list[str]:
    """A list file (``layer/words.txt``) under ``newsledger/data`` (or ``root``)."""
    return parse_list(_text(name, root), data_path(name) if root is None else str(root / name))


def read_table(name: str, columns: Sequence[Col], *, root: Path | None = None) -> list[Row]:
    """A table file (``layer/table.tsv``) under ``newsledger/data`` (or ``root``), typed."""
    return parse_table(_text(name, root), columns,
                       data_path(name) if root is None else str(root / name))


def read_bytes(name: str) -> bytes:
    """A data file's raw bytes (for cache keys)."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_bytes()
