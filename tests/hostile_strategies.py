"""Hypothesis strategies for hostile input, shared by ``tests/test_hostile_*.py``.

Each strategy makes the kind of input a real crawl or a careless user hands us: text with
every Unicode category (lone surrogates, controls, bidi marks), HTML that is unbalanced,
deeply nested or full of scripts, feeds and JSON Lines with odd fields, and all of them
truncated, wrongly encoded or mixed with binary.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: Examples per property. The suite runs on 2 shared cores: each property here takes a few
#: seconds at this count; the ``thorough`` profile (see :data:`PROFILE`) raises it 20-fold.
EXAMPLES = 60

# The suite's profile is derandomized: the same examples on every run, so CI cannot fail on
# a new draw that no one has looked at; the thorough profile draws afresh each time.
settings.register_profile(
    "hostile", max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough", max_examples=EXAMPLES * 20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The profile the tests use: ``NEWSLEDGER_HOSTILE_PROFILE=thorough`` for a long local run.
PROFILE = settings.get_profile(os.environ.get("NEWSLEDGER_HOSTILE_PROFILE", "hostile"))

#: Every code an input failure may carry: E1xx (input), E199 (an unexpected parser error,
#: still named and printable), E2xx (pipeline) and E3xx (store).
CODE = re.compile(r"^E[123]\d\d$")

#: Any code point, surrogates and controls included.
any_char = st.characters(exclude_categories=())
any_text = st.text(any_char, max_size=400)

#: Characters that make NLP components work: quotes of every kind, digits, currency, units,
#: sentence punctuation, line breaks, and a few words that trigger quotes and quantities.
_tricky = st.sampled_from([
    "\"", "'", "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "「", "」", "—", "–", "-", "…",
    ".", "?", "!", ";", ":", ",", "(", ")", "[", "]", "\n", "\n\n", "\t", " ", "  ", "\u00a0",
    "\u200b", "\u202e", "\ufeff", "\x00", "\x07", "\x1b", "\ud800", "\U0001f4a5", "̸",
    "0", "1", "9", "1,000", "3.5", "½", "²", "1e308", "9" * 60, "-7", "10^400", "%", "$", "€",
    "£", "km", "kg", "tonnes", "per cent", "million", "billion", "dozens", "at least", "about",
    "said", "told", "according to", "killed", "wounded", "shelled", "in", "Kyiv", "Pokrovsk",
    "Ukraine", "Russia's", "the", "President", "Zelensky", "Mr", "Dr.", "spokesman", "army",
    "Monday", "2024", "31/02/2024", "last week", "BC", "AD", "A", "B", "x",
])
nlp_text = st.lists(st.one_of(_tricky, st.text(any_char, max_size=8)), max_size=80).map("".join)

_tags = st.sampled_from(["p", "div", "article", "span", "b", "i", "a", "h1", "h2", "li", "ul",
                         "table", "tr", "td", "script", "style", "noscript", "header", "footer",
                         "nav", "main", "section", "blockquote", "br", "img", "svg", "math",
                         "iframe", "form", "template", "xmp", "plaintext", "title", "meta"])
_attr = st.tuples(st.sampled_from(["class", "id", "href", "src", "style", "onload", "lang",
                                   "charset", "content", "x"]),
                  st.text(any_char, max_size=20)).map(
    lambda kv: f' {kv[0]}="{kv[1].replace(chr(34), "&quot;")}"')
_html_text = st.one_of(
    st.text(any_char, max_size=60),
    st.just("Officials said on Monday that 12 people were killed in shelling of the town. "),
    st.sampled_from(["&amp;", "&lt;", "&#0;", "&#xD800;", "&#1114112;", "&nosuch;", "&", "<",
                     ">", "<!--", "-->", "<![CDATA[", "]]>", "<?php ?>", "</p>", "</div>",
                     "<p", "<!DOCTYPE html>", "<meta charset=\"x-bogus\">"]),
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, kids, close: f"<{tag}{''.join(attrs)}>{''.join(kids)}" + (f"</{tag}>" if close else ""),
        _tags, st.lists(_attr, max_size=3), st.lists(children, max_size=4), st.booleans())


html_fragment = st.recursive(_html_text, _element, max_leaves=30)
html_page = st.builds(
    lambda head, body: f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>",
    st.lists(html_fragment, max_size=2).map("".join), st.lists(html_fragment, max_size=6).map("".join))


def nested_html(depth: int, tag: str = "div") -> str:
    """A page with ``depth`` nested elements around a real paragraph."""
    body = "<p>" + "Officials said on Monday that 12 people were killed in shelling. " * 3 + "</p>"
    return f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * depth}</body></html>"


_codecs = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252",
                           "cp1251", "koi8-r", "shift_jis", "gb18030", "iso-8859-7", "mac-roman"])


@st.composite
def encoded_bytes(draw: st.DrawFn, text: st.SearchStrategy[str] = nlp_text) -> bytes:
    """Text in a random encoding, possibly truncated or with binary bytes spliced in."""
    raw = draw(text).encode(draw(_codecs), errors="replace") if draw(st.booleans()) else draw(st.binary(max_size=600))
    how = draw(st.sampled_from(["whole", "truncate", "splice", "prefix"]))
    if how == "truncate" and raw:
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif how == "splice":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=40)) + raw[at:]
    elif how == "prefix":
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4\n", b"\x1f\x8b",
                                    b"<?xml version='1.0' encoding='bogus'?>", b"\x00"])) + raw
    return raw


_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         st.text(any_char, max_size=40))
json_value = st.recursive(_json_scalar, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=10), kids, max_size=4)), max_leaves=20)
_fields = st.sampled_from(["text", "content", "body", "article", "articleBody", "title", "headline",
                           "byline", "author", "authors", "publisher", "url", "link", "published",
                           "date", "language", "schema_version", "id", "x"])


@st.composite
def jsonl_line(draw: st.DrawFn) -> str:
    """One line of JSON Lines: usually an object with article fields of any type, sometimes
    broken JSON, a bare value, a huge number or a deep array."""
    kind = draw(st.sampled_from(["record", "record", "record", "value", "broken", "bignum", "deep"]))
    if kind == "record":
        obj: dict[str, Any] = draw(st.dictionaries(_fields, st.one_of(json_value, nlp_text), max_size=6))
        if draw(st.booleans()):
            obj["text"] = draw(nlp_text)
        return json.dumps(obj, ensure_ascii=draw(st.booleans()))
    if kind == "value":
        return json.dumps(draw(json_value))
    if kind == "bignum":
        return '{"text": "Ten people were killed.", "n": ' + "9" * draw(st.integers(1, 6000)) + "}"
    if kind == "deep":
        n = draw(st.integers(1, 3000))
        return '{"text": "Ten people were killed.", "n": ' + "[" * n + "]" * n + "}"
    line = json.dumps({"text": draw(nlp_text)})
    return line[: draw(st.integers(0, len(line)))] + draw(st.text(any_char, max_size=5))


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_document(draw: st.DrawFn) -> bytes:
    """An RSS or Atom feed with hostile titles, links, dates and HTML content, maybe cut short."""
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 5))):
        title = draw(st.text(any_char, max_size=30))
        link = draw(st.one_of(st.just(""), st.sampled_from([
            "../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "http://127.0.0.1/a",
            "javascript:alert(1)", "a" * 300, "%2e%2e/%2e%2e/secret"]), st.text(any_char, max_size=20)))
        date = draw(st.sampled_from(["", "Mon, 01 Jan 2024 10:00:00 GMT", "not a date", "9999-99-99",
                                     "2024-02-30T25:61:00Z", "0"]))
        content = draw(st.one_of(html_fragment, nlp_text))
        escape = _xml_escape if draw(st.booleans()) else (lambda t: f"<![CDATA[{t}]]>")
        if atom:
            entries.append(f"<entry><title>{_xml_escape(title)}</title><link href=\"{_xml_escape(link)}\"/>"
                           f"<updated>{date}</updated><content type=\"html\">{escape(content)}</content></entry>")
        else:
            entries.append(f"<item><title>{_xml_escape(title)}</title><link>{_xml_escape(link)}</link>"
                           f"<pubDate>{date}</pubDate><description>{escape(content)}</description></item>")
    if atom:
        doc = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{"".join(entries)}</feed>'
    else:
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{"".join(entries)}</channel></rss>'
    data = doc.encode("utf-8", errors="surrogatepass" if draw(st.booleans()) else "replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


def warc_record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                http_length: int | None = None) -> bytes:
    """One WARC response record, written by hand so its fields can be wrong on purpose."""
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode("utf-8", "replace")
            + b"\r\nContent-Length: " + str(len(body) if http_length is None else http_length).encode()
            + b"\r\n\r\n" + body)
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode("utf-8", "replace")
            + b"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>"
            + b"\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response"
            + b"\r\nContent-Length: " + str(len(http)).encode() + b"\r\n\r\n")
    return head + http + b"\r\n\r\n"


@st.composite
def warc_archive(draw: st.DrawFn) -> bytes:
    """A WARC file of hostile pages, sometimes with lying lengths, truncated or garbled."""
    records = []
    for i in range(draw(st.integers(0, 3))):
        body = draw(st.one_of(html_page.map(lambda h: h.encode("utf-8", "replace")), encoded_bytes()))
        ctype = draw(st.sampled_from(["text/html", "text/html; charset=bogus", "application/pdf", ""]))
        lie = draw(st.one_of(st.none(), st.integers(0, 10_000)))
        records.append(warc_record(f"http://example.test/{i}", body, ctype, lie))
    data = b"".join(records)
    how = draw(st.sampled_from(["whole", "whole", "truncate", "garble"]))
    if how == "truncate" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "garble" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at + 1:]
    return data
