"""Stream articles through the pipeline: in this process, on local worker processes, or on
a Dask cluster; Reports and Failures come back in input order to one consumer (the writer).

- ``workers=1`` and no cluster: partitions run in this process, one after another.
- ``workers=N``: a Dask ``LocalCluster`` of N single-threaded worker processes is started
  for the run and closed after it.
- ``cluster=ADDRESS`` (or a ``distributed.Client``): an existing Dask cluster. A worker
  plugin builds the pipeline once per worker process when the worker joins; partitions of
  articles travel to the workers and lists of Reports or Failures travel back.

Memory stays bounded on both sides: the caller's iterable is read lazily, at most
``window`` partitions are in flight, and workers free each chunk's strings (memory zones).
A partition lost with its worker (killed, out of memory) becomes one Failure per article.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import PipelineError
from ..ingest.files import Failure
from ..models import Article, Report
from ..settings import Settings
from .worker import MAX_BATCH_CHARS, Result, Stage, analyze_partition, source_of

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

log = logging.getLogger(__name__)

#: Articles per partition sent to a worker. A partition is the unit of scheduling and of
#: loss. 16 news articles are ~50 KB pickled and 1-3 s of work on one core: Dask's per-task
#: overhead (a few ms) stays under 1%, one partition fills one ``nlp.pipe`` batch, and the
#: last partitions of a run leave little imbalance between workers (with 64, a 400-article
#: run split 4:3 over two workers, capping the speedup near 1.75).
PARTITION_SIZE = 16  # and at most MAX_BATCH_CHARS characters: one nlp.pipe batch

#: Partitions in flight per worker: two keeps each worker busy while the previous result
#: travels back, without buffering a large corpus in memory.
IN_FLIGHT_PER_WORKER = 2

PLUGIN_NAME = "newsledger-pipeline"

#: Seconds to reach a scheduler given by address before giving up (Dask's default is 30).
CONNECT_TIMEOUT_S = 20


def _partitions(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article] | Failure]:
    """Runs of up to ``size`` articles and (unless one article alone is longer)
    ``MAX_BATCH_CHARS`` characters, so partitions carry similar work and two workers finish
    together; input failures pass through where they stood."""
    part: list[Article] = []
    chars = 0
    for item in items:
        if isinstance(item, Failure):
            if part:
                yield part
                part, chars = [], 0
            yield item
            continue
        if part and chars + len(item.text) > MAX_BATCH_CHARS:
            yield part
            part, chars = [], 0
        part.append(item)
        chars += len(item.text)
        if len(part) >= size:
            yield part
            part, chars = [], 0
    if part:
        yield part


def analyze_stream(
    items: Iterable[Article | Failure],
    settings: Settings,
    workers: int = 1,
    cluster: str | Client | None = None,
    partition_size: int = PARTITION_SIZE,
) -> Iterator[Report | Failure]:
    """One Report or Failure per input item, in input order."""
    with Runner(settings, workers=workers, cluster=cluster, partition_size=partition_size) as runner:
        yield from runner.stream(items)


class Runner:
    """Where the analysis runs, opened once for a whole job.

    ``stream(items)`` pipelines a long iterable; ``analyze(articles)`` runs one list and
    returns its results in order (for callers that work chunk by chunk, like the ledger's
    ingest loop, which commits one transaction per chunk).
    """

    def __init__(self, settings: Settings, *, workers: int = 1, cluster: str | Client | None = None,
                 partition_size: int = PARTITION_SIZE) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.cluster = cluster
        self.partition_size = max(1, partition_size)
        self.client: Client | None = None
        #: Environment of the local worker processes we start (a database password).
        self._worker_env: dict[str, str] = {}
        self._owned: list[Any] = []
        self._error: PipelineError | None = None

    @property
    def distributed(self) -> bool:
        return self.cluster is not None or self.workers > 1

    def __enter__(self) -> Runner:
        return self

    def connect(self) -> Client | None:
        """The Dask client (None in process), connected and the plugin installed on first
        call. ``analyze`` and ``stream`` call it, so a job that turns out to have nothing to
        analyse (say, store-only ingest) starts no cluster; call it early to fail fast. A
        failure is remembered: later calls raise it again at once instead of waiting again."""
        if self._error is not None:
            raise self._error
        if self.distributed and self.client is None:
            try:
                self.client = self._connect()
                install_plugin(self.client, self.settings)
            except Exception as exc:
                self.close()
                where = self.cluster if isinstance(self.cluster, str) else "local worker processes"
                self._error = PipelineError(
                    f"cannot run the analysis on {where}: {type(exc).__name__}: {exc}. "
                    "Check the scheduler address, and that the workers have newsledger and "
                    "the model installed.")
                raise self._error from exc
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for obj in self._owned:
            obj.close()
        self._owned.clear()
        self.client = None

    def _connect(self) -> Client:
        from distributed import Client

        if isinstance(self.cluster, Client):
            return self.cluster  # the caller's: left open
        if self.cluster is None:
            local = local_cluster(self.workers, self._worker_env)
            self._owned.append(local)
            client = Client(local)
        else:
            client = Client(self.cluster, timeout=CONNECT_TIMEOUT_S)
        self._owned.insert(0, client)
        return client

    @property
    def nworkers(self) -> int:
        if self.client is None:
            return 1
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def analyze(self, articles: Sequence[Article]) -> list[Result]:
        """Results for these articles, in order, spread over the workers."""
        if not articles:
            return []
        client = self.connect()
        if client is None:
            return analyze_partition(articles, self.settings)
        size = min(self.partition_size, -(-len(articles) // self.nworkers))
        parts = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
        payload = self.settings.model_dump_json()
        futures = [client.submit(analyze_partition, p, payload, pure=False) for p in parts]
        out: list[Result] = []
        for part, future in zip(parts, futures, strict=True):
            out.extend(_collect(part, future, client, payload))
        return out

    def stream(self, items: Iterable[Article | Failure], stage: Stage | None = None) -> Iterator[Report | Failure]:
        """One Report or Failure per item, in order, reading ``items`` lazily. ``stage``: the
        workers also write the reports' content rows to the ledger's staging tables
        (:mod:`newsledger.ledger.staging`); ignored in this process, which has no one to share with.
        The workers get the database URL without its password: worker processes started
        here get it in their environment, a cluster's workers need their own."""
        if stage is not None:
            from ..ledger.engine import without_password  # (the store's stack only when staging)

            url, password = without_password(stage[0])
            stage = (url, stage[1])
            if password is not None and self.client is None:
                self._worker_env = {"PGPASSWORD": password}
        client = self.connect()
        if client is None:
            for part in _partitions(items, self.partition_size):
                if isinstance(part, Failure):
                    yield part
                else:
                    yield from analyze_partition(part, self.settings)
            return
        yield from _dask_stream(items, self.settings, client, self.partition_size, self.nworkers, stage)


#: Dask settings for the worker processes we start. Dask's nanny sets
#: ``MALLOC_TRIM_THRESHOLD_=65536`` in each worker's environment, which also turns off glibc's
#: adaptive mmap threshold, so every large array the model allocates is mapped and unmapped
#: again: measured at 12-15% more CPU per article (the same run in one process with and
#: without the variable). The thread-pool caps are kept: one process per core is our
#: parallelism. The worker's sampling profiler (for the dashboard we do not start) is off.
WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.worker.profile.enabled": False,
}


def local_cluster(workers: int, env: dict[str, str] | None = None) -> LocalCluster:
    """Worker processes on this machine: one thread each (the pipeline is not shared between
    threads), no dashboard, quiet logs, :data:`WORKER_CONFIG`, and ``env`` added to their
    environment (by the nanny, in this process: it never passes through the scheduler)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR, env=env or None)


def install_plugin(client: Client, settings: Settings) -> None:
    """Build the pipeline on every worker now and on each worker that joins later."""
    from .plugin import PipelinePlugin

    client.register_plugin(PipelinePlugin(settings.model_dump_json()), name=PLUGIN_NAME)


def _dask_stream(
    items: Iterable[Article | Failure], settings: Settings, client: Client, partition_size: int,
    nworkers: int, stage: Stage | None = None,
) -> Iterator[Report | Failure]:
    window = IN_FLIGHT_PER_WORKER * nworkers
    payload = settings.model_dump_json()
    queue: deque[Failure | tuple[list[Article], Future]] = deque()
    in_flight = 0

    def pop() -> Iterator[Result]:
        nonlocal in_flight
        head = queue.popleft()
        if isinstance(head, Failure):
            yield head
            return
        part, future = head
        in_flight -= 1
        yield from _collect(part, future, client, payload)

    for part in _partitions(items, partition_size):
        if isinstance(part, Failure):
            queue.append(part)
        else:
            future = client.submit(analyze_partition, part, payload, stage, pure=False)
            queue.append((part, future))
            in_flight += 1
        while in_flight >= window or (queue and isinstance(queue[0], Failure)):
            yield from pop()
    while queue:
        yield from pop()


def _collect(part: list[Article], future: Future, client: Client | None = None,
             payload: str | None = None) -> list[Result]:
    """The partition's results. If the task failed as a whole (its worker died: out of
    memory, a crash in native code; or the task could not run), each article is tried again
    as a partition of its own, so one document that brings a worker down costs only itself."""
    try:
        results: list[Result] = future.result()
    except Exception as exc:  # the worker died or the task could not run: keep going
        log.warning("a partition of %d articles failed on its worker: %s", len(part), exc)
        if client is not None and payload is not None and len(part) > 1:
            singles = [client.submit(analyze_partition, [a], payload, pure=False) for a in part]
            return [r for a, f in zip(part, singles, strict=True) for r in _collect([a], f)]
        reason = f"its partition failed on the worker (lost worker or task error): {type(exc).__name__}: {exc}"
        return [Failure(source_of(a), PipelineError.code, reason) for a in part]
    finally:
        future.release()
    return results
