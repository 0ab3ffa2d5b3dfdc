"""Lunar and lunisolar holidays for the time engine: Islamic, Chinese, Hindu, Parsi.

`affiche.when.calendar.holiday` hands the rules it does not compute itself to `lunar_holiday`;
the rules come from the language files' `[time.holiday_words]`:

- `hijri MONTH DAY [month] [lastfri]` — a day of the Islamic year, from the Umm al-Qura tables
  of `hijridate` (1343–1500 AH, about 1924–2077); `month` makes it the whole month (Ramadan),
  `lastfri` the last Friday of that month (Jumu'atul-Wida). A purely arithmetic (tabular)
  calendar is a day off too often, the tables are what the announcements follow.
- `chinese MONTH DAY` — a day of the Chinese lunisolar year, from `lunardate` (1900–2099).
- `hindu MONTH TITHI [dawn|noon|evening|night] [OFFSET]` — a lunar day (tithi, 1–30 counted
  from the new moon) of an amanta month (1 Chaitra … 12 Phalguna): the civil day (India
  Standard Time) on which that tithi holds at the stated moment, as the festivals are kept
  (Diwali at dusk, Maha Shivaratri at night, most at sunrise). A month is named by the
  sidereal sign the Sun is in at the new moon that opens it; a month with no solar ingress is
  an intercalary one and is passed over. No table, no library for this: positions come from
  `ephem` (its own planetary theory, offline), the sidereal frame from the Lahiri ayanamsa.
- `sankranti DEGREES [OFFSET]` — the day the Sun enters a sidereal longitude (Makar Sankranti
  at 270°), the next day when it enters after sunset.
- `solar DEGREES DAY` — a day of a sidereal solar month that begins the day after the ingress
  (the Bengali calendar: 25 Boishakh).
- `nakshatra DEGREES STAR [FROM]` — the first day of a solar month (Sun from DEGREES), from
  its day FROM on, whose Moon is, six nazhikas (2 h 24) after sunrise, in lunar mansion STAR
  (1–27): Thaipusam; Onam (from day 3: a Thiruvonam on Chingam's first days waits a month).
- `vague YYYY-MM-DD` — a 365-day year with no leap day (the Parsi Shahenshahi calendar),
  anchored on the date given.

Each returns (first day, number of days) or None outside the tables' range. The libraries are
imported here only, and this module only when such a holiday is asked for, so that
`import affiche.when` stays light.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math

__all__ = ["lunar_holiday"]

IST = 5.5 / 24  # India Standard Time, in days: the Hindu festival days are civil days there
MOMENTS = {"dawn": 6.0, "noon": 12.0, "evening": 20.0, "night": 23.9}
MANSION_HOUR = 8.6  # sunrise and six nazhikas, IST
SUNSET = 18.0  # hour (IST) after which an ingress counts for the next day
LAHIRI_J2000 = 23.853  # Lahiri ayanamsa in degrees at J2000.0, and its yearly growth
LAHIRI_RATE = 0.013969
SYNODIC = 29.530589
DAY = dt.timedelta(days=1)


def lunar_holiday(parts: list[str], year: int) -> tuple[dt.date, int] | None:
    """First day and length in days of a lunar-calendar holiday rule in `year`, or None."""
    return _cached(tuple(parts), year)


@functools.lru_cache(maxsize=512)
def _cached(parts: tuple[str, ...], year: int) -> tuple[dt.date, int] | None:
    name, args = parts[0], parts[1:]
    try:
        if name == "hijri":
            return _hijri(int(args[0]), int(args[1]), set(args[2:]), year)
        if name == "chinese":
            return _chinese(int(args[0]), int(args[1]), year), 1
        if name == "hindu":
            return _hindu(args, year)
        if name == "sankranti":
            date = _sankranti(float(args[0]), year)
            return date + DAY * int(args[1] if len(args) > 1 else 0), 1
        if name == "solar":
            first = _ingress_day(float(args[0]), year)[0] + DAY
            return first + DAY * (int(args[1]) - 1), 1
        if name == "nakshatra":
            skip = int(args[2]) - 1 if len(args) > 2 else 0
            return _nakshatra(float(args[0]), int(args[1]), skip, year), 1
        if name == "vague":
            return _vague(dt.date.fromisoformat(args[0]), year), 1
    except (ValueError, OverflowError, IndexError):  # outside a library's years
        return None
    raise ValueError(f"unknown lunar holiday rule {' '.join(parts)!r}")


# ---- Islamic ----

def _hijri(month: int, day: int, flags: set[str], year: int) -> tuple[dt.date, int] | None:
    from hijridate import Gregorian, Hijri

    first_year = Gregorian(year, 1, 1).to_hijri().year
    for hyear in (first_year, first_year + 1):
        if "lastfri" in flags:
            last = Hijri(hyear, month, Hijri(hyear, month, 1).month_length()).to_gregorian()
            date = last - DAY * ((last.weekday() - 4) % 7)
        else:
            date = Hijri(hyear, month, day).to_gregorian()
        if date.year == year:
            length = Hijri(hyear, month, 1).month_length() if "month" in flags else 1
            return dt.date(date.year, date.month, date.day), length
    return None


# ---- Chinese ----

def _chinese(month: int, day: int, year: int) -> dt.date:
    from lunardate import LunarDate

    return LunarDate(year, month, day).to_solar_date()


# ---- Hindu (sidereal, Lahiri) ----

def _ephem():
    import ephem

    return ephem


def _ayanamsa(when: float) -> float:
    years = (when - 36525.0) / 365.25  # ephem dates count days from 1899-12-31 12:00 UT
    return LAHIRI_J2000 + LAHIRI_RATE * years


def _sun_sidereal(when: float) -> float:
    ephem = _ephem()
    lon = math.degrees(ephem.Ecliptic(ephem.Sun(when), epoch=when).lon)
    return (lon - _ayanamsa(when)) % 360


def _moon_sidereal(when: float) -> float:
    ephem = _ephem()
    lon = math.degrees(ephem.Ecliptic(ephem.Moon(when), epoch=when).lon)
    return (lon - _ayanamsa(when)) % 360


def _elongation(when: float) -> float:
    ephem = _ephem()
    moon = ephem.Ecliptic(ephem.Moon(when), epoch=when).lon
    sun = ephem.Ecliptic(ephem.Sun(when), epoch=when).lon
    return math.degrees(moon - sun) % 360


def _moment(day: dt.date, hour: float) -> float:
    """The ephem date of an IST wall-clock moment."""
    ephem = _ephem()
    return float(ephem.Date(dt.datetime(day.year, day.month, day.day))) + hour / 24 - IST


def _civil(when: float) -> dt.date:
    ephem = _ephem()
    return ephem.Date(when + IST).datetime().date()


@functools.lru_cache(maxsize=64)
def _months(year: int) -> tuple[tuple[float, int], ...]:
    """(new moon, amanta month 1–12) of the regular months opening from November before
    `year` to January after it; intercalary months are left out."""
    ephem = _ephem()
    moons = []
    when = ephem.Date(f"{year - 1}/11/1")
    while when < ephem.Date(f"{year + 1}/2/15"):
        when = ephem.next_new_moon(when)
        moons.append(float(when))
        when = ephem.Date(when + 1)
    out = []
    for this, following in itertools.pairwise(moons):
        sign = int(_sun_sidereal(this) // 30)
        if sign == int(_sun_sidereal(following) // 30):  # no ingress: intercalary month
            continue
        out.append((this, (sign + 1) % 12 + 1))
    return tuple(out)


def _tithi_at(day: dt.date, hour: float) -> int:
    return int(_elongation(_moment(day, hour)) // 12) + 1


def _hindu(args: list[str], year: int) -> tuple[dt.date, int] | None:
    month, tithi = int(args[0]), int(args[1])
    rest = list(args[2:])
    hour = MOMENTS["dawn"]
    if rest and rest[0] in MOMENTS:
        hour = MOMENTS[rest.pop(0)]
    offset = int(rest[0]) if rest else 0
    for new_moon, name in _months(year):
        if name != month:
            continue
        guess = _civil(new_moon + (tithi - 0.5) * SYNODIC / 30)
        days = [guess + DAY * k for k in range(-2, 3)]
        held = [d for d in days if _tithi_at(d, hour) == tithi]
        # a tithi that starts and ends between two such moments is kept on the next day
        held = held or [d for d in days if _tithi_at(d, hour) == tithi % 30 + 1]
        if held and (held[0] + DAY * offset).year == year:
            return held[0] + DAY * offset, 1
    return None


def _ingress_day(degrees: float, year: int) -> tuple[dt.date, float]:
    """The IST day and hour the Sun enters a sidereal longitude in `year`."""
    ephem = _ephem()
    start = float(ephem.Date(f"{year}/1/1")) - IST
    # the Sun moves about 0.9856° a day; start from the estimate and refine by bisection
    low = start + ((degrees - _sun_sidereal(start)) % 360) / 0.9856 - 5
    high = low + 10
    for _ in range(40):
        mid = (low + high) / 2
        if (_sun_sidereal(mid) - degrees + 180) % 360 - 180 < 0:
            low = mid
        else:
            high = mid
    moment = (low + high) / 2 + IST
    day = ephem.Date(moment).datetime()
    return day.date(), day.hour + day.minute / 60


def _sankranti(degrees: float, year: int) -> dt.date:
    day, hour = _ingress_day(degrees, year)
    return day + DAY if hour >= SUNSET else day


def _nakshatra(degrees: float, star: int, skip: int, year: int) -> dt.date:
    first = _sankranti(degrees, year)
    for k in range(skip, skip + 32):
        day = first + DAY * k
        # Kerala and Tamil usage: the mansion must still hold six nazhikas (2 h 24) after sunrise
        if int(_moon_sidereal(_moment(day, MANSION_HOUR)) // (360 / 27)) + 1 == star:
            return day
    raise ValueError(f"no day of mansion {star} after {first}")


# ---- Parsi ----

def _vague(anchor: dt.date, year: int) -> dt.date:
    """The day of a 365-day year falling in `year`, counted from an anchor occurrence."""
    years = year - anchor.year
    date = anchor + dt.timedelta(days=365 * years)
    while date.year > year:  # the drift across many leap days can cross a year's edge
        date -= dt.timedelta(days=365)
    while date.year < year:
        date += dt.timedelta(days=365)
    return date
