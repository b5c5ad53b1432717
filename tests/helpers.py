"""Re-exported test helpers (import as ``from helpers import analyze_text``)."""

from conftest import SHARED, analyze_text
from newsledger.models import Quote


def quotes_with(text: str, phrase: str) -> list[Quote]:
    """The quotes the real pipeline finds in ``text`` whose content holds ``phrase``."""
    return [q for q in analyze_text(text).quotes if any(phrase in c.text for c in q.content)]


__all__ = ["SHARED", "analyze_text", "quotes_with"]
