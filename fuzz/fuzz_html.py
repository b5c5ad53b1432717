"""Fuzz the HTML path: bytes -> decode -> article extraction (trafilatura, htmldate) and the
feed-fragment text reader. A finding is any exception other than a coded InputError, or an
article whose text breaks the invariants the pipeline relies on.

Run through ``fuzz/run.sh`` (bounded time), or alone:
``.venv/bin/python fuzz/fuzz_html.py -max_total_time=60 fuzz/corpus/html fuzz/seeds/html``.
"""

from __future__ import annotations

import logging
import sys

import atheris

with atheris.instrument_imports(include=["newsledger", "trafilatura", "htmldate", "justext", "courlan"]):
    import htmldate  # noqa: F401  (imported here so that it is instrumented)
    import trafilatura  # noqa: F401

    from newsledger.errors import InputError
    from newsledger.ingest.article import make_article
    from newsledger.ingest.decode import normalise_text
    from newsledger.ingest.sources import fragment_text

#: Small cap, so the fuzzer explores structure rather than size (size has its own tests).
MAX_CHARS = 20_000


def test_one(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    kind = fdp.ConsumeIntInRange(0, 2)
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        if kind == 0:
            art = make_article(payload, source="fuzz.html", kind="html", max_chars=MAX_CHARS)
        elif kind == 1:
            art = make_article(payload, source="fuzz", max_chars=MAX_CHARS)  # sniffed: text or HTML
        else:
            text = fragment_text(payload.decode("utf-8", "replace"))
            assert isinstance(text, str)
            return
    except InputError as exc:
        assert exc.code.startswith("E1") and "fuzz" in str(exc), exc
        return
    assert art.text.strip(), "an article with no text"
    assert normalise_text(art.text) == art.text, "article text is not normalised"
    art.text.encode("utf-8")


def main() -> None:
    logging.disable(logging.CRITICAL)  # trafilatura logs every empty page
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
