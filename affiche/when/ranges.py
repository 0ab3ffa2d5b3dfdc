"""Stage 4b of the time engine: the groups of frames as mentions, ranges read end to end.

`resolve_group` reads each list item of a group as one mention and each range as one interval:
the two ends resolved by `affiche.when.resolve`, the end carried past the start where it wraps
("de 22h à 2h", "du lundi au vendredi", "du 20 décembre au 5 janvier"), two bare numbers read
as hours when a day or a part of the day is stated with them and flagged `ambiguous_time`
otherwise, "the Nth closest X to Y" counted around Y; a range that still ends before it starts
is rejected, not returned.
"""

from __future__ import annotations

import copy
import datetime as dt

from affiche.when.calendar import add_grain, finer, holiday
from affiche.when.grammar import Frame, Group
from affiche.when.lexicon import Lexicon
from affiche.when.mention import TimeMention
from affiche.when.resolve import DAY, resolve_frame
from affiche.when.scan import Clock

__all__ = ["resolve_group"]


def resolve_group(group: Group, ref: dt.datetime, lex: Lexicon, strict: bool) -> list[TimeMention]:
    """The mentions stated by a group: one per list item, one interval per range."""
    out: list[TimeMention] = []
    frames = group.frames
    position = 0
    while position < len(frames):
        last = position
        while last < len(frames) - 1 and group.seps[last] == "range":
            last += 1
        first = frames[position]
        if last > position:
            if first.clock is None and last - position > 1:
                middle = next((f for f in frames[position + 1:last] if f.clock), None)
                if middle is not None:
                    first.clock = middle.clock
            if first.period == "week_of" and first.day is not None \
                    and frames[last].day is not None:
                # "Semaine du 8 au 14 mars": the days are stated, the week is only their name
                first.period = None
            if first.period == "closest":  # "the second closest Monday to October 5"
                out.extend(m for m in [_closest(first, frames[last], ref, lex, strict)] if m)
                position = last + 1
                continue
            hours = _bare_hours(first, frames[last])
            if hours and (first.pod or frames[last].pod or first.wd is not None
                          or first.reld is not None):
                _as_hours(first, frames[last])  # "samedi de 4 à 6", "van 2 tot 4 's middags"
                hours = False
            mention = _range(first, frames[last], ref, lex, strict)
            if hours and mention is not None:
                _flag_hours(mention, first, frames[last], ref, lex, strict)
        else:
            if first.range_from and first.opens and first.open is None and not first.lasting:
                first.open = "after"
            if strict and first.day_from_range and first.month is None and first.wd is None:
                first.day = None  # "de 20" alone: a number, not the 20th
            if strict and first.clock is not None and first.month is not None \
                    and first.day is None and first.wd is None and first.year is None:
                first.month = None  # "1.00 pm March ...": the month belongs to what follows
            mention = resolve_frame(first, ref, lex, strict)
        if mention is not None:
            out.append(mention)
        position = last + 1
    return out


def _bare_hours(first: Frame, second: Frame) -> bool:
    """Two bare numbers joined as a range ("de 4 à 6", "from 2 till 4"): days or hours."""
    return (first.day_from_range and second.day_from_range and not first.range_days
            and first.month is None and second.month is None and first.year is None
            and first.clock is None and second.clock is None
            and 0 <= int(first.day or 0) <= 24 and 0 <= int(second.day or 0) <= 24)


def _as_hours(first: Frame, second: Frame) -> None:
    """Read the two numbers of a bare range as hours of the day the frames state."""
    for frame in (first, second):
        hour = int(frame.day or 0)
        frame.clock, frame.day = Clock(hour, marker="bare", ambiguous=1 <= hour <= 12), None
        frame.day_from_range = False
    if not second.has_date():
        second.copy_date(first)


def _flag_hours(mention: TimeMention, first: Frame, second: Frame, ref: dt.datetime,
                lex: Lexicon, strict: bool) -> None:
    """Keep the day reading of a bare range with nothing to tell, and offer the hours."""
    from affiche.model import Warning

    first, second = copy.deepcopy(first), copy.deepcopy(second)
    _as_hours(first, second)
    hours = _range(first, second, ref, lex, strict)
    if hours is None or hours.value is None or mention.value is None:
        return
    last_day = mention.end_value or mention.value
    last_hour = hours.end_value or hours.value
    mention.warnings.append(Warning(
        "ambiguous_time", f"days {mention.value.day} to {last_day.day}, or hours "
        f"{hours.value:%H:%M} to {last_hour:%H:%M}: nothing near tells which",
        [mention.value.isoformat(), hours.value.isoformat()]))


def _range(first: Frame, second: Frame, ref: dt.datetime, lex: Lexicon,
           strict: bool) -> TimeMention | None:
    low = resolve_frame(first, ref, lex, strict)
    high = resolve_frame(second, ref, lex, strict)
    if low is None or high is None or low.value is None or high.value is None:
        return low or high
    grain = finer(low.grain, high.grain)
    start, end = low.value, high.value
    if end.date() < start.date() and second.wd is not None and second.day is None \
            and second.month is None:
        # "du lundi au vendredi": the end weekday follows the start
        end += dt.timedelta(weeks=(start.date() - end.date()).days // 7 + 1)
    if high.has_time and low.has_time and end < start:
        if end.hour < 12 and end + dt.timedelta(hours=12) > start:
            end += dt.timedelta(hours=12)
        else:
            end += DAY
    elif end < start and first.month is not None and first.year is None \
            and first.month != second.month:  # "du 20 décembre au 5 janvier": across new year
        start = start.replace(year=start.year - 1) if start.replace(year=start.year - 1) <= end \
            else start
    if end < start:
        low.rejected.append("an interval ending before it starts")
        return None
    if high.kind == "interval" and high.end_exclusive is not None and not high.has_time:
        exclusive = high.end_exclusive + (end - high.value)
    else:
        exclusive = add_grain(end, grain)
    mention = TimeMention(
        start=min(first.start, second.start), end=max(first.end, second.end), text="",
        kind="interval", value=start, end_value=end, end_exclusive=exclusive, grain=grain,
        has_date=low.has_date or high.has_date, has_time=low.has_time or high.has_time,
        has_part_of_day=low.has_part_of_day or high.has_part_of_day,
        candidates=low.candidates, warnings=low.warnings + high.warnings,
        rejected=low.rejected + high.rejected, recurring=low.recurring,
        stated_zone=low.stated_zone, gap=first.gap,
    )
    return mention


def _closest(first: Frame, second: Frame, ref: dt.datetime, lex: Lexicon,
             strict: bool) -> TimeMention | None:
    """The nth weekday or holiday nearest to an anchor ("the closest xmas to today")."""
    anchor = resolve_frame(second, ref, lex, strict)
    if anchor is None or anchor.value is None or (first.wd is None and first.hol is None):
        return None
    nth = int(first.nth or first.qty or first.pending or 1)
    target = anchor.value.replace(hour=0, minute=0, second=0, microsecond=0)
    if first.wd is not None:
        around = range(-7 * (nth + 1), 7 * (nth + 1) + 1)
        found = [target + k * DAY for k in around if (target + k * DAY).weekday() == first.wd]
    else:
        found = []
        for year in range(target.year - nth - 1, target.year + nth + 2):
            try:
                found.append(holiday(str(first.hol), year)[0])
            except ValueError:  # a lunar table's end
                continue
    found.sort(key=lambda day: (abs(day - target), day))  # a tie goes to the earlier day
    if len(found) < nth:
        return None
    return TimeMention(start=min(first.start, second.start), end=max(first.end, second.end),
                       text="", value=found[nth - 1], grain="day", has_date=True)
