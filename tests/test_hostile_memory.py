"""Inputs that are large as a whole stream through the readers: JSON Lines one line at a
time, a WARC page store one page at a time. Each case runs in a child process whose peak
resident memory is compared with the same child on a tiny input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

_CHILD = """
import resource, sys
from newsledger.ingest.files import Failure
from newsledger.ingest.sources import iter_sources
from newsledger.models import Article
from newsledger.settings import load_settings
settings = load_settings(use_files=False)
src, html_dir, warc = sys.argv[1], sys.argv[2] or None, sys.argv[3] or None
n = {"article": 0, "failure": 0}
for item in iter_sources([src], settings, html_dir=html_dir, warc=warc):
    n["article" if isinstance(item, Article) else "failure"] += 1
print(n["article"], n["failure"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

#: Growth allowed over the same child on a tiny input, in MB. The inputs below are 120 MB
#: (JSON Lines) and 60 MB (WARC): held whole, they would add at least that much.
SLACK_MB = 40


def _peak(src: Path, html_dir: str = "", warc: str = "") -> tuple[int, int, int]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(src), html_dir, warc],
                         capture_output=True, text=True, check=True)
    articles, failures, mb = (int(x) for x in out.stdout.split())
    return articles, failures, mb


def test_json_lines_stream(tmp_path: Path) -> None:
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    record = json.dumps({"note": "x" * 12_000}) + "\n"  # no text field: each line a quick E100
    small.write_text(record * 2)
    with big.open("w") as fh:
        for _ in range(10_000):
            fh.write(record)
    _, _, base = _peak(small)
    _, failures, peak = _peak(big)
    assert failures == 10_000
    print(f"JSON Lines, 120 MB: peak {peak} MB, tiny file {base} MB")
    assert peak - base < SLACK_MB, f"{peak} MB against {base} MB for a tiny file"


def test_a_line_over_the_cap_is_skipped_unread(tmp_path: Path) -> None:
    from newsledger.ingest.files import Failure
    from newsledger.ingest.sources import iter_sources
    from newsledger.settings import load_settings

    settings = load_settings(use_files=False).replace(max_doc_chars=1_000)
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "word " * 10_000}) + "\n" + json.dumps({"text": "Two people died."}) + "\n")
    first, second = iter_sources([str(path)], settings)
    assert isinstance(first, Failure) and first.code == "E104" and first.source == f"{path}:1"
    assert not isinstance(second, Failure) and second.text == "Two people died."


def test_the_warc_page_store_holds_one_page_at_a_time(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def archive(path: Path, pages: int) -> None:
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=False)
            for i in range(pages):
                body = (f"<html><body><article><p>Page {i}: officials said {i} people were hurt.</p>"
                        + "<p>" + "filler words here " * 55_000 + "</p></article></body></html>").encode()
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
                writer.write_record(writer.create_warc_record(f"https://t.invalid/{i}", "response",
                                                              payload=__import__("io").BytesIO(body),
                                                              http_headers=headers))

    feed = tmp_path / "f.rss"
    feed.write_text('<rss version="2.0"><channel><title>t</title><item><title>a</title>'
                    "<link>https://t.invalid/0</link><description>Short.</description></item></channel></rss>")
    archive(tmp_path / "small.warc", 1)
    archive(tmp_path / "big.warc", 60)
    assert (tmp_path / "big.warc").stat().st_size > 55_000_000
    _, _, base = _peak(feed, warc=str(tmp_path / "small.warc"))
    _, _, peak = _peak(feed, warc=str(tmp_path / "big.warc"))
    print(f"WARC page store, 60 MB: peak {peak} MB, one-page archive {base} MB")
    assert peak - base < SLACK_MB, f"{peak} MB against {base} MB for a one-page archive"
