"""The offline gazetteer: compiled once from GeoNames-derived package data into SQLite.

:func:`get_gazetteer` opens (building on first use) the store in ``settings.cache_path``.
"""

from __future__ import annotations

from .gazetteer import Candidate, Gazetteer, get_gazetteer
from .normalize import norm

__all__ = ["Candidate", "Gazetteer", "get_gazetteer", "norm"]
