"""Real-world inputs, read side (issue 21; issue 24 item 9): every date form, the two size
limits, metadata from every input kind with caps, sidecars, progress totals, and eval
loaders that name a wrong file's format. No model needed: these stop before the pipeline."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.errors import TooLargeError
from newsledger.ingest.article import make_article
from newsledger.ingest.dates import DateError, date_in_path, normalise_date
from newsledger.ingest.files import Failure, expand_paths
from newsledger.ingest.metadata import FIELD_CAPS, stored_fields
from newsledger.ingest.plan import count_items
from newsledger.ingest.sources import iter_sources
from newsledger.models import Article
from newsledger.settings import load_settings

SETTINGS = load_settings(use_files=False)
BODY = ("Russian forces shelled Kharkiv overnight, the regional governor said on Wednesday. "
        "Two civilians were wounded and a school was damaged, officials added.")


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("value", "stored"), [
    ("20220125T090000Z", "2022-01-25T09:00:00Z"),  # ISO 8601 basic: GDELT, archives
    ("20220125T0900Z", "2022-01-25T09:00:00Z"),
    ("20220125", "2022-01-25"),
    ("2022-01-25", "2022-01-25"),
    ("2022-01-25T09:00:00+02:00", "2022-01-25T07:00:00Z"),  # offset converted to UTC
    ("2022-01-25T23:30:00-05:00", "2022-01-26T04:30:00Z"),
    ("2022-01-25 09:00", "2022-01-25T09:00:00Z"),
    ("2022-01-25T09:00:00.123Z", "2022-01-25T09:00:00Z"),
    ("Tue, 25 Jan 2022 09:00:00 GMT", "2022-01-25T09:00:00Z"),  # RFC 2822: feeds
    ("Tue, 25 Jan 2022 09:00:00 +0300", "2022-01-25T06:00:00Z"),
    ("1643101200", "2022-01-25T09:00:00Z"),  # epoch seconds
    ("1643101200000", "2022-01-25T09:00:00Z"),  # epoch milliseconds
    (1643101200, "2022-01-25T09:00:00Z"),
    ("25 January 2022", "2022-01-25"),
    ("January 25, 2022 10:00", "2022-01-25T10:00:00Z"),
])
def test_every_common_date_form_is_stored_in_one_form(value: object, stored: str) -> None:
    assert normalise_date(value) == stored


@pytest.mark.parametrize("value", ["sometime last week", "2022-02-30", "0000-00-00", "2022", "12",
                                   "x" * 500, "99999999999", "3000-01-01"])
def test_a_value_that_is_not_a_date_is_refused(value: str) -> None:
    with pytest.raises(DateError):
        normalise_date(value)


@pytest.mark.parametrize(("path", "day"), [
    ("https://news.example/world/2022/01/25/kharkiv-shelling", "2022-01-25"),
    ("archive/2022-01-25-kharkiv.html", "2022-01-25"),
    ("report_20220125.txt", "2022-01-25"),
    ("https://news.example/story/1643101200", None),
    ("story.html", None),
])
def test_dates_in_file_names_and_urls(path: str, day: str | None) -> None:
    assert date_in_path(path) == day


def test_normalised_dates_compare_as_dates() -> None:
    """The stored forms sort as their days do: '>= 2022-01-27' excludes the 26th at any time
    of day (the compact form '20220126T1...' sorted after '2022-01-27' as text)."""
    days = [normalise_date(v) for v in ("20220126T230000Z", "20220127T010000Z", "2022-01-27", "20220128")]
    assert [d for d in days if d >= "2022-01-27"] == days[1:]
    assert [d for d in days if d < "2022-01-28"] == days[:3]


def test_an_unreadable_date_is_a_warning_and_the_article_is_kept() -> None:
    art = make_article(BODY, source="a.txt", published="sometime last week")
    assert art.published is None
    (w,) = art.warnings
    assert w.startswith("[W101]") and "'sometime last week'" in w


def test_the_inputs_own_date_wins_over_the_fallback(tmp_path: Path) -> None:
    own = make_article(BODY, source="a.txt", published="20220125T090000Z", fallback_published="2024-01-01")
    none = make_article(BODY, source="b.txt", fallback_published="2024-01-01")
    named = make_article(BODY, source="2022-01-20-b.txt", fallback_published="2024-01-01")
    assert (own.published, none.published, named.published) == ("2022-01-25T09:00:00Z", "2024-01-01", "2022-01-20")


def test_cli_published_is_a_fallback_and_is_validated(tmp_path: Path) -> None:
    from newsledger.cli.main import app

    (tmp_path / "a.txt").write_text(BODY, "utf-8")
    (tmp_path / "a.txt.json").write_text(json.dumps({"published": "20220125T090000Z"}), "utf-8")
    (tmp_path / "b.txt").write_text(BODY.replace("Kharkiv", "Sumy"), "utf-8")
    res = CliRunner().invoke(app, ["analyze", str(tmp_path), "--published", "2024-09-04", "-f", "jsonl"])
    dates = {Path(json.loads(line)["article"]["source"]["path"]).name: json.loads(line)["article"]["published"]
             for line in res.stdout.splitlines()}
    assert dates == {"a.txt": "2022-01-25T09:00:00Z", "b.txt": "2024-09-04"}
    bad = CliRunner().invoke(app, ["analyze", str(tmp_path), "--published", "soon"])
    assert bad.exit_code == 2 and "--published 'soon'" in bad.output


# ----------------------------------------------------------------------------- two limits


def _page(text: str, scripts: int) -> bytes:
    script = "<script>var x = '" + "abcdefghij" * 100 + "';</script>\n"
    paras = "".join(f"<p>{s}.</p>" for s in text.split(". "))
    return (f"<html><head><title>Kharkiv shelled</title>{script * scripts}</head>"
            f"<body><article><h1>Kharkiv shelled</h1>{paras}</article>{script * scripts}</body></html>").encode()


def test_a_large_page_with_little_text_is_analysed_not_refused() -> None:
    """1.5 MB of HTML, mostly scripts, around a few hundred characters of text: the text cap
    applies to the extracted text, so the page is read (it was E104 on the raw HTML)."""
    page = _page(BODY * 3, scripts=700)
    assert len(page) > 1_400_000
    art = make_article(page, source="big.html", kind="html", max_chars=10_000)
    assert "Two civilians were wounded" in art.text and len(art.text) < 10_000
    assert art.title == "Kharkiv shelled"


def test_both_limits_name_the_input_and_the_limit() -> None:
    page = _page(BODY * 3, scripts=50)
    with pytest.raises(TooLargeError) as raw:
        make_article(page, source="big.html", kind="html", max_bytes=10_000)
    assert raw.value.code == "E104" and "big.html" in str(raw.value)
    assert "10,000 bytes" in str(raw.value) and "max_input_bytes" in str(raw.value)
    with pytest.raises(TooLargeError) as text:
        make_article(page, source="big.html", kind="html", max_chars=100)
    assert "big.html" in str(text.value) and "after extraction" in str(text.value)
    assert "100" in str(text.value) and "max_doc_chars" in str(text.value)


def test_max_input_bytes_is_a_setting_that_refuses_a_bad_bound() -> None:
    from newsledger.errors import SettingsError

    assert SETTINGS.max_input_bytes == 50_000_000
    with pytest.raises(SettingsError):
        load_settings(overrides={"max_input_bytes": 0}, use_files=False)


@pytest.mark.corpus
def test_every_page_of_the_extraction_dev_half_is_analysed(shared: Path) -> None:
    """Through ingest's own path with the default settings: no page refused (one 1.4 MB page
    was refused when the text cap was applied to the raw HTML)."""
    data = shared / "data" / "dev" / "extraction" / "aeb"
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    refused = []
    for pid in sorted(truth):
        raw = gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes())
        try:
            make_article(raw, source=pid, kind="html", max_chars=SETTINGS.max_doc_chars,
                         max_bytes=SETTINGS.max_input_bytes)
        except TooLargeError:
            refused.append(pid)
    assert len(truth) >= 100 and refused == []


# ----------------------------------------------------------------------------- languages


@pytest.mark.parametrize(("text", "lang"), [
    ("Бої під Покровськом тривають, заявив командувач.", "uk"),
    ("Бои под Покровском продолжаются, заявил командующий.", "ru"),
    ("Les forces russes ont bombardé la ville pendant la nuit.", "fr"),
    ("Nigerians rallied in Lagos against the new law.", "en"),  # Nigerian Pidgin first, English close
    ("Evacuation continues", "en"),  # unsure: the pipeline's language
])
def test_language_identification(text: str, lang: str) -> None:
    from newsledger.ingest.language import decide

    assert decide(text, None) == lang


def test_an_unsure_identification_keeps_the_declared_language() -> None:
    from newsledger.ingest.language import decide

    assert decide("Kyiv", "uk-UA") == "uk" and decide("Kyiv", None) == "en"


# ----------------------------------------------------------------------------- metadata


HTML = """<html><head><title>Kharkiv shelled overnight | Example News</title>
<meta property="og:title" content="Kharkiv shelled overnight">
<meta name="author" content="Iryna Melnyk">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-01-26T09:00:00+02:00">
</head><body><article><h1>Kharkiv shelled overnight</h1>
<p>Russian forces shelled Kharkiv overnight, the regional governor said on Wednesday.</p>
<p>Two civilians were wounded and a school was damaged, officials added in a statement.</p>
</article></body></html>"""


def test_metadata_from_html() -> None:
    art = make_article(HTML.encode(), source="page.html", kind="html")
    assert art.title == "Kharkiv shelled overnight" and art.byline == "Iryna Melnyk"
    assert art.publisher == "Example News" and art.published == "2022-01-26"
    assert art.language == "en" and art.warnings == []


def test_metadata_from_json_lines_with_gdelt_names(tmp_path: Path) -> None:
    rec = {"text": BODY, "title": "Kharkiv", "author": ["A. Writer", "B. Writer"], "domain": "example.co.uk",
           "sourcecountry": "United Kingdom", "url": "https://example.co.uk/x", "seendate": "20220126T091500Z",
           "section": "world"}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec), "utf-8")
    (art,) = list(iter_sources([str(tmp_path / "a.jsonl")], SETTINGS))
    assert isinstance(art, Article)
    assert (art.title, art.byline, art.publisher, art.outlet_country, art.url, art.published) == (
        "Kharkiv", "A. Writer, B. Writer", "example.co.uk", "GB", "https://example.co.uk/x", "2022-01-26T09:15:00Z")
    assert art.source.extra == {"section": "world"}


def test_metadata_from_a_feed_with_rfc_2822_dates(tmp_path: Path) -> None:
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Test Herald</title>'
            "<item><title>Kharkiv shelled</title><author>desk@herald.invalid (Iryna Melnyk)</author>"
            "<link>https://herald.invalid/kharkiv</link><pubDate>Wed, 26 Jan 2022 09:00:00 +0200</pubDate>"
            f"<description>{BODY}</description></item>"
            "<item><title>Odesa</title><pubDate>the day after</pubDate>"
            f"<description>{BODY.replace('Kharkiv', 'Odesa')}</description></item></channel></rss>")
    (tmp_path / "f.rss").write_text(feed, "utf-8")
    a, b = list(iter_sources([str(tmp_path / "f.rss")], SETTINGS))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.title, a.publisher, a.url, a.published) == (
        "Kharkiv shelled", "Test Herald", "https://herald.invalid/kharkiv", "2022-01-26T07:00:00Z")
    assert "Iryna Melnyk" in (a.byline or "")
    assert b.published is None and b.warnings[0].startswith("[W101]") and "'the day after'" in b.warnings[0]


def test_metadata_from_sidecars_and_the_sidecar_is_not_an_input(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, "utf-8")
    (tmp_path / "page.html.json").write_text(json.dumps(
        {"outlet_country": "Ukraine", "published": "20220127T080000Z", "publisher": "Kyiv Desk"}), "utf-8")
    (tmp_path / "note.txt").write_text(BODY, "utf-8")
    (tmp_path / "note.json").write_text(json.dumps({"title": "Shelling", "country": "UA", "author": "Desk"}), "utf-8")
    (tmp_path / "bad.txt").write_text(BODY.replace("Kharkiv", "Sumy"), "utf-8")
    (tmp_path / "bad.txt.json").write_text("{not json", "utf-8")
    assert sorted(Path(p).name for p in expand_paths([str(tmp_path)])) == ["bad.txt", "note.txt", "page.html"]
    got = {Path(a.source.path or "").name: a for a in iter_sources([str(tmp_path)], SETTINGS)
           if isinstance(a, Article)}
    page, note, bad = got["page.html"], got["note.txt"], got["bad.txt"]
    assert (page.outlet_country, page.published, page.publisher) == ("UA", "2022-01-27T08:00:00Z", "Kyiv Desk")
    assert page.title == "Kharkiv shelled overnight"  # from the HTML: the sidecar gives none
    assert (note.title, note.outlet_country, note.byline) == ("Shelling", "UA", "Desk")
    assert bad.warnings and bad.warnings[0].startswith("[W104]") and "bad.txt.json" in bad.warnings[0]


def test_a_title_from_the_first_line_when_the_input_has_none() -> None:
    art = make_article("Kharkiv shelled overnight\n\n" + BODY, source="a.txt")
    assert art.title == "Kharkiv shelled overnight"
    long_line = make_article(BODY * 5, source="b.txt")
    assert long_line.title is not None and len(long_line.title) <= 200 and long_line.title.endswith("…")


# ----------------------------------------------------------------------------- caps (issue 24 item 9)


def test_a_huge_title_is_truncated_with_a_warning_not_stored_whole() -> None:
    art = make_article(BODY, source="a.txt", title="T" * 5_000_000, byline="B" * 10_000, publisher="P" * 1_000,
                       url="https://x.invalid/" + "u" * 10_000, outlet_country="C" * 500)
    for field in ("title", "byline", "publisher", "url", "outlet_country"):
        value = getattr(art, field)
        assert len(value) == FIELD_CAPS[field] and value.endswith("…"), field
    assert sum(w.startswith("[W103]") for w in art.warnings) == 5


def test_the_store_caps_what_skipped_ingest() -> None:
    """A report read back from JSON Lines (the store-only path) gets the same caps: a long
    title is cut, a 'published' that is no date and a 'language' over 16 characters are
    dropped, on SQLite as on PostgreSQL (which refused the latter two)."""
    from newsledger.models import SourceInfo

    art = Article(id="x", text=BODY, title="T" * 2_000, published="P" * 60, language="L" * 20,
                  source=SourceInfo(path="p" * 10_000, extra={"note": "n" * 10_000}))
    fields, notes = stored_fields(art)
    assert len(fields["title"]) == FIELD_CAPS["title"]
    assert fields["published"] is None and fields["language"] is None
    assert len(fields["source_path"]) == len(fields["source"]["path"]) == 4_096
    assert len(fields["source"]["extra"]["note"]) == 2_000
    assert [n[:6] for n in notes] == ["[W103]", "[W101]", "[W103]", "[W103]", "[W103]"]


# ----------------------------------------------------------------------------- progress totals


def test_the_progress_total_counts_files_lines_and_feed_items(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, "utf-8")
    (tmp_path / "a.txt.json").write_text("{}", "utf-8")  # a sidecar: not an item
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps({"text": BODY}) for _ in range(7)) + "\n\n", "utf-8")
    (tmp_path / "c.rss").write_text("<rss><channel>" + "<item><title>x</title></item>" * 4 + "</channel></rss>")
    assert count_items([str(tmp_path)], max_feed_entries=100, max_input_bytes=10**6) == 1 + 7 + 4
    assert count_items([str(tmp_path / "c.rss")], max_feed_entries=2, max_input_bytes=10**6) == 3
    assert count_items(["-"], max_feed_entries=2, max_input_bytes=10**6) is None


# ----------------------------------------------------------------------------- eval loaders


@pytest.mark.parametrize("layer", ["events", "quotes", "places", "quantities", "entities", "extraction"])
def test_eval_on_a_wrong_file_names_the_file_and_the_format(tmp_path: Path, layer: str) -> None:
    from newsledger.cli.main import app

    tsv = tmp_path / "gold.tsv"
    tsv.write_text("id\ttext\tevent\n1\tRussian forces shelled Kharkiv.\tASSAULT\n", "utf-8")
    target = tmp_path if layer == "extraction" else tsv
    res = CliRunner().invoke(app, ["eval", layer, "--data", str(target)])
    assert res.exit_code == 2, res.output
    assert ("Traceback" not in res.output and res.exception is None) or isinstance(res.exception, SystemExit)
    assert "[E108]" in res.output and str(target) in res.output and "expected" in res.output
    if layer in ("events", "quotes", "places", "quantities"):
        assert "TSV" in res.output and "JSON Lines" in res.output


def test_a_failure_is_still_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   ", "utf-8")
    (out,) = list(iter_sources([str(tmp_path / "empty.txt")], SETTINGS))
    assert isinstance(out, Failure) and out.code == "E101"
