"""Periods of the time engine: holidays, seasons, "la semaine prochaine", "début avril",
"the first week of October", "EOM" — a frame naming a stretch of the calendar rather than a day.

Called by `affiche.when.resolve`; returns (start, grain, exclusive end or None) in naive
wall-clock time like the rest of the resolver.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from affiche.when.calendar import (
    add_grain,
    add_months,
    holiday,
    next_weekday,
    nth_weekday,
    truncate,
    valid_date,
)
from affiche.when.grammar import Frame
from affiche.when.lexicon import Lexicon

__all__ = ["SPAN_PERIODS", "holiday_span", "offset_of", "period_span", "season_span", "unit_period"]

DAY = dt.timedelta(days=1)
OFFSETS = {"this": 0, "next": 1, "last": -1}
PERIOD_UNITS = ("week", "month", "quarter", "year", "day")
SPAN_PERIODS = frozenset({"begin", "mid", "end", "first_half", "second_half", "rest", "by_end",
                          "boy", "eoy", "eom", "eod", "by_eod"})
SHORTHANDS = {"boy": ("begin", "year"), "eoy": ("end", "year"), "eom": ("end", "month")}


def offset_of(mod: str | None) -> int | None:
    """How many periods a modifier moves: this 0, next 1, last -1, "en huit" 2 weeks..."""
    if mod is None:
        return None
    if mod.startswith("week+"):
        return 1 + int(mod[5:])
    return OFFSETS.get(mod)


def holiday_span(frame: Frame,
                 today: dt.datetime) -> tuple[dt.datetime, str, dt.datetime | None] | None:
    """A named holiday: its next occurrence, or the one of the stated or shifted year."""
    try:
        start, grain, end = _holiday_span(frame, today)
    except ValueError:  # a lunar calendar's tables end (hijridate: 1924-2077)
        return None
    if frame.shift:  # the day before or after it: one day, whatever the holiday's length
        return start + frame.shift * DAY, "day", None
    return start, grain, end


def _holiday_span(frame: Frame,
                  today: dt.datetime) -> tuple[dt.datetime, str, dt.datetime | None]:
    rule = str(frame.hol)
    year = frame.year or today.year
    if frame.unit == "year" and frame.year is None:  # "Christmas next year", "... in 3 years"
        shift = int(frame.qty or 0) * (-1 if frame.dur == "ago" else 1) if frame.dur \
            else (offset_of(frame.mod) or 0)
        start, end, grain = holiday(rule, year + shift)
        return start, grain, end
    try:
        start, end, grain = holiday(rule, year)
    except ValueError:
        if frame.year is not None:
            raise
        # a lunar festival may skip a solar year (Guru Gobind Singh Jayanti in 2018)
        year += -1 if frame.mod == "last" else 1
        start, end, grain = holiday(rule, year)
    if frame.year is None:
        if frame.mod == "last":
            if start >= today:
                start, end, grain = holiday(rule, year - 1)
        elif (end or start + DAY) <= today:
            start, end, grain = holiday(rule, year + 1)
    return start, grain, end


def season_span(frame: Frame, today: dt.datetime,
                lex: Lexicon) -> tuple[dt.datetime, str, dt.datetime] | None:
    """A season ("cet été", "next season") from the language's season table."""
    def bounds(name: str, year: int) -> tuple[dt.datetime, dt.datetime]:
        first, after = lex.seasons[name]
        start = dt.datetime(year, *map(int, first.split("-")))
        end = dt.datetime(year, *map(int, after.split("-")))
        return start, end if end > start else end.replace(year=year + 1)

    # the years around today and around a stated year: "last winter" in January starts two
    # years back, "autumn 2014" lies far from today
    years = {today.year + shift for shift in (-2, -1, 0, 1, 2)}
    if frame.year is not None:
        years |= {frame.year - 1, frame.year}
    spans = sorted(bounds(name, year) + (name,) for name in lex.seasons for year in years)
    if frame.season == "current":
        current = [s for s in spans if s[0] <= today < s[1]]
        if not current:
            return None
        index = spans.index(current[-1]) + (offset_of(frame.mod) or 0)
        if not 0 <= index < len(spans):
            return None
        start, end, _ = spans[index]
        return _position(start, end, frame.period)
    named = [s for s in spans if s[2] == frame.season]
    if frame.year is not None:
        chosen = next((s for s in named if s[0].year == frame.year), None)
    elif frame.mod == "last":
        chosen = next((s for s in reversed(named) if s[1] <= today), None)
    elif frame.mod == "next":
        chosen = next((s for s in named if s[0] > today), None)
    else:
        chosen = next((s for s in named if s[1] > today), None)
    if chosen is None:
        return None
    return _position(chosen[0], chosen[1], frame.period)


def _position(start: dt.datetime, end: dt.datetime,
              position: str | None) -> tuple[dt.datetime, str, dt.datetime]:
    """The beginning, middle or end (thirds, in whole days) of a span; the span otherwise."""
    third = dt.timedelta(days=(end - start).days // 3)
    if position == "begin":
        return start, "day", start + third
    if position == "mid":
        return start + third, "day", end - third
    if position == "end":
        return end - third, "day", end
    return start, "day", end


def unit_period(frame: Frame, today: dt.datetime,
                lex: Lexicon) -> tuple[dt.datetime, str, dt.datetime | None] | None:
    """A calendar unit: "la semaine prochaine", "derde kwartaal", "first week of October"."""
    unit = str(frame.unit)
    offset = offset_of(frame.mod)
    if frame.within is not None and frame.nth is not None:
        found = _nth_in(frame, today, offset or 0)
        if found is not None and offset is None and (found[2] or found[0] + DAY) <= today:
            found = _nth_in(frame, today, 1)  # "le premier jour du mois", said after it
        return found
    if unit == "weekend":
        if frame.month is not None:
            year = frame.year or today.year
            friday = nth_weekday(year, frame.month, 4, frame.nth if frame.nth is not None else -1)
            start = dt.datetime.combine(friday, dt.time(18))
        else:
            monday = truncate(today, "week")
            start = monday + dt.timedelta(days=4 + 7 * (offset or 0), hours=18)
        return _weekend(start, frame, lex)
    if unit == "fortnight" and frame.month is not None and frame.nth in (1, 2):
        half = Frame(**{**frame.__dict__, "period": ("first_half", "second_half")[frame.nth - 1],
                        "unit": "month"})
        return period_span(half, today, today, lex)
    if unit not in PERIOD_UNITS:
        return None
    if frame.nth is None and frame.mod == "last" and frame.month is not None:
        frame.nth = -1
    elif frame.nth is not None and frame.nth > 0 and frame.mod == "last" \
            and frame.month is not None:
        frame.nth = -frame.nth  # "the second last week of October"
        frame.mod = None
    if frame.nth is not None and (frame.month is not None or frame.year is not None
                                  or unit == "quarter"):
        year = frame.year or today.year
        if unit == "quarter":
            if not 1 <= frame.nth <= 4:
                return None  # "kwartaal 13" or a stray number: no such quarter
            return dt.datetime(year, 3 * (frame.nth - 1) + 1, 1), "quarter", None
        if unit == "day" and frame.month is not None:
            last_day = _cal.monthrange(year, frame.month)[1]
            date = valid_date(year, frame.month,
                              frame.nth if frame.nth > 0 else last_day + frame.nth + 1)
            return (dt.datetime.combine(date, dt.time()), "day", None) if date else None
        if unit == "week" and frame.month is not None:
            return _week_of_month(year, frame.month, frame.nth), "week", None
        return None
    if offset is not None and unit != "day":
        return add_grain(truncate(today, unit), unit, offset), unit, None
    return None


def _weekend(start: dt.datetime, frame: Frame,
             lex: Lexicon) -> tuple[dt.datetime, str, dt.datetime]:
    """A weekend (Friday 18:00 to Monday), or its beginning, middle or end ("fin du week-end")
    in hours from its start as the data sets them."""
    span = lex.period_spans.get(f"weekend_{frame.period}") if frame.period else None
    first, last = span if span is not None else (0, 54)
    return start + dt.timedelta(hours=first), "hour", start + dt.timedelta(hours=last)


def _nth_in(frame: Frame, today: dt.datetime,
            offset: int) -> tuple[dt.datetime, str, dt.datetime | None] | None:
    """The nth (or nth from the end) day, week or weekend of this month or year, shifted."""
    within, unit, nth = str(frame.within), str(frame.unit), int(frame.nth or 0)
    base = dt.datetime(frame.year, 1, 1) if frame.year and within == "year" else add_grain(
        truncate(today, within), within, offset)
    end = add_grain(base, within)
    if unit == "day":
        day = base + (nth - 1) * DAY if nth > 0 else end + nth * DAY
        return (day, "day", None) if base <= day < end else None
    if unit == "week":  # weeks from Monday to Sunday wholly inside the period
        first = base + ((7 - base.weekday()) % 7) * DAY
        mondays = [first + dt.timedelta(weeks=k) for k in range(54)
                   if first + dt.timedelta(weeks=k + 1) <= end]
    else:  # weekends: from the Fridays of the period
        fridays = base + ((4 - base.weekday()) % 7) * DAY
        mondays = [fridays + dt.timedelta(weeks=k, hours=18) for k in range(54)
                   if fridays + dt.timedelta(weeks=k) < end]
    if not mondays or not -len(mondays) <= (nth - 1 if nth > 0 else nth) < len(mondays):
        return None
    chosen = mondays[nth - 1 if nth > 0 else nth]
    if unit == "week":
        return chosen, "week", None
    return chosen, "hour", chosen + dt.timedelta(hours=54)


def _week_of_month(year: int, month: int, nth: int) -> dt.datetime:
    """The nth (or last, -1) Monday-to-Sunday week lying wholly in a month."""
    if nth > 0:
        monday = next_weekday(dt.date(year, month, 1), 0, True) + dt.timedelta(weeks=nth - 1)
    else:
        last = dt.date(year, month, _cal.monthrange(year, month)[1])
        monday = last - dt.timedelta(days=(last.weekday() + 1) % 7 + 6)
        monday += dt.timedelta(weeks=nth + 1)
    return dt.datetime.combine(monday, dt.time())


def period_span(frame: Frame, ref: dt.datetime, today: dt.datetime,
            lex: Lexicon) -> tuple[dt.datetime, str, dt.datetime] | None:
    """ "début avril", "fin de semaine", "mi-décembre", "end of the year", "EOM", "by EOD"."""
    period, unit = str(frame.period), frame.unit
    if period in SHORTHANDS:
        period, unit = SHORTHANDS[period]
    if period == "by_eod" or period == "eod":
        return truncate(ref, "second"), "second", today + DAY
    offset = offset_of(frame.mod) or 0
    if unit not in ("week", "month", "year"):
        unit = "month" if frame.month is not None else ("year" if frame.year is not None else None)
    if unit is None:
        return None
    if unit == "week":
        start = truncate(today, "week") + dt.timedelta(weeks=offset)
        following = start + dt.timedelta(weeks=1)
    elif unit == "month":
        if frame.month is not None:
            year = frame.year or (today.year if frame.month >= today.month else today.year + 1)
            start = dt.datetime(year, frame.month, 1)
        else:
            start = add_months(truncate(today, "month"), offset)
        following = add_months(start, 1)
    else:
        start = dt.datetime(frame.year, 1, 1) if frame.year else add_grain(
            truncate(today, "year"), "year", offset)
        following = add_grain(start, "year")
    if period == "by_end":
        return truncate(ref, "second"), "second", following
    if period == "rest":  # the data may end a week's rest before Sunday (Duckling: Saturday)
        rest = lex.period_spans.get(f"{unit}_rest")
        if rest is not None and unit == "week":
            following = min(following, start + rest[1] * DAY)
        return today, "day", following
    key = f"{unit}_{period}" if period in ("begin", "mid", "end") else f"month_{period}"
    if key not in lex.period_spans:
        return None
    first, last = lex.period_spans[key]
    if unit == "week":
        low, high = start + first * DAY, start + last * DAY
    elif unit == "month":
        low = start + (first - 1) * DAY
        high = min(start + (last - 1) * DAY, following)
    else:
        low, high = add_months(start, first - 1), add_months(start, last - 1)
    if high <= today and frame.month is None and frame.year is None and frame.mod is None:
        return _period_next(frame, ref, today, lex, unit)
    return low, ("month" if unit == "year" else "day"), high


def _period_next(frame: Frame, ref: dt.datetime, today: dt.datetime, lex: Lexicon,
                 unit: str) -> tuple[dt.datetime, str, dt.datetime] | None:
    """The same part of the next week/month/year, when this one is over."""
    shifted = Frame(**{**frame.__dict__, "mod": "next", "unit": unit})
    return period_span(shifted, ref, today, lex)
