"""Hostile JSON Lines, feeds and WARC archives through ``iter_sources``: it never raises, and
every failure is a coded :class:`Failure` that names the file (and the line or entry)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_strategies import CODE, PROFILE, feed_document, jsonl_line, warc_archive, warc_record
from newsledger.ingest.files import Failure
from newsledger.ingest.sources import iter_sources
from newsledger.models import Article, Report
from newsledger.settings import load_settings

SETTINGS = load_settings(use_files=False).replace(max_doc_chars=20_000, max_feed_entries=3)


def _run(name: str, data: bytes, **kw: str) -> list[Article | Report | Failure]:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        items = list(iter_sources([str(path)], SETTINGS, **kw))
        for it in items:
            if isinstance(it, Failure):
                assert CODE.match(it.code), it
                assert it.source.startswith(str(path)), it
                assert it.reason and it.reason.isprintable() and len(it.reason) <= 301, it
            elif isinstance(it, Article):
                assert it.text.strip()
                it.text.encode("utf-8")
                assert len(it.text) <= SETTINGS.max_doc_chars
        return items


@settings(PROFILE)
@given(st.lists(jsonl_line(), max_size=8), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_jsonl_lines_each_give_an_article_or_a_coded_failure(lines: list[str], sep: str) -> None:
    data = sep.join(lines).encode("utf-8", "surrogatepass")
    items = _run("hostile.jsonl", data)
    assert items, "every file yields something: an article or a failure"


@settings(PROFILE)
@given(feed_document())
def test_feeds_give_articles_or_coded_failures(data: bytes) -> None:
    items = _run("hostile.rss", data)
    assert items
    assert sum(isinstance(i, Article) for i in items) <= SETTINGS.max_feed_entries


@settings(PROFILE)
@given(warc_archive(), st.sampled_from(["hostile.warc", "hostile.warc.gz"]))
def test_warc_archives_give_articles_or_coded_failures(data: bytes, name: str) -> None:
    assert _run(name, data)


@settings(PROFILE)
@given(warc_archive())
def test_a_feed_reading_its_pages_from_a_hostile_warc(warc: bytes) -> None:
    feed = (b'<rss version="2.0"><channel><title>t</title><item><title>a</title>'
            b"<link>http://example.test/0</link><description>Officials said twelve people were killed "
            b"on Monday in the town.</description></item></channel></rss>")
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "pages.warc").write_bytes(warc)
        items = _run("hostile.rss", feed, warc=str(Path(d) / "pages.warc"))
    assert len(items) >= 1


def test_feed_entry_cap_is_enforced_and_recorded() -> None:
    items = b"".join(b"<item><title>t%d</title><description>Officials said %d people were killed "
                     b"on Monday.</description></item>" % (i, i) for i in range(10))
    out = _run("many.rss", b'<rss version="2.0"><channel><title>x</title>' + items + b"</channel></rss>")
    assert sum(isinstance(i, Article) for i in out) == 3
    capped = [i for i in out if isinstance(i, Failure) and i.code == "E109"]
    assert len(capped) == 1 and "max_feed_entries" in capped[0].reason and "10" in capped[0].reason


def test_feed_entity_expansion_and_external_entities_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE")
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}'
            f'<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel><title>&l9;</title>'
            "<item><title>&x;</title><description>&x; &l9; Officials said twelve people were killed on "
            "Monday.</description></item></channel></rss>").encode()
    out = _run("lol.rss", data)
    for it in out:
        if isinstance(it, Article):
            assert "TOPSECRETVALUE" not in it.model_dump_json()
            assert len(it.text) < 10_000  # the billion laughs were not expanded


@pytest.mark.parametrize("link", ["../../../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
                                  "http://example.test/../../../etc/passwd"])
def test_feed_links_do_not_read_files_outside_the_page_dirs(tmp_path: Path, link: str) -> None:
    feed_dir = tmp_path / "feed"
    feed_dir.mkdir()
    (feed_dir / "f.rss").write_text(
        f'<rss version="2.0"><channel><title>t</title><item><title>a</title><link>{link}</link>'
        "<description>Officials said twelve people were killed on Monday in the town.</description>"
        "</item></channel></rss>")
    out = list(iter_sources([str(feed_dir / "f.rss")], SETTINGS, html_dir=str(tmp_path / "pages")))
    for it in out:
        if isinstance(it, Article):
            assert "root:" not in it.text, f"{link} read a file outside the feed's directories"


@pytest.mark.parametrize(("name", "data", "code"), [
    ("a.jsonl", b'{"text": "Ten people died.", "n": ' + b"9" * 5000 + b"}", "E199"),
    ("b.jsonl", b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "E110"),
    ("c.jsonl", b'{"article": {}, "schema_version": 1}', "E111"),
    ("d.jsonl", b"{not json", "E108"),
    ("e.jsonl", b"", "E101"),
    ("f.jsonl", b'{"text": 5}', "E100"),
    ("g.warc", b"\x00\x01garbage" * 10, "E112"),
    ("h.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc", "E112"),
    ("i.rss", b"<rss><channel>", "E100"),
    ("j.pdf", b"%PDF-1.4", "E106"),
    ("k.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "E102"),
    ("l.html", b"<html><body><nav>menu</nav></body></html>", "E105"),
    ("m.txt", b"word " * 5000, "E104"),
])
def test_each_bad_file_has_its_code(name: str, data: bytes, code: str) -> None:
    out = _run(name, data)
    assert any(isinstance(i, Failure) and i.code == code for i in out), out


def test_warc_with_a_lying_length_is_a_failure_not_a_hang() -> None:
    good = warc_record("http://example.test/ok", b"<html><body><p>" + b"Officials said twelve people were "
                       b"killed on Monday in the town. " * 3 + b"</p></body></html>")
    bad = warc_record("http://example.test/bad", b"<html>short</html>", http_length=10_000_000)
    out = _run("lying.warc", good + bad)
    assert any(isinstance(i, Article) for i in out)


def _first_span(value: object) -> dict | None:  # type: ignore[type-arg]
    """The first span-shaped dict (start, end, text) in a dumped report, to forge."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and value["end"] > value["start"]:
            return value
        children = list(value.values())
    elif isinstance(value, list):
        children = value
    else:
        return None
    for child in children:
        found = _first_span(child)
        if found is not None:
            return found
    return None


@pytest.mark.parametrize(("field", "change"), [
    ("start", 10**12), ("end", 10**12), ("end", -1), ("start", "swap"), ("text", "<script>alert(1)</script>"),
])
def test_forged_reports_with_offsets_that_point_nowhere_are_refused(field: str, change: object) -> None:
    """The store-only path takes analysed reports as they are, but not with spans outside
    their article or not matching its text (a report edited by hand, or forged)."""
    import json

    from fault_support import template_reports

    good = json.loads(template_reports()[0].model_dump_json())
    span = _first_span({k: v for k, v in good.items() if k != "article"})
    assert span is not None, "the template has records with spans"
    if change == "swap":
        span["start"], span["end"] = span["end"], span["start"]
    else:
        span[field] = change
    lines = [json.dumps(good), template_reports()[1].model_dump_json()]
    out = _run("reports.jsonl", "\n".join(lines).encode())
    assert isinstance(out[0], Failure) and out[0].code == "E111", out[0]
    assert out[0].source.endswith("reports.jsonl:1")
    assert isinstance(out[1], Report), "the next line is read as usual"


@pytest.mark.parametrize(("data", "code"), [
    (b"", "E101"),
    (b"\x00\x01\x02" * 100, "E102"),
    (b'{"text": "Officials said twelve', "E108"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a', "E100"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "E102"),
])
def test_hostile_standard_input_to_the_ingest_command(tmp_path: Path, data: bytes, code: str) -> None:
    from typer.testing import CliRunner

    from newsledger.cli.main import app

    result = CliRunner().invoke(app, ["ingest", "-", "--db", str(tmp_path / "l.sqlite"), "-q"], input=data)
    assert result.exit_code == 1, result.output
    assert re.search(rf"<stdin>(:\d+|#\S+)?: \[{code}\]", result.output), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
