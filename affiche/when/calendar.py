"""Calendar arithmetic for the time engine: weekdays, months, grains, holidays and seasons.

Everything here works on naive wall-clock datetimes of the reference's zone; `affiche.when`
attaches the zone at the end, so daylight-saving offsets come out right for each date.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

__all__ = [
    "GRAINS",
    "add_grain",
    "add_months",
    "easter",
    "finer",
    "holiday",
    "nearest_weekday",
    "next_weekday",
    "nth_weekday",
    "orthodox_easter",
    "truncate",
    "valid_date",
]

GRAINS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")


def finer(a: str, b: str) -> str:
    """The finer of two grains."""
    return a if GRAINS.index(a) <= GRAINS.index(b) else b


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month."""
    if not 1 <= month <= 12 or not 1 <= day <= _cal.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def add_months(value: dt.datetime, months: int) -> dt.datetime:
    """Shift by whole months, clamping the day to the month's length."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    day = min(value.day, _cal.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def truncate(value: dt.datetime, grain: str) -> dt.datetime:
    """The start of the period of `grain` holding `value` (week starts on Monday)."""
    if grain == "second":
        return value.replace(microsecond=0)
    if grain == "minute":
        return value.replace(second=0, microsecond=0)
    if grain == "hour":
        return value.replace(minute=0, second=0, microsecond=0)
    day = value.replace(hour=0, minute=0, second=0, microsecond=0)
    if grain == "day":
        return day
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
    return day.replace(day=1, month=1)


def add_grain(value: dt.datetime, grain: str, count: int = 1) -> dt.datetime:
    """Add `count` units of `grain`."""
    if grain == "second":
        return value + dt.timedelta(seconds=count)
    if grain == "minute":
        return value + dt.timedelta(minutes=count)
    if grain == "hour":
        return value + dt.timedelta(hours=count)
    if grain == "day":
        return value + dt.timedelta(days=count)
    if grain == "week":
        return value + dt.timedelta(weeks=count)
    if grain == "month":
        return add_months(value, count)
    if grain == "quarter":
        return add_months(value, 3 * count)
    return add_months(value, 12 * count)


def next_weekday(day: dt.date, weekday: int, include_today: bool) -> dt.date:
    """The first `weekday` on or after (include_today) or strictly after `day`."""
    ahead = (weekday - day.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return day + dt.timedelta(days=ahead)


def nearest_weekday(day: dt.date, weekday: int) -> dt.date:
    """The `weekday` closest to `day` (ties go to the earlier one)."""
    ahead = (weekday - day.weekday()) % 7
    return day + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday (Julian computus, shifted to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = dt.date(year, month, day + 1)
    return julian + dt.timedelta(days=year // 100 - year // 400 - 2)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based; -1 = last) `weekday` of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return next_weekday(first, weekday, True) + dt.timedelta(weeks=nth - 1)
    last = dt.date(year, month, _cal.monthrange(year, month)[1])
    back = (last.weekday() - weekday) % 7
    return last - dt.timedelta(days=back) + dt.timedelta(weeks=nth + 1)


def holiday(rule: str, year: int) -> tuple[dt.datetime, dt.datetime | None, str]:
    """Start, exclusive end (None for one day) and grain of a holiday `rule` in `year`.

    Rules (from the language data): `fixed MM-DD`, `easter N`, `orthodox N` (days after
    Easter), `nth N WEEKDAY MONTH [OFFSET]`, `mothering`, `kingsday`, `bossday`, `lent`,
    `earthhour`.
    """
    parts = rule.split()
    name = parts[0]
    end: dt.datetime | None = None
    grain = "day"
    if name == "fixed":
        month, day = (int(x) for x in parts[1].split("-"))
        date = dt.date(year, month, day)
    elif name == "easter":
        date = easter(year) + dt.timedelta(days=int(parts[1]))
    elif name == "orthodox":
        date = orthodox_easter(year) + dt.timedelta(days=int(parts[1]))
    elif name == "nth":
        date = nth_weekday(year, int(parts[3]), int(parts[2]), int(parts[1]))
        if len(parts) > 4:
            date += dt.timedelta(days=int(parts[4]))
    elif name == "mothering":
        date = easter(year) - dt.timedelta(days=21)
    elif name == "kingsday":
        date = dt.date(year, 4, 27)
        if date.weekday() == 6:
            date -= dt.timedelta(days=1)
    elif name == "bossday":
        date = dt.date(year, 10, 16)
        if date.weekday() == 5:
            date -= dt.timedelta(days=1)
        elif date.weekday() == 6:
            date += dt.timedelta(days=1)
    elif name == "lent":
        date = easter(year) - dt.timedelta(days=46)
        end = dt.datetime.combine(easter(year), dt.time())
    elif name == "earthhour":
        saturday = nth_weekday(year, 3, 5, -1)
        start = dt.datetime.combine(saturday, dt.time(20, 30))
        return start, start + dt.timedelta(minutes=61), "minute"
    else:
        raise ValueError(f"unknown holiday rule {rule!r}")
    return dt.datetime.combine(date, dt.time()), end, grain
