"""Long documents read in windows, under a time budget.

A call is a few kilobytes; a paste of 5 MB is hundreds of calls. Extraction compares every
event with the candidates of its text, so one pass over a long text grows with the square of
its length. A document longer than `THRESHOLD` characters is therefore cut, at its strongest
breaks (blank lines, then line ends, then sentence ends), into windows of about `WINDOW`
characters; each window is read with up to `CONTEXT` characters of the text on each side, so
that a call cut at a boundary is still read whole, and keeps only the events that start in its
own part.
Every character of the text is in a window: nothing is dropped. The same event found in two
windows (a call pasted twice) is kept once.

`Deadline` is the per-document time budget, checked cooperatively between windows and events.

Written here rather than taken from a text-chunking library (those cut for language models, by
tokens): the cuts must fall at a call's own breaks and every span must map back to the text.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable

from affiche.errors import AfficheError
from affiche.model import Document, Event, iso

__all__ = ["BudgetExceeded", "Deadline", "DEFAULT_BUDGET", "WINDOW", "CONTEXT", "THRESHOLD",
           "windows", "in_windows"]

DEFAULT_BUDGET = 60.0  # seconds per document
WINDOW = 16_000  # characters of a window's own part
CONTEXT = 3_000  # characters read on each side, so that a call cut at a boundary is whole
THRESHOLD = 2 * WINDOW  # a shorter document is read in one pass, as it always was

# the breaks a window may end at, strongest first: several blank lines, a blank line, a line
# end, a sentence end, a space
_BREAKS = (re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+"), re.compile(r"\n[ \t]*\n"), re.compile(r"\n"),
           re.compile(r"[.!?][ \t]+"), re.compile(r"\s+"))


class BudgetExceeded(AfficheError):
    """Reading one document took longer than its time budget."""


class Deadline:
    """A time budget in seconds for one document; `check()` raises when it is spent."""

    def __init__(self, seconds: float | None, source: str = "-",
                 clock: Callable[[], float] = time.monotonic) -> None:
        """Start the budget now; `seconds` None or 0 means no limit."""
        self.seconds = seconds
        self.source = source
        self._clock = clock
        self._ends = clock() + seconds if seconds else None

    def check(self, where: str = "") -> None:
        """Raise `BudgetExceeded` when the budget is spent."""
        if self._ends is not None and self._clock() > self._ends:
            at = f" (at {where})" if where else ""
            raise BudgetExceeded(
                f"{self.source}: reading took longer than the time budget of "
                f"{self.seconds:g} s{at}; split the text or give a larger --budget")


def _cut(text: str, low: int, high: int, last: bool = True, strongest: bool = True) -> int:
    """The offset in (low, high] just after the strongest break (any blank line when not
    `strongest`): the one nearest `high` (`last`) or nearest `low`; `high` itself when the
    span has no break at all."""
    if high >= len(text):
        return len(text)
    for pattern in _BREAKS if strongest else _BREAKS[1:]:
        found = None
        for found in pattern.finditer(text, low, high):
            if not last and found.end() > low:
                return found.end()
        if found is not None and found.end() > low:
            return found.end()
    return high


def windows(text: str, size: int = WINDOW,
            context: int = CONTEXT) -> list[tuple[int, int, int, int]]:
    """(read start, own start, own end, read end) of each window of `text`: the own parts
    tile the text; a window is read with up to `context` characters on each side."""
    found = []
    start = 0
    while start < len(text):
        own_end = _cut(text, start + size // 2, start + size)
        # the context reaches to the paragraph break nearest its full length
        read_end = _cut(text, own_end, own_end + context, strongest=False) \
            if own_end < len(text) else own_end
        read_start = _cut(text, start - context, start, last=False, strongest=False) \
            if start > context else 0
        found.append((read_start, start, own_end, read_end))
        start = own_end
    return found


def _window_document(document: Document, start: int, end: int, first: bool) -> Document:
    """The document of one window: its text, the page title only for the first, no hints
    (they are compared once with the events of the whole text)."""
    lines = [(a - start, b - start, c) for a, b, c in document.line_confidence
             if a < end and start < b]
    return dataclasses.replace(document, text=document.text[start:end],
                               title=document.title if first else None, hints=[],
                               line_confidence=lines, warnings=[])


def _shift(event: Event, offset: int) -> Event:
    """Move the event's evidence spans by `offset` (window to document)."""
    event.evidence = {k: (a + offset, b + offset) for k, (a, b) in event.evidence.items()}
    for item in (*event.meeting_points, *event.transport, *event.contacts):
        if item.evidence:
            item.evidence = (item.evidence[0] + offset, item.evidence[1] + offset)
    return event


def _key(event: Event) -> tuple[str | None, ...]:
    """What makes two events found in two windows the same one."""
    return (iso(event.start), iso(event.end), event.kind, event.title, event.place.label())


def in_windows(document: Document, extract: Callable[[Document], list[Event]],
               deadline: Deadline | None = None) -> list[Event]:
    """Run `extract` on `document` whole, or window by window when it is long."""
    text = document.text
    if len(text) < THRESHOLD:
        return extract(document)
    found: list[Event] = []
    seen: set[tuple[str | None, ...]] = set()
    for read_start, start, own_end, read_end in windows(text):
        if deadline is not None:
            deadline.check(f"character {start} of {len(text)}")
        part = _window_document(document, read_start, read_end, read_start == 0)
        for event in extract(part):
            begin = read_start + event.evidence.get("start", (start - read_start, 0))[0]
            if not start <= begin < own_end:
                continue  # a neighbour window reads it as its own
            key = _key(event)
            if key not in seen:
                seen.add(key)
                found.append(_shift(event, read_start))
    return found
