"""HTML to article text and metadata, through trafilatura (and htmldate for dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import NoArticleBodyError

#: Fewer words than this is no article body (a menu, a title, a cookie notice). The
#: shortest real news item in the extraction benchmark has 40+ words; wire briefs ~30.
MIN_BODY_WORDS = 8

_HTML_SNIFF = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html|<!--)", re.I)
_TAGS = re.compile(r"<(p|div|article|html|body|span|br|h[1-6])\b", re.I)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SNIFF.match(head)) or len(_TAGS.findall(head)) >= 3


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None


def extract_html(html: str, source: str, url: str | None = None) -> Extracted:
    """The main text and metadata of a news page. Raises NoArticleBodyError when empty."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=False
        )
    except Exception:  # the metadata pass (htmldate, lxml cleaning) trips on some broken markup
        try:
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=False, include_comments=False, favor_precision=False
            )
        except Exception as exc:
            raise NoArticleBodyError(
                f"the HTML cannot be parsed ({type(exc).__name__} in the extractor)", source=source) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_BODY_WORDS:
        raise NoArticleBodyError(
            f"the HTML has no article body (under {MIN_BODY_WORDS} words of main text)", source=source)
    date = getattr(doc, "date", None)
    if not date:
        try:
            from htmldate import find_date

            date = find_date(html, url=url, extensive_search=False)
        except Exception:  # htmldate raises on odd markup; a missing date is not fatal
            date = None
    return Extracted(
        text=text,
        title=getattr(doc, "title", None),
        author=getattr(doc, "author", None),
        publisher=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None) or url,
        date=date,
    )
