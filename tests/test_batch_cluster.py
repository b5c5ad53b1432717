"""The Dask path: a LocalCluster of worker processes, as ``--cluster`` and ``--workers`` use."""

from __future__ import annotations

import pytest

from batch_support import articles, long_text
from newsledger.batch import analyze_stream
from newsledger.ingest.files import Failure
from newsledger.models import Report
from newsledger.nlp.pipeline import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_cluster_results_equal_in_process_results(client, settings, nlp) -> None:
    arts = articles()
    bad = Failure("gone.txt", "E100", "no such file")
    items: list = [*arts[:3], bad, *arts[3:]]
    got = list(analyze_stream(items, settings, cluster=client, partition_size=2))
    expected = list(run(arts, settings))
    assert got[3] == bad
    assert [r for r in got if isinstance(r, Report)] == expected


def test_worker_loads_the_pipeline_once(client, settings) -> None:
    list(analyze_stream(articles(), settings, cluster=client, partition_size=2))

    def loaded() -> tuple[int, int]:
        from newsledger.geo import gazetteer
        from newsledger.nlp import pipeline

        return len(pipeline._CACHE), len(gazetteer._OPEN)

    counts = client.run(loaded)
    assert list(counts.values()) == [(1, 1)]  # one pipeline, one gazetteer per process


def test_timeout_is_enforced_in_the_worker_thread(client, settings) -> None:
    items = [*articles()[:2], *articles([long_text(3000)], prefix="long")]
    got = list(analyze_stream(items, settings.replace(doc_timeout_s=0.001), cluster=client))
    assert len(got) == 3
    assert isinstance(got[2], Failure) and got[2].code == "E107"


def test_runner_analyzes_chunk_by_chunk_on_the_cluster(client, settings, nlp) -> None:
    """The ledger's ingest loop hands one chunk at a time to an open Runner."""
    from newsledger.batch import Runner

    arts = articles()
    with Runner(settings, cluster=client, partition_size=2) as runner:
        first = runner.analyze(arts[:5])
        second = runner.analyze(arts[5:])
        assert runner.analyze([]) == []
    assert first + second == list(run(arts, settings))
    assert client.status == "running"  # a client the caller gave stays open


def test_workers_option_runs_local_processes(settings, nlp) -> None:
    pytest.importorskip("distributed")
    arts = articles()
    got = list(analyze_stream(arts, settings, workers=2, partition_size=2))
    assert got == list(run(arts, settings))


def test_a_partition_that_cannot_run_becomes_failures(client, settings) -> None:
    """A task that dies on the worker (here: settings it cannot read) costs its articles,
    each recorded with the reason, and never the run."""
    from newsledger.batch.stream import _collect
    from newsledger.batch.worker import analyze_partition

    arts = articles()[:3]
    bad = "{not json"
    for retry_singly in (False, True):
        future = client.submit(analyze_partition, arts, bad, pure=False)
        got = _collect(arts, future, client, bad) if retry_singly else _collect(arts, future)
        assert [f.source for f in got] == [a.source.path for a in arts]
        assert all(isinstance(f, Failure) and f.code == "E200" and "partition failed" in f.reason
                   for f in got)


def test_an_unreachable_cluster_fails_fast_once(monkeypatch, settings) -> None:
    import time

    from newsledger.batch import Runner, stream
    from newsledger.errors import PipelineError

    pytest.importorskip("distributed")
    monkeypatch.setattr(stream, "CONNECT_TIMEOUT_S", 1)
    with Runner(settings, cluster="tcp://127.0.0.1:1") as runner:
        with pytest.raises(PipelineError, match="scheduler address"):
            runner.connect()
        t = time.monotonic()
        with pytest.raises(PipelineError):
            runner.analyze(articles()[:1])
        assert time.monotonic() - t < 1  # remembered, not retried
