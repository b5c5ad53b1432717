"""Bad input gets a clear error that names the input; good input becomes an Article."""

from __future__ import annotations

import gzip

import pytest

from newsledger.errors import (
    BinaryInputError,
    EmptyInputError,
    NoArticleBodyError,
    TooLargeError,
)
from newsledger.ingest.article import article_id, make_article
from newsledger.ingest.decode import decode_bytes
from newsledger.ingest.files import Failure, articles_from_paths

HTML = """<!doctype html><html><head><title>Shelling hits depot</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-03-02">
</head><body><nav>Home | World | Sport</nav><article><h1>Shelling hits depot</h1>
<p>Artillery fire struck a fuel depot on the edge of the town overnight, local officials said on Saturday.</p>
<p>The regional governor said two workers were hurt and that firefighters had put out the blaze by morning.</p>
<p>"We are repairing the lines as fast as we can," the governor told reporters at the scene.</p>
</article><footer>Cookie settings</footer></body></html>"""


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"   \n\t ", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00rest", BinaryInputError),
        (gzip.compress(b"hello world"), BinaryInputError),
        (b"\x00\x01\x02\x03" * 50, BinaryInputError),
    ],
)
def test_bad_bytes_name_the_input(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as exc:
        decode_bytes(data, "bad-input.txt")
    assert "bad-input.txt" in str(exc.value)


def test_undecodable_bytes_fall_back_to_detection() -> None:
    text, enc = decode_bytes("Kyiv said the café was hit. Größe égale.".encode("latin-1"), "x.txt")
    assert "café" in text and enc != "utf-8"


def test_declared_encoding_is_tried_first() -> None:
    text, enc = decode_bytes("Москва заявила".encode("cp1251"), "x.txt", declared="cp1251")
    assert text == "Москва заявила" and enc == "cp1251"


def test_size_cap() -> None:
    with pytest.raises(TooLargeError) as exc:
        make_article("word " * 100, source="big.txt", max_chars=50)
    assert "big.txt" in str(exc.value) and "max_doc_chars" in str(exc.value)


def test_html_without_body() -> None:
    with pytest.raises(NoArticleBodyError) as exc:
        make_article("<html><head><title>x</title></head><body><nav>Menu</nav></body></html>",
                     source="empty.html", kind="html")
    assert "empty.html" in str(exc.value)


def test_html_gives_text_and_metadata() -> None:
    a = make_article(HTML, source="page.html")
    assert a.source.kind == "html"
    assert "fuel depot" in a.text and "Cookie settings" not in a.text
    assert a.title == "Shelling hits depot"
    assert a.published and a.published.startswith("2024-03-02")


def test_article_id_is_a_content_hash() -> None:
    assert article_id("A  b\nc") == article_id("a b c")
    assert article_id("a b c") != article_id("a b d")
    assert make_article("Some text here.").id == make_article("Some   text here.").id


def test_batch_skips_bad_inputs_and_keeps_good(tmp_path) -> None:
    (tmp_path / "good.txt").write_text("Officials said the bridge reopened on Monday.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 40)
    items = list(articles_from_paths([str(tmp_path), str(tmp_path / "missing.txt")], 10_000))
    good = [i for i in items if not isinstance(i, Failure)]
    bad = {i.source.rsplit("/", 1)[-1]: i for i in items if isinstance(i, Failure)}
    assert len(good) == 1
    assert set(bad) == {"empty.txt", "image.png", "bin.txt", "missing.txt"}
    assert bad["bin.txt"].code == "E102"
    assert "no such file" in bad["missing.txt"].reason
