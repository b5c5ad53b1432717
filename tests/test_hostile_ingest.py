"""Hostile input to the text and HTML paths: any bytes, any text, any HTML gives an Article or
a coded InputError that names the input; never another exception, never a hang."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_strategies import (
    CODE,
    PROFILE,
    any_text,
    encoded_bytes,
    html_fragment,
    html_page,
    nested_html,
)
from newsledger.errors import InputError, TooLargeError
from newsledger.ingest.article import make_article
from newsledger.ingest.decode import decode_bytes, normalise_text
from newsledger.ingest.sources import fragment_text
from newsledger.models import Article

SOURCE = "hostile/input-01.bin"


def _check_article_or_error(make) -> Article | None:
    try:
        art = make()
    except InputError as exc:
        assert CODE.match(exc.code), exc
        assert str(exc).startswith(f"[{exc.code}] {SOURCE}: "), str(exc)
        assert exc.reason and "\n" not in exc.reason
        return None
    assert isinstance(art, Article)
    assert art.text.strip()
    # the stored text is what offsets are taken on: valid UTF-8, NFC, no NULs, no CR
    art.text.encode("utf-8")
    assert "\x00" not in art.text and "\r" not in art.text
    assert normalise_text(art.text) == art.text
    return art


@settings(PROFILE)
@given(encoded_bytes())
def test_any_bytes_decode_or_fail_with_a_code(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, SOURCE, max_chars=10_000)
    except InputError as exc:
        assert CODE.match(exc.code) and SOURCE in str(exc)
        return
    assert text.strip() and encoding
    text.encode("utf-8")


@settings(PROFILE)
@given(encoded_bytes(), st.sampled_from([None, "utf-8", "latin-1", "bogus-codec", "utf-16", "ascii"]))
def test_any_bytes_make_an_article_or_a_coded_error(data: bytes, declared: str | None) -> None:
    _check_article_or_error(lambda: make_article(data, source=SOURCE, encoding=declared, max_chars=10_000))


@settings(PROFILE)
@given(any_text)
def test_any_text_makes_an_article_or_a_coded_error(text: str) -> None:
    _check_article_or_error(lambda: make_article(text, source=SOURCE, kind="text"))


@settings(PROFILE)
@given(html_page)
def test_any_html_page_makes_an_article_or_a_coded_error(html: str) -> None:
    art = _check_article_or_error(lambda: make_article(html, source=SOURCE, kind="html"))
    if art is not None:
        assert "<script" not in art.text.lower() or "<script" in html.lower()


@settings(PROFILE)
@given(st.one_of(html_page, html_fragment).map(lambda h: h.encode("utf-8", "surrogatepass")),
       st.booleans())
def test_html_bytes_with_any_encoding_claim(data: bytes, sniff: bool) -> None:
    _check_article_or_error(lambda: make_article(data, source=SOURCE, kind=None if sniff else "html"))


@settings(PROFILE)
@given(html_fragment)
def test_feed_fragment_text_never_raises(html: str) -> None:
    text = fragment_text(html)
    assert isinstance(text, str)
    assert "<" not in text or "<" in html or "&lt;" in html or "&#" in html


@pytest.mark.parametrize("depth", [10, 300, 3_000, 30_000])
@pytest.mark.parametrize("tag", ["div", "b", "table"])
def test_deeply_nested_html(depth: int, tag: str) -> None:
    art = _check_article_or_error(lambda: make_article(nested_html(depth, tag), source=SOURCE, kind="html"))
    if art is not None:
        assert "killed in shelling" in art.text
    assert isinstance(fragment_text(nested_html(depth, tag)), str)


@pytest.mark.parametrize("data", [
    b"", b"   \n\t ", b"\x00" * 100, bytes(range(256)) * 4, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"PK\x03\x04" + b"x" * 40, b"SQLite format 3\x00" + b"\x00" * 80,
    "Twelve people were killed in Kyiv on Monday, officials said.".encode("utf-16-le"),
    b"\xff\xfe" + "Twelve people were killed, officials said.".encode("utf-16-le"),
    "Officials said “twelve”".encode()[:-1],  # cut inside the last character
    "<html><body><p>Москва заявила, что 12 человек погибли.</p></body></html>".encode("koi8-r"),
    b"<html><head><meta charset=\"x-no-such\"></head><body><p>" + b"word " * 20 + b"</p></body></html>",
])
def test_known_bad_bytes(data: bytes) -> None:
    _check_article_or_error(lambda: make_article(data, source=SOURCE, max_chars=10_000))


def test_truncated_utf8_keeps_the_text_before_the_cut() -> None:
    art = make_article("Officials said “twelve people” died in Kyiv".encode()[:-5] + "ı".encode()[:1], source=SOURCE)
    assert art.text.startswith("Officials said “twelve people” died in")
    assert art.text.endswith("\ufffd")


def test_lone_surrogates_become_replacement_characters() -> None:
    art = make_article("Officials \ud800said twelve \udfffpeople died.", source=SOURCE)
    assert art.text == "Officials \ufffdsaid twelve \ufffdpeople died."


@pytest.mark.parametrize("size", [10_001, 50_000])
def test_size_cap_in_bytes_and_text_and_html(size: int) -> None:
    for content in ("a " * size, ("a " * size).encode(), "<html><body><p>" + "word " * size + "</p></body></html>"):
        with pytest.raises(TooLargeError) as err:
            make_article(content, source=SOURCE, max_chars=10_000)
        assert err.value.code == "E104" and SOURCE in str(err.value) and "max_doc_chars" in str(err.value)


def test_metadata_and_source_names_are_cleaned_like_the_text() -> None:
    """A JSON "\\ud800" in a title, or a file name in a broken encoding (surrogate escapes),
    must not reach the database or a JSON answer."""
    art = make_article("Officials said twelve people were killed.", source="bad-\udcff-name.txt",
                       title="Strike \ud800 on\x00 the town", publisher="Wire\udfff", feed="x\ud800")
    for value in (art.title, art.publisher, art.source.path, *art.source.extra.values()):
        assert value is not None
        value.encode("utf-8")
        assert "\x00" not in value
    assert art.title == "Strike \ufffd on the town"
