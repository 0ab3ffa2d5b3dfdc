"""How a batch tells its progress: a tqdm bar on a terminal, plain lines in a log, a summary."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import IO, Any

__all__ = ["Counts", "Progress"]

# Without a terminal (a log, a CI job) a progress line is printed at most this often (seconds).
LOG_EVERY = 30.0


@dataclass
class Counts:
    """What a run has done so far."""

    documents: int = 0
    events: int = 0
    errors: int = 0
    resumed: int = 0
    skipped_records: int = 0
    started: float = field(default_factory=time.monotonic)

    def rate(self) -> float:
        """Documents per second since the start."""
        elapsed = time.monotonic() - self.started
        return self.documents / elapsed if elapsed > 0 else 0.0

    def elapsed(self) -> float:
        """Seconds since the start."""
        return time.monotonic() - self.started


class Progress:
    """A progress display: a tqdm bar when `stream` is a terminal, else occasional lines."""

    def __init__(self, counts: Counts, stream: IO[str] | None = None,
                 bar: bool | None = None) -> None:
        """Show progress of `counts` on `stream` (standard error by default)."""
        self.counts = counts
        self.stream = stream or sys.stderr
        self._last_line = time.monotonic()
        self._bar: Any = None
        # None: a bar on a terminal, else a line now and then; False: nothing but the summary.
        self._lines = bar is None
        if bar is None:
            bar = bool(getattr(self.stream, "isatty", lambda: False)())
        if bar:
            from tqdm import tqdm

            self._bar = tqdm(total=None, unit=" docs", file=self.stream, dynamic_ncols=True,
                             desc="affiche batch", smoothing=0.1)

    def set_total(self, total: int) -> None:
        """The number of documents to read, once the inputs have all been walked."""
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def advance(self, documents: int) -> None:
        """Count `documents` more as done."""
        counts = self.counts
        if self._bar is not None:
            self._bar.set_postfix(events=counts.events, errors=counts.errors, refresh=False)
            self._bar.update(documents)
        elif self._lines and time.monotonic() - self._last_line >= LOG_EVERY:
            self._last_line = time.monotonic()
            print(f"affiche batch: {counts.documents} documents, {counts.events} events, "
                  f"{counts.errors} errors, {counts.rate():.1f} documents/s",
                  file=self.stream, flush=True)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def summary(self, out: str, interrupted: bool = False) -> str:
        """The closing line: what was read, found and written, and how fast."""
        c = self.counts
        parts = [f"{c.documents} documents", f"{c.events} events", f"{c.errors} errors"]
        if c.resumed:
            parts.append(f"{c.resumed} already in {out}")
        if c.skipped_records:
            parts.append(f"{c.skipped_records} WARC records not HTML responses")
        head = "interrupted after" if interrupted else "done:"
        line = (f"affiche batch: {head} {', '.join(parts)} in {c.elapsed():.1f} s "
                f"({c.rate():.1f} documents/s) → {out}")
        if interrupted:
            line += "; run the same command with --resume to finish"
        return line
