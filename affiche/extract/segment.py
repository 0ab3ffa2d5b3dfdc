"""Split a text into units (sentences or lines) and paragraphs, keeping character offsets.

Units are the scope in which a cue word ("RDV", "train", "rassemblement") speaks about a time or
a place; paragraphs the wider scope used when a unit says nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Unit", "Segmentation", "segment"]

# A sentence ends at . ! ? … followed by space and an upper-case letter, a digit or an opening
# quote/bracket; abbreviations such as "av." or "St." rarely precede such a capital in calls.
# A semicolon closes a clause of its own: an agenda told in one sentence lists its items so
# ("Jeudi, à 10h, piquet devant l'usine ; à 14h, assemblée au local …"), and a cue speaks
# for its own clause.
# (the mark is read, not looked behind for, so the engine skips from one mark to the next;
# the break itself is the group that matched)
_SENTENCE_END = re.compile(r"[.!?…]([\"»”)]?\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"(“]))|;(\s+)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n|\f")


@dataclass(frozen=True)
class Unit:
    """A sentence or line: its span, its paragraph number, its text and its line number."""

    start: int
    end: int
    paragraph: int
    text: str
    line: int = 0


class Segmentation:
    """The units of a text, with look-up by character offset."""

    def __init__(self, units: list[Unit]) -> None:
        """Index `units` (sorted by start) for offset look-ups."""
        self.units = units
        self._starts = [unit.start for unit in units]

    def index_at(self, offset: int) -> int:
        """The index of the unit containing `offset` (or the nearest before it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def unit_at(self, offset: int) -> Unit:
        """The unit containing `offset`."""
        return self.units[self.index_at(offset)]

    def neighbours(self, offset: int, before: int = 1, after: int = 1) -> list[Unit]:
        """The unit at `offset` with up to `before`/`after` units of the same paragraph."""
        index = self.index_at(offset)
        paragraph = self.units[index].paragraph
        low, high = max(0, index - before), min(len(self.units), index + after + 1)
        return [u for u in self.units[low:high] if u.paragraph == paragraph]


def segment(text: str) -> Segmentation:
    """Cut `text` into lines, and lines into sentences, each a `Unit` with its paragraph."""
    units: list[Unit] = []
    paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)
                              if not _sentence_goes_on(text, m.start(), m.end())]
    line_start = 0
    for number, line in enumerate(text.split("\n")):
        line_end = line_start + len(line)
        paragraph = bisect.bisect_right(paragraph_starts, line_start) - 1
        cut = line_start
        for match in _SENTENCE_END.finditer(line):
            piece_end = line_start + match.start(match.lastindex or 0)
            _add(units, text, cut, piece_end, paragraph, number)
            cut = line_start + match.end()
        _add(units, text, cut, line_end, paragraph, number)
        line_start = line_end + 1
    if not units:
        units.append(Unit(0, len(text), 0, text))
    return Segmentation(units)


# a line left open ("… houdt op vrijdag 28 en zaterdag 29 september een") and, after the
# blank line, its sentence going on in lower case ("\"feestweekend\" in de Spuistraat.")
_OPEN_END = re.compile(r"[^\W\d_,]*[a-zà-ÿ,]\s*$")
_GOES_ON = re.compile(r"\s*[\"“«'‘]?\s*[a-zà-ÿ]")


def _sentence_goes_on(text: str, blank_start: int, blank_end: int) -> bool:
    """True when the blank lines at [blank_start, blank_end) cut a sentence in two: the line
    before ends on a lower-case word or a comma, the line after opens in lower case (a flyer
    or a mail wrapped at a blank line), so both halves stay one paragraph."""
    if not _GOES_ON.match(text, blank_end):
        return False  # tried first: one test at one place, where the other searches a line
    before = text[text.rfind("\n", 0, blank_start) + 1: blank_start]
    return bool(_OPEN_END.search(before))


def _add(units: list[Unit], text: str, start: int, end: int, paragraph: int,
         line: int) -> None:
    """Append the unit [start, end) trimmed of spaces, unless it is empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        units.append(Unit(start, end, paragraph, text[start:end], line))
