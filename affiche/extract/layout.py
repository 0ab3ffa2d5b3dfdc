"""Layout: the shape of a text's lines (headings, bullets, label/value lines, blank lines) and
the blocks they make, over the sentence units of `segment`.

A block is what one announcement of several holds: the lines from a heading (or a blank line)
to the next heading. Stages ask the layout where an event's own heading is, and which block an
offset (a contact, a place) lies in; one index answers both in logarithmic time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from affiche.extract.segment import Segmentation

__all__ = ["Line", "Layout"]

_HEADING_LENGTH = 90  # characters of a line that can head an announcement
_SECTION_REACH = 80  # lines above a list item within which its section's heading may stand
# a bullet sign may carry a text-style variation selector ("▶︎")
_BULLET = re.compile(r"\s*(?:[-–•*>▶✯·]\ufe0e?|\d{1,2}[.)])\s")
_LABEL = re.compile(r"\s*([^\W\d_][\w'’ ]{1,25}?)\s*:\s+\S")
_CLOSED = (".", ",", ";", ":", "!", "?", "…")


@dataclass(frozen=True)
class Line:
    """One line of the text with its shape."""

    index: int
    start: int
    end: int
    text: str
    blank_before: bool
    bullet: bool
    label: str | None  # "Date" of "Date: Saturday 5 July", else None

    @property
    def heading(self) -> bool:
        """True for a line that reads as a heading: short, open-ended, after a blank line or
        a closed sentence, neither a bullet nor a label/value line."""
        stripped = self.text.strip()
        # a word alone heads a block only after a blank line, with a capital ("Liège",
        # "Renens" over a town's list of actions)
        return bool(stripped) and len(stripped) <= _HEADING_LENGTH \
            and not stripped.endswith(_CLOSED) and not self.bullet and self.label is None \
            and sum(ch.isalpha() for ch in stripped) >= 4 \
            and (" " in stripped or self.blank_before and stripped[:1].isupper())


class Layout:
    """The lines of a text, their shapes and blocks, over its `Segmentation`."""

    def __init__(self, text: str, segments: Segmentation,
                 timed: list[tuple[int, int]] | None = None) -> None:
        """Read the lines of `text` (its units are `segments`; `timed` the spans of its time
        expressions)."""
        self.text = text
        self.segments = segments
        self.timed = sorted(timed or [])
        self._timed_starts = [start for start, _ in self.timed]
        self.lines: list[Line] = []
        offset, blank = 0, True
        for index, raw in enumerate(text.split("\n")):
            label = _LABEL.match(raw)
            self.lines.append(Line(index, offset, offset + len(raw), raw, blank,
                                   bool(_BULLET.match(raw)),
                                   label.group(1) if label else None))
            blank = not raw.strip()
            offset += len(raw) + 1
        self._starts = [line.start for line in self.lines]

    def line_at(self, offset: int) -> Line:
        """The line holding `offset`."""
        return self.lines[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    def opens_block(self, line: Line) -> bool:
        """True for a heading that opens a block: first line, or after a blank line or a
        closed sentence."""
        if not line.heading:
            return False
        before = self._previous_text(line.index)
        return line.blank_before or before is None or before.rstrip().endswith(_CLOSED)

    def _previous_text(self, index: int) -> str | None:
        """The text of the nearest non-blank line before line `index`, or None."""
        for back in range(index - 1, -1, -1):
            if self.lines[back].text.strip():
                return self.lines[back].text
        return None

    def heading_above(self, offset: int, floor: int = 0, reach: int = 4) -> Line | None:
        """The heading that opens the block of `offset`: the nearest block-opening heading
        among the `reach` non-blank lines above it and after `floor`, without a time
        expression filling most of it; None when a non-heading paragraph break
        comes first."""
        line = self.line_at(offset)
        seen = 0
        for back in range(line.index - 1, -1, -1):
            above = self.lines[back]
            if above.end <= floor or seen >= reach:
                return None
            if not above.text.strip():
                continue
            seen += 1
            if self.opens_block(above) and not self._mostly_time(above):
                return above
            if above.blank_before:
                return None
        return None

    def section_heading(self, offset: int, reach: int = _SECTION_REACH) -> Line | None:
        """The heading of the list `offset` is an item of: the nearest block-opening heading
        above it, over sibling items (bullets, label/value lines) and blank lines only."""
        line = self.line_at(offset)
        if not (line.bullet or line.label):
            return None
        for back in range(line.index - 1, max(-1, line.index - reach), -1):
            above = self.lines[back]
            if not above.text.strip() or above.bullet or above.label:
                continue
            if self.opens_block(above) and not self._mostly_time(above):
                return above
            return None
        return None

    def block_of(self, offset: int) -> int:
        """The number of the block holding `offset` (blocks open at block-opening headings)."""
        index = self.line_at(offset).index
        return self._block_numbers()[index]

    def _block_numbers(self) -> list[int]:
        """The block number of each line, computed once."""
        cached = getattr(self, "_blocks", None)
        if cached is None:
            cached, number = [], 0
            for line in self.lines:
                if line.index and self.opens_block(line):
                    number += 1
                cached.append(number)
            self._blocks = cached
        return cached

    def _mostly_time(self, line: Line) -> bool:
        """True when time expressions cover most of the line ("Samedi 14 juin 2025")."""
        low = bisect.bisect_left(self._timed_starts, line.start)
        high = bisect.bisect_left(self._timed_starts, line.end)
        covered = sum(max(0, min(end, line.end) - start) for start, end in self.timed[low:high])
        return covered * 2 >= len(line.text.strip())
