"""Inputs that are large as a whole stream through the readers: JSON Lines one line at a
time, a WARC page store one page at a time. Each case runs in a child process whose peak
resident memory is compared with the same child on a tiny input."""

from __future__ import annotations

import itertools
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


# ----------------------------------------------------------------------------- one long document
# Issue 24 item 7: three documents within max_doc_chars went far over 1.5 GB through analysis
# (a 990,000-character "1 km 2 kg ..." text 3.47 GB, 400 KB of spaced quote marks 3.35 GB,
# 880 KB of place names 3.34 GB). The model's working memory grew with the tokens of the
# one document (about 14 KB a token in tok2vec), and the quantities layer's per-figure work
# grew with the figures of the document. Each case runs the ingest path (the batch worker)
# in a child on the text at two lengths above LONG_DOC_CHARS; the longer may add only what
# the longer document itself holds (its tokens, a bounded set of records), not a second
# model pass' worth. Before the fix the 120,000-character texts added 350-600 MB over the
# 60,000-character ones; the full-size figures are in docs/reliability.md.

_ANALYSE = """
import resource, sys
from newsledger.batch.worker import analyze_partition
from newsledger.ingest.article import make_article
from newsledger.settings import load_settings
settings = load_settings().replace(doc_timeout_s=0)
text = open(sys.argv[1], encoding="utf-8").read()
article = make_article(text, source=sys.argv[1], kind="text", max_chars=settings.max_doc_chars)
(result,) = analyze_partition([article], settings)
print(type(result).__name__, len(getattr(result, "quantities", [])),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

#: What a document twice as long may add to the peak, in MB: its tokens (about 1 KB each
#: with the model's tensor) and its records, for 60,000 more characters.
LONG_DOC_SLACK_MB = 150

_PLACE_NAMES = ["Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Donetsk", "Mariupol", "Kherson", "Poltava", "Moscow", "Belgorod", "Kursk", "Warsaw", "Berlin", "Paris", "London", "Madrid", "Rome", "Vienna", "Prague", "Budapest", "Ankara", "Cairo", "Beirut", "Damascus", "Baghdad", "Tehran", "Kabul", "Delhi", "Beijing", "Tokyo", "Ukraine", "Russia", "Poland", "Germany", "France", "Spain", "Italy", "Turkey", "Egypt", "Lebanon", "Syria", "Iraq", "Iran", "India", "China", "Japan", "Sudan", "Khartoum", "Gaza", "Israel", "Yemen"]


def _long_text(case: str, chars: int) -> str:
    if case == "units":
        unit = "1 km 2 kg "
    elif case == "quote marks":
        unit = '" '
    else:
        unit = " ".join(f"{name}," if i % 3 == 0 else name for i, name in enumerate(_PLACE_NAMES)) + " "
    return (unit * (chars // len(unit) + 1))[:chars]


def _analysed_peak(path: Path) -> tuple[str, int, int]:
    out = subprocess.run([sys.executable, "-c", _ANALYSE, str(path)], capture_output=True, text=True, check=True)
    kind, quantities, mb = out.stdout.split()
    return kind, int(quantities), int(mb)


@pytest.mark.parametrize("case", ["units", "quote marks", "place names"])
def test_one_long_document_has_a_bounded_peak(case: str, tmp_path: Path) -> None:
    peaks = {}
    for chars in (60_000, 120_000):
        path = tmp_path / f"{chars}.txt"
        path.write_text(_long_text(case, chars), encoding="utf-8")
        kind, _, peaks[chars] = _analysed_peak(path)
        assert kind == "Report"
    print(f"{case}: peak {peaks[60_000]} MB at 60,000 characters, {peaks[120_000]} MB at 120,000")
    assert peaks[120_000] - peaks[60_000] < LONG_DOC_SLACK_MB, peaks


def _spans(obj: object) -> list[tuple[int, int, str]]:
    """Every TextSpan inside a record, as (start, end, text)."""
    from newsledger.models import TextSpan

    if isinstance(obj, TextSpan):
        return [(obj.start, obj.end, obj.text)]
    if isinstance(obj, list | tuple):
        return [s for x in obj for s in _spans(x)]
    if hasattr(obj, "__dict__") and hasattr(obj, "model_fields"):
        return [s for name in type(obj).model_fields for s in _spans(getattr(obj, name))]
    return []


def test_a_long_document_in_pieces_keeps_its_text_and_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document over LONG_DOC_CHARS goes through the model in pieces joined back into one
    Doc: its tokens are those of the whole text, and every record points into the text."""
    from newsledger.ingest.article import make_article
    from newsledger.nlp import pieces
    from newsledger.nlp.pipeline import get_nlp, make_doc, run
    from newsledger.settings import load_settings

    para = ("Russian forces shelled Pokrovsk overnight, killing 4 people, the governor said. "
            "\u201cThe city is under constant fire,\u201d said Vadym Filashkin, the governor of Donetsk. "
            "About 3,000 people fled Kharkiv and 12 km of road was closed.")
    text = "\n\n".join(f"{para} Report {i}." for i in range(30)) + " " + "1 km 2 kg " * 200
    monkeypatch.setattr(pieces, "LONG_DOC_CHARS", 2_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1_500)
    settings = load_settings()
    nlp = get_nlp(settings)
    article = make_article(text, source="long.txt", kind="text", max_chars=10**6)
    bounds = pieces.piece_bounds(make_doc(nlp, article))
    assert len(bounds) > 5 and bounds[0][0] == 0 and all(b[1] == c[0] for b, c in itertools.pairwise(bounds))
    doc = pieces.analyze_long(nlp, make_doc(nlp, article))
    assert doc.text == text
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in make_doc(nlp, article)]
    (report,) = run([article], settings)
    assert report.quotes and report.quantities and report.places
    spans = _spans([report.quotes, report.quantities, report.places, report.entities, report.events])
    assert spans and all(text[s:e] == t for s, e, t in spans)


def test_records_past_the_cap_are_dropped_with_a_warning() -> None:
    from newsledger import analyze
    from newsledger.settings import load_settings

    settings = load_settings().replace(max_layer_records=25)
    report = analyze("Officials said the convoy moved " + "1 km 2 kg " * 100 + "north.", settings=settings)
    assert len(report.quantities) == 25
    assert [q.span.text for q in report.quantities[:2]] == ["1 km", "2 kg"]
    (warning,) = [w for w in report.warnings if w.code == "W205"]
    assert warning.layer == "quantities" and "25" in warning.message
