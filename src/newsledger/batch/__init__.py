"""Batch runs: articles streamed through the pipeline in this process, on local worker
processes, or on a Dask cluster (see :mod:`newsledger.batch.stream`).

Importing this package is cheap; spaCy and Dask load when a run starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .stream import Runner, analyze_stream

__all__ = ["Runner", "analyze_stream"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import stream

        return getattr(stream, name)
    raise AttributeError(name)
