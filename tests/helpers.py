"""Re-exported test helpers (import as ``from helpers import analyze_text``)."""

from conftest import SHARED, analyze_text

__all__ = ["SHARED", "analyze_text"]
