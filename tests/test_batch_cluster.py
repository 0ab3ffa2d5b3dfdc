"""affiche batch against a real Dask deployment, and stopped halfway.

The scheduler and worker are `dask scheduler` and `dask worker` processes on loopback, started
by this module and killed at its end; the interrupted run is `affiche batch` in a subprocess
sent SIGINT (what Ctrl-C sends), whose output must then read as a complete Parquet file.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_inputs import REFERENCE, expected_ids, make_inputs, many_records

from affiche.batch import SCHEMA
from affiche.cli import main

DASK = Path(sys.executable).with_name("dask")


def _wait_for_file(path: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until `path` exists (the scheduler writes it once it listens)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:2]} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{path} did not appear within {seconds} s")
        time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    """End a process this module started."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory) -> Iterator[str]:
    """A `dask scheduler` on 127.0.0.1 (a free port) with one `dask worker`; its address."""
    if not DASK.exists() and shutil.which("dask") is None:
        pytest.skip("the dask command (from dask[distributed]) is not installed")
    dask = str(DASK if DASK.exists() else shutil.which("dask"))
    folder = tmp_path_factory.mktemp("dask")
    info = folder / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                "--no-dashboard", "--scheduler-file", str(info)],
                               **quiet)
    worker = None
    try:
        _wait_for_file(info, started)
        time.sleep(0.2)  # the file is written in one go, but give the writer its close
        address = json.loads(info.read_text())["address"]
        worker = subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                   "--no-dashboard", "--host", "127.0.0.1",
                                   "--local-directory", str(folder)], **quiet)
        from dask.distributed import Client

        with Client(address, timeout="20s") as probe:
            probe.wait_for_workers(1, timeout=60)
        yield address
    finally:
        if worker is not None:
            _stop(worker)
        _stop(started)


def test_explicit_scheduler_runs_the_mixed_inputs(scheduler, tmp_path, capsys):
    inputs = make_inputs(tmp_path)
    out = tmp_path / "events.parquet"
    code = main(["batch", str(inputs["folder"]), str(inputs["jsonl"]), str(inputs["warc"]),
                 "--out", str(out), "--scheduler", scheduler, "--reference", REFERENCE])
    assert code == 0, capsys.readouterr().err
    rows = pq.read_table(out).to_pylist()
    assert {r["doc_id"] for r in rows} == expected_ids(inputs)
    starts = {r["doc_id"]: r["start"] for r in rows if r["start"]}
    assert starts["https://agenda.example.org/concert"] == "2025-03-07T20:00:00+01:00"
    assert starts["rec-1"] == "2025-02-01T18:00:00+00:00"
    assert sum(1 for r in rows if r["error"]) == 3
    assert "9 documents" in capsys.readouterr().err


def test_explicit_scheduler_resume_with_jsonl(scheduler, tmp_path, capsys):
    source = many_records(tmp_path / "calls.jsonl", 60)
    out = tmp_path / "events.jsonl"
    assert main(["batch", str(source), "--out", str(out), "--scheduler", scheduler]) == 0
    first = out.read_text(encoding="utf-8").splitlines()
    assert len(first) == 60
    assert main(["batch", str(source), "--out", str(out), "--scheduler", scheduler,
                 "--resume"]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == first
    assert "60 already in" in capsys.readouterr().err


def test_sigint_leaves_a_valid_parquet_file_and_resume_finishes(tmp_path):
    total = 4000
    source = many_records(tmp_path / "calls.jsonl", total)
    out = tmp_path / "events.parquet"
    command = [sys.executable, "-m", "affiche", "batch", str(source), "--out", str(out),
               "--workers", "1", "--partition-size", "20"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        _wait_for_file(out.with_name(out.name + ".partial"), process, seconds=120)
        time.sleep(3)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        _stop(process)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal (machine faster than expected)")
    assert process.returncode == 130, err
    assert "interrupted after" in err and "--resume" in err and "Traceback" not in err
    assert not out.with_name(out.name + ".partial").exists()
    handle = pq.ParquetFile(out)
    assert handle.schema_arrow.equals(SCHEMA, check_metadata=False)
    rows = handle.read().to_pylist()
    done = {r["doc_id"] for r in rows}
    assert len(done) < total
    finish = subprocess.run([*command, "--resume"], capture_output=True, text=True,
                            timeout=600)
    assert finish.returncode == 0, finish.stderr
    if done:
        assert f"{len(done)} already in" in finish.stderr
    rows = pq.read_table(out).to_pylist()
    assert len({r["doc_id"] for r in rows}) == total
    assert len(rows) == len({(r["doc_id"], r["event_index"]) for r in rows})
