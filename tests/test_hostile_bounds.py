"""Resource bounds are settings, enforced on every path and recorded per document:
``max_doc_chars`` (text, bytes, HTML, JSON Lines, feeds, WARC), ``max_feed_entries`` and
``doc_timeout_s`` (in the worker, in the main thread and in a worker thread)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from fault_support import TEMPLATES
from hostile_strategies import warc_record
from newsledger.batch.worker import analyze_partition
from newsledger.ingest.article import make_article
from newsledger.ingest.files import Failure
from newsledger.ingest.sources import iter_sources
from newsledger.models import Article, Report
from newsledger.settings import load_settings

CAP = 2_000
SMALL = load_settings(use_files=False).replace(max_doc_chars=CAP, max_input_bytes=CAP * 4, max_feed_entries=2)
LONG_TEXT = "Officials said twelve people were killed in the town on Monday. " * 100  # 6,400 chars
SHORT_TEXT = "Officials said twelve people were killed in the town on Monday."


def _page(text: str) -> str:
    return f"<html><body><article><p>{text}</p></article></body></html>"


def _items(path: Path, **kw: str) -> list[Article | Report | Failure]:
    return list(iter_sources([str(path)], SMALL, **kw))


@pytest.mark.parametrize(("name", "data"), [
    ("long.txt", LONG_TEXT.encode()),
    ("long.html", _page(LONG_TEXT).encode()),
    ("long.jsonl", json.dumps({"text": LONG_TEXT, "title": "t"}).encode()),
    ("long.rss", (f'<rss version="2.0"><channel><title>t</title><item><title>a</title>'
                  f"<description>{LONG_TEXT}</description></item></channel></rss>").encode()),
    ("long.warc", warc_record("http://example.test/long", _page(LONG_TEXT).encode())),
    ("huge.txt", b"word " * 200_000),  # refused on its byte count, before decoding
])
def test_max_doc_chars_on_every_path(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    out = _items(path)
    assert len(out) == 1 and isinstance(out[0], Failure), out
    setting = "max_input_bytes" if name == "huge.txt" else "max_doc_chars"
    assert out[0].code == "E104" and setting in out[0].reason
    assert out[0].source.startswith(str(path))


def test_max_doc_chars_keeps_short_documents(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": SHORT_TEXT}) + "\n" + json.dumps({"text": LONG_TEXT}))
    out = _items(tmp_path / "a.jsonl")
    assert isinstance(out[0], Article) and isinstance(out[1], Failure)
    assert out[1].source == f"{tmp_path / 'a.jsonl'}:2", "the failure names the line"


def test_max_doc_chars_applies_to_pages_a_feed_links_to(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(_page(LONG_TEXT))
    (tmp_path / "f.rss").write_text(
        '<rss version="2.0"><channel><title>t</title><item><title>a</title>'
        f"<link>http://example.test/a.html</link><description>{SHORT_TEXT}</description>"
        "</item></channel></rss>")
    out = _items(tmp_path / "f.rss", html_dir=str(tmp_path / "pages"))
    assert [type(x).__name__ for x in out] == ["Failure"] and out[0].code == "E104"  # type: ignore[union-attr]


def test_max_feed_entries(tmp_path: Path) -> None:
    items = "".join(f"<item><title>t{i}</title><description>{SHORT_TEXT} {i}</description></item>"
                    for i in range(7))
    (tmp_path / "f.rss").write_text(f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>')
    out = _items(tmp_path / "f.rss")
    assert sum(isinstance(x, Article) for x in out) == 2
    (capped,) = [x for x in out if isinstance(x, Failure)]
    assert capped.code == "E109" and "7 entries" in capped.reason and "max_feed_entries" in capped.reason


# ----------------------------------------------------------------------------- time limit

#: Long enough that the model's pass alone takes well over the limit below on any machine
#: (unbounded it took 43 s on the dev machine, a short document 17 ms), under max_doc_chars.
SLOW_TEXT = "\n\n".join(TEMPLATES) * 300
#: Far above a short document's pass (17 ms alone; 0.5 s, the value used before, was
#: overrun by the first short document on a machine at load 5-9), far below the slow one's.
#: With 3 s, in one CI run the slow document finished as a Report: the limit fired once, and
#: a delivery that Python drops was never repeated. It now repeats, and the pipeline checks
#: the clock between components and pieces (docs/reliability.md, "The time limit").
TIME_LIMIT_S = 2.5
#: CPU seconds the partition may spend: the limit, the two short documents and one
#: component's pass over one 50,000-character piece (the longest stretch between two checks,
#: about 2.5 s), with room to spare. Unbounded, the slow document alone took 19 s of CPU
#: (18.9 s in CI, 22 s at load 3 on the dev machine), so a limit that does not hold fails this.
TIME_LIMIT_CPU_S = 10.0


def _timed_partition() -> list[Report | Failure]:
    """The partition, checked: the slow document is stopped (E107), the batch goes on, and the
    CPU this thread spent stays far under the slow document's own cost."""
    import time

    settings = load_settings(use_files=False).replace(doc_timeout_s=TIME_LIMIT_S, batch_size=4)
    arts = [make_article(TEMPLATES[0], source="fast-1.txt"), make_article(SLOW_TEXT, source="slow.txt"),
            make_article(TEMPLATES[2], source="fast-2.txt")]
    cpu = time.thread_time()
    out = analyze_partition(arts, settings)
    cpu_s = time.thread_time() - cpu
    _check_timed(out)
    assert cpu_s < TIME_LIMIT_CPU_S, f"{cpu_s:.1f} s of CPU: the slow document was not stopped at its limit"
    return out


def _check_timed(out: list[Report | Failure]) -> None:
    assert [type(x).__name__ for x in out] == ["Report", "Failure", "Report"], out
    failure = out[1]
    assert isinstance(failure, Failure)
    assert failure.code == "E107" and failure.source == "slow.txt"
    assert "doc_timeout_s" in failure.reason


@pytest.mark.timeout(300)
def test_doc_timeout_in_the_worker_main_thread(nlp) -> None:  # type: ignore[no-untyped-def]
    _timed_partition()


@pytest.mark.timeout(300)
def test_doc_timeout_in_a_worker_thread(nlp) -> None:  # type: ignore[no-untyped-def]
    """Dask runs tasks in a worker thread: the limit is enforced there too (no SIGALRM)."""
    result: list[list[Report | Failure]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            result.append(_timed_partition())
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert not errors, errors


def test_the_pipeline_checks_the_limit_after_every_component_and_piece(monkeypatch: pytest.MonkeyPatch,
                                                                       nlp) -> None:  # type: ignore[no-untyped-def]
    """A long document's pass calls the deadline's ``check`` after each model component's pass
    over each piece and after each of our layers; a check that raises stops the document there."""
    from newsledger.batch.deadline import DocTimeout
    from newsledger.nlp import pieces
    from newsledger.nlp.component import Layer
    from newsledger.nlp.pipeline import make_doc

    monkeypatch.setattr(pieces, "LONG_DOC_CHARS", 2_000)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1_500)
    article = make_article("\n\n".join(TEMPLATES) * 4, source="long.txt")
    n_pieces = len(pieces.piece_bounds(make_doc(nlp, article)))
    layers = sum(isinstance(proc, Layer) for _, proc in nlp.pipeline)
    model = len(nlp.pipeline) - layers
    calls: list[int] = []
    pieces.analyze_long(nlp, make_doc(nlp, article), lambda: calls.append(1))
    assert n_pieces > 1 and len(calls) == model * n_pieces + layers

    def stop_at_third() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise DocTimeout("over")

    calls.clear()
    with pytest.raises(DocTimeout):
        pieces.analyze_long(nlp, make_doc(nlp, article), stop_at_third)
    assert len(calls) == 3


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_doc_timeout_in_the_ingest_command(tmp_path: Path) -> None:
    """`newsledger ingest` analyses through the worker: the slow document is skipped with
    E107, named, and the others are stored."""
    import os
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fast-1.txt").write_text(TEMPLATES[0])
    (tmp_path / "in" / "slow.txt").write_text(SLOW_TEXT)
    (tmp_path / "in" / "fast-2.txt").write_text(TEMPLATES[2])
    env = {**os.environ, "NEWSLEDGER_CONFIG": str(tmp_path / "none.toml"),
           "NEWSLEDGER_DOC_TIMEOUT_S": str(TIME_LIMIT_S)}
    db = tmp_path / "ledger.sqlite"
    done = subprocess.run([sys.executable, "-m", "newsledger", "ingest", str(tmp_path / "in"), "--db", str(db),
                           "--quiet"], capture_output=True, text=True, env=env, timeout=280)
    assert done.returncode == 1, done.stdout + done.stderr  # a skipped input makes the run fail
    assert "2 added" in done.stdout and "1 failed" in done.stdout, done.stdout
    assert f"skipped {tmp_path / 'in' / 'slow.txt'}: [E107]" in done.stdout and "doc_timeout_s" in done.stdout


@pytest.mark.parametrize(("name", "value"), [
    ("max_doc_chars", 0), ("max_doc_chars", -1), ("max_doc_chars", "lots"), ("max_feed_entries", -1),
    ("doc_timeout_s", -5), ("doc_timeout_s", "nan"), ("doc_timeout_s", "inf"), ("batch_size", 0), ("workers", 0),
])
def test_a_bound_that_would_disable_itself_is_a_settings_error(name: str, value: object,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.errors import SettingsError

    with pytest.raises(SettingsError) as err:
        load_settings(overrides={name: value}, use_files=False)
    assert err.value.code == "E400" and name in str(err.value)
    monkeypatch.setenv(f"NEWSLEDGER_{name.upper()}", str(value))  # the same through the environment
    monkeypatch.setenv("NEWSLEDGER_CONFIG", "/nonexistent/newsledger.toml")
    with pytest.raises(SettingsError):
        load_settings()


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text or HTML file larger than max_input_bytes is refused from its size alone; JSON
    Lines files, which hold many documents, are read and capped per record."""
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (CAP * 4 // 5 + 10))
    reads: list[str] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    (out,) = _items(big)
    assert isinstance(out, Failure) and out.code == "E104" and "bytes" in out.reason
    assert "max_input_bytes" in out.reason and f"{CAP * 4:,}" in out.reason
    assert "big.txt" not in reads
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join(json.dumps({"text": f"{SHORT_TEXT} {i}"}) for i in range(200)))
    assert many.stat().st_size > CAP * 4
    assert sum(isinstance(x, Article) for x in _items(many)) == 200


def test_a_warc_record_over_the_cap_is_not_held_whole(tmp_path: Path) -> None:
    body = _page("Officials said twelve people were killed. " * 2_000).encode()
    (tmp_path / "big.warc").write_bytes(warc_record("http://example.test/big", body)
                                        + warc_record("http://example.test/ok", _page(SHORT_TEXT * 3).encode()))
    out = _items(tmp_path / "big.warc")
    assert [type(x).__name__ for x in out] == ["Failure", "Article"]
    assert out[0].code == "E104"  # type: ignore[union-attr]
    from newsledger.ingest.sources import warc_responses

    sizes = [len(b) for _, b in warc_responses(str(tmp_path / "big.warc"), max_bytes=1000)]
    assert sizes[0] == 1001
