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

LUNAR_RULES = frozenset({"hijri", "chinese", "hindu", "sankranti", "solar", "nakshatra", "vague"})
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
    shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * shift) // 451
    month, day = divmod(h + shift - 7 * m + 114, 31)
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


HEBREW_EPOCH = -1373427  # ordinal (date.toordinal) of 1 Tishri AM 1, a proleptic date


def _hebrew_leap(year: int) -> bool:
    return (7 * year + 1) % 19 < 7


def _hebrew_elapsed_days(year: int) -> int:
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def _hebrew_new_year(year: int) -> int:
    before, this, after = (_hebrew_elapsed_days(y) for y in (year - 1, year, year + 1))
    delay = 2 if after - this == 356 else (1 if this - before == 382 else 0)
    return HEBREW_EPOCH + this + delay


def _hebrew_month_days(month: int, year: int) -> int:
    length = _hebrew_new_year(year + 1) - _hebrew_new_year(year)
    if month in (2, 4, 6, 10, 13) or (month == 12 and not _hebrew_leap(year)):
        return 29
    if month == 8 and length not in (355, 385):
        return 29
    if month == 9 and length in (353, 383):
        return 29
    return 30


def hebrew_date(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Hebrew date (months counted from Nisan = 1, Tishri = 7)."""
    ordinal = _hebrew_new_year(year) + day - 1
    last = 13 if _hebrew_leap(year) else 12
    if month >= 7:
        months = list(range(7, month))
    else:
        months = list(range(7, last + 1)) + list(range(1, month))
    ordinal += sum(_hebrew_month_days(m, year) for m in months)
    return dt.date.fromordinal(ordinal)


def _hebrew_holiday(parts: list[str], year: int) -> tuple[dt.date, int]:
    """ "hebrew MONTH DAY [OFFSET] [span DAYS] [shift RULE]" in the Gregorian `year`."""
    month, day = int(parts[1]), int(parts[2])
    offset = int(parts[3]) if len(parts) > 3 and parts[3].lstrip("-").isdigit() else 0
    span = int(parts[parts.index("span") + 1]) if "span" in parts else 0
    if month == 12 and _hebrew_leap(year + 3760):
        month = 13  # Purim falls in Adar II in a leap year
    for hebrew_year in (year + 3760, year + 3761, year + 3759):
        date = hebrew_date(hebrew_year, month, day)
        if "shift" in parts:
            date = _israeli_shift(parts[parts.index("shift") + 1], date)
        if (date + dt.timedelta(days=offset)).year == year:
            return date + dt.timedelta(days=offset), span
    return hebrew_date(year + 3760, month, day) + dt.timedelta(days=offset), span


def _israeli_shift(rule: str, date: dt.date) -> dt.date:
    """Remembrance days move off Friday/Saturday (and Monday/Sunday) as Israeli law sets."""
    weekday = date.weekday()
    if rule == "independence":
        return date - dt.timedelta(days={4: 1, 5: 2}.get(weekday, 0)) + dt.timedelta(
            days=1 if weekday == 0 else 0)
    if rule == "shoah":
        return date + dt.timedelta(days={4: -1, 6: 1}.get(weekday, 0))
    return date


def holiday(rule: str, year: int) -> tuple[dt.datetime, dt.datetime | None, str]:
    """Start, exclusive end (None for one day) and grain of a holiday `rule` in `year`.

    Rules (from the language data): `fixed MM-DD`, `easter N`, `orthodox N` (days after
    Easter), `nth N WEEKDAY MONTH [OFFSET]`, `hebrew MONTH DAY [OFFSET] [span DAYS] [shift
    RULE]` (Jewish holidays, from the Hebrew calendar's arithmetic), `mothering`, `kingsday`,
    `bossday`, `lent`, `earthhour`; and the lunar-calendar rules of `affiche.when.lunar`.
    Raises ValueError when a rule has no date that year (outside a calendar table's range).
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
    elif name == "hebrew":
        date, span = _hebrew_holiday(parts, year)
        if span:
            end = dt.datetime.combine(date + dt.timedelta(days=span), dt.time())
    elif name in LUNAR_RULES:  # Islamic, Chinese, Hindu, Parsi: affiche.when.lunar
        from affiche.when.lunar import lunar_holiday

        found = lunar_holiday(parts, year)
        if found is None:
            raise ValueError(f"holiday rule {rule!r} has no date in {year}")
        date, days = found
        if days > 1:
            end = dt.datetime.combine(date + dt.timedelta(days=days), dt.time())
    elif name == "earthhour":
        saturday = nth_weekday(year, 3, 5, -1)
        if saturday == easter(year) - dt.timedelta(days=1):  # kept off Holy Saturday
            saturday -= dt.timedelta(days=7)
        start = dt.datetime.combine(saturday, dt.time(20, 30))
        return start, start + dt.timedelta(minutes=61), "minute"
    else:
        raise ValueError(f"unknown holiday rule {rule!r}")
    return dt.datetime.combine(date, dt.time()), end, grain
