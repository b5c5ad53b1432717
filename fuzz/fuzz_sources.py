"""Fuzz the JSON Lines and WARC readers: bytes -> records -> Articles, Reports or Failures.
A finding is an exception escaping the reader, or a Failure with E199 (an error no one
anticipated, as opposed to a coded one).

Run through ``fuzz/run.sh`` (bounded time), or alone:
``.venv/bin/python fuzz/fuzz_sources.py -max_total_time=60 fuzz/corpus/sources fuzz/seeds/sources``.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["newsledger", "warcio"]):
    import warcio.archiveiterator  # noqa: F401  (imported here so that it is instrumented)

    from newsledger.ingest.files import Failure
    from newsledger.ingest.sources import _from_jsonl, _from_warc
    from newsledger.models import Article, Report
    from newsledger.settings import load_settings

SETTINGS = load_settings(use_files=False).replace(max_doc_chars=20_000)
#: The WARC reader takes a path: each input is written here (memory-backed where possible).
WARC_PATH = os.path.join("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir(),
                         f"newsledger-fuzz-{os.getpid()}.warc")


def test_one(data: bytes) -> None:
    if not data:
        return
    if data[0] % 2:
        items = list(_from_jsonl(data[1:], "fuzz.jsonl", SETTINGS))
    else:
        with open(WARC_PATH, "wb") as fh:
            fh.write(data[1:])
        items = list(_from_warc(WARC_PATH, SETTINGS))
    for it in items:
        if isinstance(it, Failure):
            assert it.code != "E199", f"unanticipated error: {it}"
        else:
            assert isinstance(it, Article | Report)


def main() -> None:
    logging.disable(logging.CRITICAL)
    try:
        atheris.Setup(sys.argv, test_one)
        atheris.Fuzz()
    finally:
        if os.path.exists(WARC_PATH):
            os.remove(WARC_PATH)


if __name__ == "__main__":
    main()
