"""Fuzz the feed path: bytes -> feedparser -> entries -> articles or Failures. A finding is an
exception escaping the reader, or a Failure whose code is E199 (an error no one anticipated,
as opposed to a coded one), or an article past the entry cap.

Run through ``fuzz/run.sh`` (bounded time), or alone:
``.venv/bin/python fuzz/fuzz_feed.py -max_total_time=60 fuzz/corpus/feed fuzz/seeds/feed``.
"""

from __future__ import annotations

import logging
import sys

import atheris

with atheris.instrument_imports(include=["newsledger", "feedparser", "sgmllib"]):
    import feedparser  # noqa: F401  (imported here so that it is instrumented)

    from newsledger.ingest.files import Failure
    from newsledger.ingest.sources import PageStore, _from_feed
    from newsledger.models import Article
    from newsledger.settings import load_settings

SETTINGS = load_settings(use_files=False).replace(max_doc_chars=20_000, max_feed_entries=5)
PAGES = PageStore(None, None)


def test_one(data: bytes) -> None:
    try:
        items = list(_from_feed(data, "fuzz.rss", SETTINGS, PAGES))
    except Exception as exc:  # _from_feed raises coded InputErrors for a non-feed; the caller records them
        from newsledger.errors import InputError

        if isinstance(exc, InputError):
            return
        raise
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) <= SETTINGS.max_feed_entries
    for it in items:
        if isinstance(it, Failure):
            assert it.code != "E199", f"unanticipated error: {it}"
            assert it.source.startswith("fuzz.rss"), it
        else:
            assert isinstance(it, Article) and it.text.strip()


def main() -> None:
    logging.disable(logging.CRITICAL)
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
