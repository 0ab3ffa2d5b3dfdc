"""Durability: submissions stream to a real server (uvicorn subprocess on loopback) that is
killed with SIGKILL and restarted; every submission answered with the success page must be in
the moderation queue afterwards, on SQLite and on PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from submitkit import CALL, SECRET, form_values

from affiche.store import Store

KILLS = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(database: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "AFFICHE_SECRET_KEY": SECRET, "AFFICHE_SUBMIT_LIMIT": "100000",
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "affiche", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--database", database], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("affiche serve exited: " + process.stderr.read().decode()[-2000:])
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return process
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("affiche serve did not start within 30 s")


def _submit(http: httpx.Client, number: int) -> bool:
    """One whole submission; True when the server answered with the success page."""
    page = http.get("/submit")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    review = http.post("/submit", data={"csrf": token, "action": "extract", "text": CALL,
                                        "reference": "2025-01-13"})
    if review.status_code != 200:
        return False
    data = form_values(review.text)
    data.update({"action": "confirm", "e0.title": f"Durability {number}"})
    done = http.post("/submit", data=data)
    return done.status_code == 200 and "What happens next" in done.text


def _stream(base: str, acknowledged: list[int], stop: threading.Event) -> None:
    number = 0
    while not stop.is_set():
        number += 1
        try:
            with httpx.Client(base_url=base, timeout=10) as http:
                if _submit(http, number):
                    acknowledged.append(number)
        except httpx.HTTPError:
            time.sleep(0.05)  # the server is down: keep trying, as people would


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_acknowledged_submissions_survive_sigkill(backend: str, tmp_path: Path,
                                                  request: pytest.FixtureRequest) -> None:
    if backend == "sqlite":
        database = f"sqlite:///{tmp_path / 'agenda.db'}"
    else:
        database = request.getfixturevalue("postgres_url")
    Store(database).close()  # migrations applied once, before the stream
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start(database, port)
    acknowledged: list[int] = []
    stop = threading.Event()
    worker = threading.Thread(target=_stream, args=(base, acknowledged, stop), daemon=True)
    worker.start()
    try:
        for _ in range(KILLS):
            seen = len(acknowledged)
            deadline = time.monotonic() + 60
            while len(acknowledged) < seen + 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.15)  # land the kill inside a later request, not between two
            process.send_signal(signal.SIGKILL)
            process.wait(10)
            process = _start(database, port)
        seen = len(acknowledged)
        deadline = time.monotonic() + 60
        while len(acknowledged) < seen + 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        worker.join(30)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert len(acknowledged) >= 2 * (KILLS + 1)
    store = Store(database)
    try:
        items, total = store.queue(limit=10_000)
        titles = {item.event.title for item in items}
    finally:
        store.close()
    missing = [n for n in acknowledged if f"Durability {n}" not in titles]
    assert missing == [], f"acknowledged but lost: {missing}"
    assert total >= len(acknowledged)
