"""Sources for ingest: JSON Lines, feeds with local pages or WARC, stdin; bad input never stops a batch."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsledger.ingest.article import article_id
from newsledger.ingest.files import Failure
from newsledger.ingest.sources import fragment_text, iter_sources
from newsledger.models import Article, Report
from newsledger.settings import load_settings

SETTINGS = load_settings(use_files=False)

PAGE = """<!DOCTYPE html><html><head><title>Shelling near Kramatorsk</title>
<meta property="og:site_name" content="Test Herald">
<meta property="article:published_time" content="2024-09-02T08:00:00+00:00"></head>
<body><article><h1>Shelling near Kramatorsk</h1>
<p>Russian artillery shelled villages near Kramatorsk overnight, regional officials said on Monday.</p>
<p>Two civilians were wounded and a school was damaged, according to the regional police.</p>
<p>"The shelling has not stopped for three days," said a local volunteer, Iryna Melnyk.</p>
</article></body></html>"""


def feed(items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Test Feed</title><link>https://t.invalid/</link>{items}</channel></rss>")


def item(link: str, title: str = "A story", content: str | None = None) -> str:
    body = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{title}</title><link>{link}</link>"
            f"<pubDate>Mon, 02 Sep 2024 08:00:00 +0000</pubDate>{body}</item>")


def items(paths: list[str], **kw) -> list[Article | Report | Failure]:
    return list(iter_sources(paths, SETTINGS, **kw))


def test_jsonl_text_and_metadata_with_bad_lines_isolated(tmp_path: Path):
    lines = [
        json.dumps({"text": "Russian forces shelled Kherson on Sunday, officials said.", "title": "Kherson",
                    "source": "Test Herald", "date": "2024-09-01", "url": "https://t.invalid/1", "section": "world"}),
        "{not json",
        json.dumps({"headline": "no text here"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"body": "Drones struck Odesa overnight, the navy said.", "authors": ["A. Writer", "B. Writer"]}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), "utf-8")
    got = items([str(path)])
    arts = [x for x in got if isinstance(x, Article)]
    fails = [x for x in got if isinstance(x, Failure)]
    assert [a.title for a in arts] == ["Kherson", "Drones struck Odesa overnight, the navy said."]  # no title: the first line
    first = arts[0]
    assert (first.publisher, first.published, first.url) == ("Test Herald", "2024-09-01", "https://t.invalid/1")
    assert first.source.extra["section"] == "world"
    assert arts[1].byline == "A. Writer, B. Writer"
    assert [f.source for f in fails] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in fails[0].reason and "no text field" in fails[1].reason


def test_jsonl_reports_are_passed_through(tmp_path: Path):
    art = Article(id=article_id("Kyiv was quiet."), text="Kyiv was quiet.", published="2024-01-01")
    path = tmp_path / "reports.jsonl"
    path.write_text(Report(article=art).to_json() + "\n", "utf-8")
    (got,) = items([str(path)])
    assert isinstance(got, Report) and got.article == art


def test_feed_pages_from_a_local_directory_else_entry_content(tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "shelling.html").write_text(PAGE, "utf-8")
    xml = feed(item("https://t.invalid/news/shelling.html", "Feed title")
               + item("https://t.invalid/news/absent", "Wire", "<p>Drones hit Odesa port.</p><p>Two were hurt.</p>")
               + item("https://t.invalid/news/empty", "Empty"))
    path = tmp_path / "feed.xml"
    path.write_text(xml, "utf-8")
    got = items([str(path)], html_dir=str(pages))
    page, wire, empty = got
    assert isinstance(page, Article) and page.source.kind == "feed"
    assert page.publisher == "Test Herald" and page.title == "Feed title"
    assert "Iryna Melnyk" in page.text and page.url == "https://t.invalid/news/shelling.html"
    assert isinstance(wire, Article) and wire.text == "Drones hit Odesa port.\n\nTwo were hurt."
    assert wire.publisher == "Test Feed" and wire.published == "2024-09-02T08:00:00Z"
    assert isinstance(empty, Failure) and "no content" in empty.reason


def test_feed_pages_from_a_warc(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = tmp_path / "pages.warc.gz"
    with open(warc, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record("https://t.invalid/news/shelling.html", "response",
                                        payload=io.BytesIO(PAGE.encode("utf-8")), http_headers=headers)
        writer.write_record(rec)
    path = tmp_path / "feed.rss"
    path.write_text(feed(item("https://t.invalid/news/shelling.html")), "utf-8")
    (got,) = items([str(path)], warc=str(warc))
    assert isinstance(got, Article) and "Iryna Melnyk" in got.text
    # the WARC itself is a source too
    (direct,) = items([str(warc)])
    assert isinstance(direct, Article) and direct.source.kind == "warc" and direct.id == got.id


def test_feed_entries_are_capped(tmp_path: Path):
    path = tmp_path / "big.xml"
    path.write_text(feed("".join(item(f"https://t.invalid/{i}", f"T{i}", f"<p>Story number {i}.</p>")
                                 for i in range(5))), "utf-8")
    got = list(iter_sources([str(path)], SETTINGS.replace(max_feed_entries=3)))
    assert sum(isinstance(x, Article) for x in got) == 3
    assert isinstance(got[-1], Failure) and "max_feed_entries" in got[-1].reason


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("img.png", b"\x89PNG\r\n", "unsupported file type"),
    ("empty.txt", b"   \n", "empty"),
    ("broken.xml", b"<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>", "no entries"),
    ("bin.html", b"\x00\x01\x02" * 50, "binary"),
])
def test_bad_inputs_fail_with_a_reason_and_the_rest_goes_on(tmp_path: Path, name: str, data: bytes, reason: str):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("Shelling was reported in Sumy on Tuesday.", "utf-8")
    got = items([str(bad), str(tmp_path / "missing.txt"), str(good)])
    assert isinstance(got[0], Failure) and reason in got[0].reason and got[0].source == str(bad)
    assert isinstance(got[1], Failure) and "no such file" in got[1].reason
    assert isinstance(got[2], Article)


def test_stdin_jsonl_and_text(monkeypatch):
    class FakeStdin:
        def __init__(self, data: bytes) -> None:
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", FakeStdin(b'{"text": "Kharkiv was shelled."}\n{"text": "Sumy too."}\n'))
    assert [a.text for a in items(["-"])] == ["Kharkiv was shelled.", "Sumy too."]  # type: ignore[union-attr]
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"Kharkiv was shelled again."))
    (one,) = items(["-"])
    assert isinstance(one, Article) and one.source.path == "<stdin>"


def test_fragment_text_keeps_paragraphs():
    assert fragment_text("<p>One.</p><p>Two <b>bold</b>.</p>") == "One.\n\nTwo bold."
