"""newsledger: news reports on armed conflict into a source-attributed, geolocated ledger.

The public API is :func:`analyze`; everything heavy is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Report
    from .settings import Settings

__version__ = "0.1.0"
__all__ = ["__version__", "analyze"]


def analyze(text_or_html: str | bytes, settings: Settings | None = None, **metadata: Any) -> Report:
    """Analyse one article (plain text or HTML) and return its :class:`Report`.

    ``metadata`` may give title, byline, publisher, outlet_country, url, published (any
    common date form; stored as UTC ISO 8601) and language; they override what is found in
    the HTML. An article identified as another language than English is returned with its
    language, a W102 warning in ``article.warnings`` and no records.
    """
    from .ingest.article import make_article
    from .ingest.language import needs_analysis, unanalysed_report
    from .nlp.pipeline import run
    from .settings import get_settings

    settings = settings or get_settings()
    source = str(metadata.pop("source", "<text>"))
    article = make_article(text_or_html, source=source, max_chars=settings.max_doc_chars,
                           max_bytes=settings.max_input_bytes, **metadata)
    if not needs_analysis(article):  # another language: the English layers would make false records
        return unanalysed_report(article)
    return next(iter(run([article], settings)))
