"""The driver of a batch: walk the inputs, keep a few partitions in flight on Dask, write back.

Dask (dask.distributed) schedules: without a scheduler address a `LocalCluster` of N worker
processes (one thread each: the extraction is pure Python and holds the GIL) is started for the
run; with one, the run uses that cluster's workers. The driver submits partitions as the walk
of the inputs yields them and never more than a few per worker thread at once, takes results
with `as_completed` in the order they finish, and writes them at once, so memory stays flat
whatever the number of documents. A partition whose worker died is written as error rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import signal
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from affiche import pipeline
from affiche.batch import output, sources
from affiche.batch.progress import Counts, Progress
from affiche.batch.work import PartResult, Preload, Task, run_partition
from affiche.errors import InputError

__all__ = ["Config", "Outcome", "run", "connect"]

logger = logging.getLogger(__name__)

# Partitions in flight per worker thread: one running, one waiting, so a worker never idles
# while the driver writes.
IN_FLIGHT_PER_THREAD = 2
DEFAULT_PARTITION = 100


@dataclass
class Config:
    """How to run a batch."""

    fmt: str = "parquet"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    scheduler: str | None = None
    reference: dt.datetime | None = None
    options: pipeline.Options = field(default_factory=pipeline.Options)
    resume: bool = False
    overwrite: bool = False
    dedupe: bool = False
    database: str | None = None  # set: store the events found as pending (--into-agenda)
    partition_size: int = DEFAULT_PARTITION
    whole_warc: bool = False  # one task per WARC file, read by the worker (crawl scale)
    progress: bool | None = None  # None: a bar when standard error is a terminal


@dataclass
class Outcome:
    """What a run did."""

    counts: Counts
    interrupted: bool = False
    merged: int = 0
    stored: int = 0
    summary: str = ""


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client: on the scheduler at `scheduler`, else on a local cluster of `workers`."""
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({error})") from None
        try:
            try:
                client.wait_for_workers(1, timeout=30)
            except TimeoutError:
                raise InputError(f"--scheduler {scheduler}: no worker joined within 30 s; "
                                 f"start some with `dask worker {scheduler}`") from None
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise InputError(f"--workers {workers}: give at least 1")
    # Ctrl-C reaches every process of the terminal's group: the worker processes, spawned
    # while SIGINT is ignored, inherit that and leave the stopping to the driver (which closes
    # OUT, then the cluster) instead of dying mid-task with a traceback each.
    in_main = _in_main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
    try:
        # The worker's statistical profiler samples every thread's stack each 10 ms: a cost
        # on pure-Python work that a batch run never reads.
        with warnings.catch_warnings(), dask.config.set(
                {"distributed.worker.profile.enabled": False}):
            # Without a dashboard the scheduler still serves metrics on some port; when 8787
            # is taken (another cluster) it takes another and says so: not the user's concern.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def _threads(client: Any) -> int:
    """The number of worker threads of the cluster."""
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def _failed_partition(task: Task, error: BaseException, fmt: str) -> PartResult:
    """Error rows for every document of a partition whose task failed as a whole."""
    import json

    from affiche.batch.schema import error_row, to_table

    message = f"worker failure: {type(error).__name__}: {error}"
    units = task.units
    if fmt == "parquet":
        payload: Any = to_table([error_row(u.doc_id, u.path, message) for u in units])
    else:
        payload = "".join(json.dumps({"id": u.doc_id, "source": u.path, "events": [],
                                      "error": message}, ensure_ascii=False) + "\n"
                          for u in units)
    return PartResult([u.doc_id for u in units], len(units), 0, len(units), payload)


class _Stop(Exception):
    """SIGTERM, turned into an exception so the output is closed like on Ctrl-C."""


def _on_term(signum: int, frame: Any) -> None:
    """Stop the run on SIGTERM."""
    raise _Stop()


def run(inputs: Sequence[str], out: str | os.PathLike[str], config: Config | None = None,
        *, client: Any = None) -> Outcome:
    """Extract every document of `inputs` on Dask and write the events to `out`."""
    config = config or Config()
    if config.fmt not in ("parquet", "jsonl"):
        raise InputError(f"--format {config.fmt!r}: use parquet or jsonl")
    if config.partition_size < 1:
        raise InputError(f"--partition-size {config.partition_size}: give at least 1")
    sources.check_inputs(inputs)
    out_path = Path(out)
    output.check_out(out_path, config.fmt, resume=config.resume, overwrite=config.overwrite)
    store = _open_store(config.database) if config.database else None
    counts = Counts()
    outcome = Outcome(counts)
    previous = signal.getsignal(signal.SIGTERM)
    in_main = _in_main_thread()
    if in_main:
        signal.signal(signal.SIGTERM, _on_term)
    progress: Progress | None = None
    try:
        with contextlib.ExitStack() as stack:
            if client is None:
                client = stack.enter_context(connect(config.scheduler, config.workers))
            sink = output.open_sink(out_path, config.fmt, resume=config.resume)
            counts.started = time.monotonic()
            progress = Progress(counts, bar=config.progress)
            try:
                _drive(client, inputs, sink, config, counts, progress, store, outcome)
            finally:
                # Before the cluster stops (which can take seconds): OUT is complete at once.
                progress.close()
                sink.close()
    except (KeyboardInterrupt, _Stop):
        outcome.interrupted = True
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        if store is not None:
            store.close()
    if progress is None:  # stopped while the cluster was starting: nothing was written
        progress = Progress(counts, bar=False)
    if config.dedupe and not outcome.interrupted:
        from affiche.batch.dedupe import dedupe

        try:
            outcome.merged = dedupe(out_path, config.fmt)
        except KeyboardInterrupt:
            # OUT is left as the extraction wrote it (dedupe replaces it only when done).
            outcome.interrupted = True
    outcome.summary = progress.summary(str(out_path), outcome.interrupted)
    if outcome.merged:
        outcome.summary += f"; {outcome.merged} duplicate events merged"
    if store is not None:
        outcome.summary += f"; {outcome.stored} new pending events in the agenda"
        if store.merged:
            outcome.summary += f" ({store.merged} merged into pending duplicates)"
    return outcome


def _in_main_thread() -> bool:
    """True in the main thread, where signal handlers can be set."""
    import threading

    return threading.current_thread() is threading.main_thread()


def _open_store(database: str) -> Any:
    """The agenda's store for `--into-agenda`."""
    from affiche.batch.agenda import open_store

    return open_store(database)


def _drive(client: Any, inputs: Sequence[str], sink: output.Sink, config: Config,
           counts: Counts, progress: Progress, store: Any, outcome: Outcome) -> None:
    """Submit partitions, a bounded number at a time, and write each result as it comes."""
    from dask.distributed import as_completed

    client.register_plugin(Preload(), name=Preload.name)
    threads = _threads(client)
    scan = sources.Scan()
    done = sink.done
    units = sources.scan(inputs, scan, skip=done.__contains__ if done else lambda _: False,
                         whole_warc=config.whole_warc)
    parts = sources.partitions(units, config.partition_size, threads)
    pending: dict[str, Task] = {}
    limit = threads * IN_FLIGHT_PER_THREAD

    def submit() -> Any | None:
        """Send the next partition to the cluster; None once the inputs are all walked."""
        part = next(parts, None)
        if part is None:
            return None
        task = Task(tuple(part), config.fmt, config.options, config.reference,
                    keep_documents=store is not None)
        future = client.submit(run_partition, task, pure=False)
        pending[future.key] = task
        return future

    first = [f for f in (submit() for _ in range(limit)) if f is not None]
    queue = as_completed(first)
    walked = False
    for future in queue:
        task = pending.pop(future.key)
        try:
            result: PartResult = future.result()
        except (KeyboardInterrupt, _Stop):
            raise
        except Exception as error:  # noqa: BLE001 - a lost partition becomes error rows
            logger.warning("partition of %d documents failed: %s", len(task.units), error)
            result = _failed_partition(task, error, config.fmt)
        future.release()
        sink.write(result.payload)
        counts.documents += result.documents
        counts.events += result.events
        counts.errors += result.errors
        counts.resumed = scan.resumed
        counts.skipped_records = scan.skipped_records
        if store is not None:
            outcome.stored += store.add_found(result.found, dedupe=config.dedupe)
        progress.advance(result.documents)
        if not walked:
            following = submit()
            if following is None:
                walked = True
                progress.set_total(scan.units)
            else:
                queue.add(following)
    counts.resumed = scan.resumed
    counts.skipped_records = scan.skipped_records

