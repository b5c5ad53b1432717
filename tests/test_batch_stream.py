"""In-process batch runs: order, failures passing through, memory zones."""

from __future__ import annotations

import pytest

from batch_support import TEXTS, articles
from newsledger.batch import analyze_stream
from newsledger.ingest.files import Failure
from newsledger.models import Report
from newsledger.nlp.pipeline import run


def _key(r: object) -> str:
    if isinstance(r, Failure):
        return r.source
    return r.article.id if isinstance(r, Report) else r.id  # type: ignore[attr-defined]


def test_stream_matches_run_and_keeps_order(settings, nlp) -> None:
    arts = articles()
    expected = list(run(arts, settings))
    got = list(analyze_stream(arts, settings, partition_size=3))
    assert got == expected


def test_input_failures_pass_through_in_place(settings, nlp) -> None:
    arts = articles()
    bad = Failure("broken.html", "E105", "no article body")
    items: list = [*arts[:2], bad, *arts[2:]]
    got = list(analyze_stream(items, settings, partition_size=2))
    assert [_key(r) for r in got] == [_key(r) for r in items]
    assert got[2] is bad
    assert all(isinstance(r, Report) for i, r in enumerate(got) if i != 2)


def test_stream_is_lazy(settings, nlp) -> None:
    """Nothing past the first partition is read before the first result is taken."""
    taken: list[int] = []

    def source():
        for i, a in enumerate(articles()):
            taken.append(i)
            yield a

    stream = analyze_stream(source(), settings, partition_size=2)
    first = next(stream)
    assert isinstance(first, Report)
    assert len(taken) <= 3  # the first partition, plus the look-ahead that closed it
    assert len(list(stream)) == len(TEXTS) - 1


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_memory_zone_frees_each_chunks_strings(settings, nlp, batch_size: int) -> None:
    """Words never seen before are added to the vocabulary while a chunk runs and freed
    after it, so a long run does not grow the string store; Reports stay intact."""
    texts = [f"Commander Zorvath{i}ov said that Blexington{i} had fallen to the Quarnish{i} brigade."
             for i in range(6)]
    s = settings.replace(batch_size=batch_size)
    from newsledger.nlp.pipeline import get_nlp

    pipeline = get_nlp(s)
    list(analyze_stream(articles(texts[:1], prefix="warm"), s))  # settle lazily added strings
    before = len(pipeline.vocab.strings)
    got = list(analyze_stream(articles(texts), s))
    assert len(pipeline.vocab.strings) == before
    assert "Zorvath3ov" not in pipeline.vocab.strings
    assert all(isinstance(r, Report) for r in got)
    for i, report in enumerate(got):
        assert isinstance(report, Report)
        assert f"Blexington{i}" in report.article.text
        for ent in report.entities:
            for m in ent.mentions:
                assert report.article.text[m.span.start:m.span.end] == m.span.text


@pytest.mark.parametrize(("lengths", "max_docs", "max_chars", "expected"), [
    ([10, 10, 10], 2, 100, [2, 1]),
    ([10, 10, 10], 5, 25, [2, 1]),
    ([50, 10, 10], 5, 25, [1, 2]),  # an article longer than the budget runs alone
    ([10, 50, 10], 5, 25, [1, 1, 1]),
    ([], 5, 25, []),
])
def test_chunks_cap_documents_and_characters(lengths, max_docs, max_chars, expected) -> None:
    from newsledger.batch.worker import chunks

    arts = articles(["x" * n for n in lengths]) if lengths else []
    got = [len(c) for c in chunks(arts, max_docs, max_chars)]
    assert got == expected
