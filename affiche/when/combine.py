"""Stage 3b of the time engine: frames complete each other.

Within a range or a list, frames share what one of them stated (`share`): the month of "du 12
au 14 avril", the time of "mercredi 5 et jeudi 6 juin à 19h", the day of "jeudi de 9h à 11h",
the am/pm of "from 7 to 9pm". Across chunks, a time stated shortly after a bare date takes that
date (`attach_times`: "samedi 25 janvier, RDV à 14h").
"""

from __future__ import annotations

import copy

from affiche.when.grammar import Group
from affiche.when.scan import Clock

__all__ = ["attach_times", "share"]

def share(group: Group) -> None:
    """Let the frames of a range or list complete each other (month, date, time, am/pm)."""
    frames = group.frames
    for frame in frames:
        if frame.pending is not None and frame.day is None and frame.unit == "month" \
                and frame.mod is not None and 1 <= frame.pending <= 31 and frame.qty is None:
            frame.day, frame.pending = frame.pending, None  # "the 20th of next month"
            frame.touch(frame.pending_atom)  # type: ignore[arg-type]
    for position in range(len(frames) - 2, -1, -1):
        first, second = frames[position], frames[position + 1]
        sep = group.seps[position]
        if first.clock is None and second.clock is not None and (
                not second.has_date() or second.clock_first):
            # "van 17 tot 19 uur", "7-9pm", "tussen 11 en 13 uur": the first number is an hour
            # the number waiting is the hour ("samedi 18 de 14 à 18h"), else the bare day
            if first.pending is not None and first.pending <= 24:
                first.clock = Clock(first.pending, marker="bare", ambiguous=first.pending <= 12)
                first.pending = None
                first.touch(first.pending_atom)  # type: ignore[arg-type]
            elif first.day_from_range and first.month is None and first.day is not None \
                    and first.day <= 24:
                first.clock = Clock(first.day, marker="bare", ambiguous=first.day <= 12)
                first.day = None
        if first.pending is not None and first.day is None and second.day is not None \
                and 1 <= first.pending <= 31:
            first.day, first.pending = first.pending, None
            first.touch(first.pending_atom)  # type: ignore[arg-type]
        if first.day is not None and first.month is None and second.month is not None:
            first.month = second.month
            if first.year is None:
                first.year = second.year
        if not first.has_date() and second.has_date():
            first.copy_date(second)
        if sep == "list" and first.has_date() and first.clock is None and second.clock is not None:
            first.clock = copy.copy(second.clock)
        if first.clock is not None and second.clock is not None and second.clock.meridiem \
                and not first.clock.meridiem and first.clock.hour <= 12:
            shifted = first.clock.hour % 12 + (12 if second.clock.meridiem == "pm" else 0)
            target = second.clock.hour % 12 + (12 if second.clock.meridiem == "pm" else 0)
            if shifted <= target:
                first.clock.meridiem = second.clock.meridiem
        if first.zone is None and second.zone is not None:
            first.zone = second.zone
        if first.pod is None and second.pod is not None and first.clock is not None:
            first.pod = second.pod
    for position in range(len(frames) - 1):
        first, second = frames[position], frames[position + 1]
        if not second.has_date() and first.has_date():
            second.copy_date(first)
        elif second.day is not None and second.month is None and first.month is not None:
            second.month, second.year = first.month, first.year
            if first.day is not None and second.day < first.day:
                second.month = first.month % 12 + 1


def attach_times(groups: list[Group], text: str, max_gap: int = 40) -> list[Group]:
    """Give a time stated shortly after a bare date ("samedi 19 janvier, RDV à 14h") that date."""
    out: list[Group] = []
    for group in groups:
        previous = out[-1] if out else None
        if previous is not None and len(previous.frames) == 1 and group.frames:
            dated, timed = previous.frames[0], group.frames[0]
            if (dated.clock is None and not dated.rec
                    and (dated.day is not None or dated.wd is not None or dated.reld is not None)
                    and timed.clock is not None and not timed.has_date()):
                gap = text[dated.end:timed.start]
                # a blank line (even holding spaces) ends a paragraph
                blank = any(not line.strip() for line in gap.split("\n")[1:-1])
                if len(gap) <= max_gap and not blank and not _sentence_break(gap):
                    timed.copy_date(dated)
                    timed.gap = (dated.end, timed.start)
                    timed.start = dated.start
                    timed.pod = timed.pod or dated.pod
                    out[-1] = group
                    continue
        out.append(group)
    return out


def _sentence_break(gap: str) -> bool:
    return any(mark in gap for mark in (". ", "! ", "? ", ".\n", "!\n", "?\n"))
