"""How many items an ingest will read, counted cheaply before it starts, for a progress bar
with a total and an ETA: one per text or HTML file, one per non-empty JSON Lines line, one
per feed item (``<item>``/``<entry>`` tags, up to ``max_feed_entries``). Standard input and
WARC archives cannot be counted without reading them whole: then the total is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .files import expand_paths

_FEED_ITEM = re.compile(rb"<(?:item|entry)[\s>/]", re.I)
#: Bytes read at a time while counting.
BLOCK = 1 << 20


def _jsonl_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                n += 1
    return n


def _feed_items(path: Path, cap: int, max_bytes: int) -> int:
    if path.stat().st_size > max_bytes:
        return 1  # refused unread: one failure
    n = len(_FEED_ITEM.findall(path.read_bytes()))
    return min(n, cap) + (1 if n > cap else 0)  # the cap's own notice


def count_items(sources: Iterable[str], *, max_feed_entries: int, max_input_bytes: int) -> int | None:
    """The number of items ingest will yield from ``sources``, or None when it cannot be
    known without reading an input whole (standard input, a WARC archive)."""
    from .sources import FEED_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES

    total = 0
    for src in expand_paths(sources):
        if src == "-" or src.lower().endswith(WARC_SUFFIXES):
            return None
        path = Path(src)
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                total += max(1, _jsonl_lines(path))  # an empty file is one failure
            elif suffix in FEED_SUFFIXES:
                total += max(1, _feed_items(path, max_feed_entries, max_input_bytes))
            else:
                total += 1
        except OSError:
            total += 1  # unreadable: ingest reports it as one failure
    return total
