"""Feed links are confined to the page directories: a link whose path, once normalised and
with symlinks followed, lies outside ``--html-dir`` (or the feed's own directory) is refused
with a coded error naming the link, and the file it points at is never opened."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.ingest.files import Failure
from newsledger.ingest.sources import iter_sources
from newsledger.models import Article
from newsledger.settings import load_settings

SETTINGS = load_settings(use_files=False).replace(max_doc_chars=20_000)
SECRET = "SECRETPAGEBODY"
PAGE = (f"<html><head><title>Secret</title></head><body><article><p>{SECRET} Officials said twelve "
        "people were killed on Monday in the town of Kramatorsk, according to the regional governor."
        "</p></article></body></html>")


_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _OPENED is not None and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # records every file this process opens while a test listens


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _OPENED
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def _feed(link: str) -> str:
    return (f'<rss version="2.0"><channel><title>t</title><item><title>a</title><link>{link}</link>'
            "<description>Officials said twelve people were killed on Monday in the town.</description>"
            "</item></channel></rss>")


@pytest.fixture
def layout(tmp_path: Path) -> dict[str, Path]:
    """tmp/outside/secret.html (outside), tmp/site/feed/f.rss and tmp/site/pages (the page dir)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(PAGE, "utf-8")
    feed_dir = tmp_path / "site" / "feed"
    feed_dir.mkdir(parents=True)
    pages = tmp_path / "site" / "pages"
    pages.mkdir()
    return {"outside": outside, "feed": feed_dir, "pages": pages, "secret": outside / "secret.html"}


def _links(lay: dict[str, Path]) -> list[str]:
    secret = lay["secret"]
    up = "../" * 8 + str(secret).lstrip("/")
    return [
        f"https://news.example.com/{up}",
        f"https://news.example.com/a/../../../{os.path.relpath(secret, lay['pages'])}",
        str(secret),
        f"file://{secret}",
        f"file://localhost{secret}",
        os.path.relpath(secret, lay["pages"]),
        "https://news.example.com/news/link.html",  # a symlink inside the page dir, to the secret
    ]


@pytest.mark.parametrize("which", range(7))
def test_links_outside_the_page_dirs_are_refused_and_never_opened(layout: dict[str, Path], which: int,
                                                                   opened: list[str]) -> None:
    (layout["pages"] / "news").mkdir()
    (layout["pages"] / "news" / "link.html").symlink_to(layout["secret"])
    link = _links(layout)[which]
    feed = layout["feed"] / "f.rss"
    feed.write_text(_feed(link), "utf-8")
    out = list(iter_sources([str(feed)], SETTINGS, html_dir=str(layout["pages"])))
    assert str(feed) in opened  # the hook sees opens
    assert not [p for p in opened if Path(p).resolve() == layout["secret"]], "the secret was opened"
    assert not any(isinstance(i, Article) and SECRET in i.text for i in out), f"{link} read the secret"
    refused = [i for i in out if isinstance(i, Failure) and i.code == "E120"]
    assert len(refused) == 1, out
    # named feed#link (feedparser writes file:///x as file://x)
    assert refused[0].source.startswith(f"{feed}#") and refused[0].source.endswith(link.rsplit("/", 1)[-1])
    assert "outside" in refused[0].reason
    assert not any(isinstance(i, Article) for i in out), "the refused entry does not fall back to its summary"


def test_a_link_into_the_page_dir_is_read_and_a_missing_page_falls_back(layout: dict[str, Path]) -> None:
    (layout["pages"] / "news").mkdir()
    (layout["pages"] / "news" / "ok.html").write_text(PAGE, "utf-8")
    (layout["pages"] / "inner.html").symlink_to(layout["pages"] / "news" / "ok.html")
    feed = layout["feed"] / "f.rss"
    for link in ("https://news.example.com/news/ok.html", "https://news.example.com/x/../news/ok.html",
                 f"file://{layout['pages']}/news/ok.html", "https://news.example.com/inner.html"):
        feed.write_text(_feed(link), "utf-8")
        (art,) = iter_sources([str(feed)], SETTINGS, html_dir=str(layout["pages"]))
        assert isinstance(art, Article) and SECRET in art.text, (link, art)
    feed.write_text(_feed("https://news.example.com/news/absent.html"), "utf-8")
    (art,) = iter_sources([str(feed)], SETTINGS, html_dir=str(layout["pages"]))
    assert isinstance(art, Article) and art.text.startswith("Officials said")


def test_a_linked_page_over_the_cap_is_refused_before_it_is_read(layout: dict[str, Path],
                                                                  opened: list[str]) -> None:
    big = layout["pages"] / "big.html"
    with open(big, "wb") as fh:  # sparse: 200 MB that take no disk
        fh.truncate(200_000_000)
    feed = layout["feed"] / "f.rss"
    feed.write_text(_feed("https://news.example.com/big.html"), "utf-8")
    opened.clear()
    (fail,) = iter_sources([str(feed)], SETTINGS, html_dir=str(layout["pages"]))
    assert isinstance(fail, Failure) and fail.code == "E104", fail
    assert "over" in fail.reason and not [p for p in opened if p.endswith("big.html")]
