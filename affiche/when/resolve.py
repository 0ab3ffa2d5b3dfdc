"""Stage 4 of the time engine: resolve frames against the reference into `TimeMention`s.

Rules for announcements: a bare weekday is the next one (strictly after the reference day;
"ce samedi"/"this Saturday" counts the reference day), a day and month without a year is the
next occurrence on or after the reference day, a stated weekday is checked against the day of
the month (on a conflict the engine keeps the stated weekday nearest to the stated day, offers
the stated day and the next month or year where both agree, and warns `weekday_mismatch`).
Times take the part of the day into account ("8 uur 's avonds" = 20:00) and, in 12-hour
languages, an hour without am/pm is read the way people announce events. All arithmetic is on
naive wall-clock values; the caller attaches the zone.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from affiche.when.calendar import (
    add_grain,
    add_months,
    nearest_weekday,
    next_weekday,
    nth_weekday,
    truncate,
    valid_date,
)
from affiche.when.grammar import Frame
from affiche.when.lexicon import Lexicon
from affiche.when.mention import TimeMention
from affiche.when.periods import (
    SPAN_PERIODS,
    holiday_span,
    offset_of,
    period_span,
    season_span,
    unit_period,
)

__all__ = ["DAY", "resolve_frame"]

# A duration of N units lands on a value at the next finer grain (Duckling's convention).
DURATION_GRAIN = {
    "second": "second", "minute": "second", "hour": "minute", "day": "hour", "week": "day",
    "month": "day", "quarter": "day", "year": "month",
}
UNIT_ALIASES = {"fortnight": ("day", 14), "quarter_hour": ("minute", 15), "half_day": ("hour", 12),
                "half_hour": ("minute", 30), "three_quarter_hour": ("minute", 45)}
PERIOD_UNITS = ("week", "month", "quarter", "year", "day")
DAY = dt.timedelta(days=1)


# A fraction of a unit is counted in the next smaller one: 1.5 hours = 90 minutes.
SMALLER = {"hour": ("minute", 60), "day": ("hour", 24), "week": ("day", 7),
           "year": ("month", 12), "minute": ("second", 60), "month": ("day", 30)}


def _unit(unit: str, quantity: float) -> tuple[str, int]:
    """A unit and a whole count of it for a stated quantity of `unit`."""
    base, factor = UNIT_ALIASES.get(unit, (unit, 1))
    count = quantity * factor
    while count != int(count) and base in SMALLER:
        base, factor = SMALLER[base]
        count *= factor
    return base, round(count)


def resolve_frame(frame: Frame, ref: dt.datetime, lex: Lexicon, strict: bool) -> TimeMention | None:
    """The mention stated by one frame, or None when it states nothing that resolves."""
    today = truncate(ref, "day")
    mention = TimeMention(start=frame.start, end=frame.end, text="", recurring=frame.rec,
                          stated_zone=frame.zone if frame.clock is not None else None,
                          gap=frame.gap)
    if frame.period == "now" and not frame.has_date() and frame.clock is None:
        mention.value, mention.grain = truncate(ref, "second"), "second"
        return mention
    if frame.period == "asap" and not frame.has_date() and frame.clock is None:
        # "ASAP", "dès que possible", "zo snel mogelijk": from now on
        mention.kind, mention.open, mention.grain = "interval", "after", "second"
        mention.value, mention.has_date = truncate(ref, "second"), True
        return mention
    if frame.period == "later" and not frame.has_date() and frame.clock is None and not frame.pod:
        if strict:
            return None  # "plus tard" in running text: later than something else
        mention.kind, mention.open, mention.grain = "interval", "after", "minute"
        mention.value = truncate(ref + dt.timedelta(minutes=10), "minute")
        return mention
    if frame.qty is not None and frame.unit and frame.wd is None and frame.day is None \
            and frame.hol is None and not frame.lasting:
        return _quantity(frame, ref, mention, strict, lex)
    dated = _date(frame, ref, today, lex, mention, strict)
    if dated is None and frame.has_date():
        return None
    base = dated[0] if dated else today
    mention.has_date = dated is not None
    candidates = list(mention.candidates)
    if frame.clock is not None:
        hour, minute = _hour(frame, mention, lex, ref, dated is not None or strict)
        shift = hour // 24
        value = base.replace(hour=hour % 24, minute=minute, second=frame.clock.second) + shift * DAY
        grain = frame.clock.grain
        if frame.zone is not None and grain == "hour":
            grain = "minute"
        mention.value, mention.grain, mention.has_time = value, grain, True
        mention.has_part_of_day = frame.pod is not None
        if frame.pod in lex.parts_of_day and dated is None:
            first_hour, last_hour = lex.parts_of_day[frame.pod]
            mention.part_of_day_running = (first_hour <= hour < last_hour
                                           and ref < today + dt.timedelta(hours=last_hour))
        mention.candidates = [c.replace(hour=hour % 24, minute=minute) + shift * DAY
                              for c in candidates]
    elif frame.pod is not None and frame.pod in lex.parts_of_day:
        first_hour, last_hour = lex.parts_of_day[frame.pod]
        mention.kind, mention.grain, mention.has_part_of_day = "interval", "hour", True
        mention.value = base + dt.timedelta(hours=first_hour)
        mention.end_value = mention.end_exclusive = base + dt.timedelta(hours=last_hour)
    elif dated is not None:
        mention.value, mention.grain = dated[0], dated[1]
        if dated[2] is not None:
            mention.kind = "interval"
            mention.end_exclusive = dated[2]
            mention.end_value = dated[2] - DAY if mention.grain == "day" else dated[2]
    else:
        return None
    if frame.lasting and frame.qty is not None and frame.unit and mention.value is not None:
        unit, count = _unit(str(frame.unit), frame.qty)  # "18th Dec for 10 days"
        if unit in DURATION_GRAIN:
            mention.kind, mention.open = "interval", None
            mention.end_exclusive = add_grain(mention.value, unit, count)
            stated_end = mention.end_exclusive
            mention.end_value = stated_end - DAY if mention.grain == "day" else stated_end
            return mention
    if frame.open in ("after", "before") and frame.qty is not None and frame.unit \
            and dated is not None:
        unit, count = _unit(str(frame.unit), frame.qty)  # "trois jours après/avant Pâques"
        if unit in DURATION_GRAIN and mention.value is not None:
            sign = 1 if frame.open == "after" else -1
            mention.value = add_grain(mention.value, unit, sign * count)
            mention.kind, mention.end_value, mention.end_exclusive = "value", None, None
    elif frame.open == "after":
        mention.kind, mention.open = "interval", "after"
        mention.end_value = mention.end_exclusive = None
    elif frame.open == "by" and mention.value is not None:
        deadline = mention.value  # "by Friday": from now to the start of the day named
        if frame.period == "end" and mention.end_exclusive is not None:
            deadline = mention.end_exclusive  # "d'ici la fin du mois": to the end of it
        if not mention.has_date and deadline <= ref:
            deadline += DAY  # "by 9am" said at 10: tomorrow's
        mention.kind, mention.grain, mention.has_date = "interval", "second", True
        mention.value = truncate(ref, "second")
        mention.end_value = mention.end_exclusive = deadline
        mention.candidates = []
    elif frame.open == "before":
        mention.kind, mention.open = "interval", "before"
        until = mention.end_exclusive or mention.value
        if frame.inclusive and mention.end_exclusive is None and until is not None \
                and mention.grain not in ("second", "minute", "hour"):  # a day, not 2:00pm
            until = add_grain(until, mention.grain)  # "tot en met 30 juni": the 30th is in
        mention.end_value = mention.end_exclusive = until
        mention.value = None
    return mention


def _quantity(frame: Frame, ref: dt.datetime, mention: TimeMention,
              strict: bool, lex: Lexicon) -> TimeMention | None:
    """ "dans 2 jours", "il y a 3 heures", "les 3 prochaines semaines", "binnen 2 weken"."""
    unit, count = _unit(str(frame.unit), frame.qty or 0)
    if unit not in DURATION_GRAIN:
        return None
    if frame.dur is None and frame.open == "after" and not strict:
        frame.dur = "in"  # "after 5 days": from five days on
    if frame.dur == "later":
        if unit in ("second", "minute", "hour") or strict:
            return None  # "deux jours plus tard": later than another time of the text
        grain = unit if unit in ("day", "week", "month", "year") else DURATION_GRAIN[unit]
        mention.value = truncate(add_grain(ref, unit, count), grain)
        mention.grain, mention.has_date = grain, grain not in ("second", "minute", "hour")
        return mention
    if frame.dur in ("in", "ago"):
        sign = -1 if frame.dur == "ago" else 1
        grain = DURATION_GRAIN[unit]
        if frame.reld == 0 and unit in ("day", "week", "month", "year"):
            grain = "day"  # "3 years from today"
        mention.value = truncate(add_grain(ref, unit, sign * count), grain)
        # relative to the reference: the day is known, and below a day so is the time
        mention.grain, mention.has_date = grain, True
        mention.has_time = unit in ("second", "minute", "hour")
        if frame.clock is not None and not mention.has_time:
            # "in 2 days at 5pm", "at 7 in 3 years": the time of the first day of that period
            hour, minute = _hour(frame, mention, lex, ref, True)
            mention.value = truncate(mention.value, "day").replace(
                hour=hour % 24, minute=minute) + (hour // 24) * DAY
            mention.grain, mention.has_time = frame.clock.grain, True
        if frame.open == "after":
            mention.kind, mention.open, mention.grain = "interval", "after", "hour"
            mention.value = truncate(add_grain(ref, unit, count), "hour")
        return mention
    if frame.dur == "within":
        grain = DURATION_GRAIN[unit]
        mention.kind, mention.grain = "interval", "second"
        mention.has_date = unit not in ("second", "minute", "hour")
        mention.value = truncate(ref, "second")
        mention.end_value = mention.end_exclusive = truncate(add_grain(ref, unit, count), grain)
        return mention
    if frame.mod == "ahead":
        mention.value = add_grain(truncate(ref, unit), unit, count)
        mention.grain, mention.has_date = unit, unit not in ("second", "minute", "hour")
        return mention
    if frame.mod in ("next", "last"):
        base = truncate(ref, unit)
        if frame.mod == "next":
            low, high = add_grain(base, unit), add_grain(base, unit, count + 1)
        else:
            low, high = add_grain(base, unit, -count), base
        mention.kind, mention.grain, mention.has_date = "interval", unit, True
        mention.value, mention.end_exclusive = low, high
        mention.end_value = add_grain(high, unit, -1)
        return mention
    return None


def _hour(frame: Frame, mention: TimeMention, lex: Lexicon, ref: dt.datetime,
          dated: bool) -> tuple[int, int]:
    """The 24-hour clock time of a frame, from am/pm, the part of day or the 12h convention."""
    clock = frame.clock
    assert clock is not None
    hour, minute = clock.hour, clock.minute
    if clock.meridiem == "pm" and hour < 12:
        return hour + 12, minute
    if clock.meridiem == "am":
        return (0 if hour == 12 else hour), minute
    if frame.pod is not None and frame.pod in lex.parts_of_day and hour <= 12:
        first, last = lex.parts_of_day[frame.pod]
        if first <= hour < last or first <= hour + 24 < last:
            return hour, minute
        if first <= hour + 12 < last or (first >= 12 and hour < 12):
            return hour + 12, minute
        return hour, minute
    if clock.ambiguous:
        if dated:  # an announced event, or a time in running text: "at 6" is 18:00
            if hour < 7:
                mention.rejected.append(
                    f"{hour:02d}:{minute:02d} (read as {hour + 12:02d}:{minute:02d})")
                return hour + 12, minute
            return hour, minute
        now = (ref.hour, ref.minute)
        if (hour, minute) >= now or hour == 12:
            return hour, minute
        if (hour + 12, minute) >= now:
            return hour + 12, minute
    return hour, minute


def _date(frame: Frame, ref: dt.datetime, today: dt.datetime, lex: Lexicon, mention: TimeMention,
          strict: bool) -> tuple[dt.datetime, str, dt.datetime | None] | None:
    """Start, grain and exclusive end (for periods) of the date part of a frame."""
    if frame.hol is not None:
        span = holiday_span(frame, today)
        if span is not None and frame.wd is not None and frame.open in ("after", "before"):
            return _weekday_from(span[0], frame), "day", None
        return span
    if frame.period in SPAN_PERIODS:
        period = period_span(frame, ref, today, lex)
        if period is not None:
            return period
    if frame.season is not None:
        return season_span(frame, today, lex)
    if frame.day is not None:
        dated = _day_of_month(frame, today, mention)
        if dated is not None and frame.period == "week_of":
            start = dated[0] + DAY if dated[0].weekday() == 6 else dated[0]
            return truncate(start, "week"), "week", None
        return dated
    if frame.wd is not None:
        return _weekday(frame, today, lex)
    if frame.reld is not None:
        return today + frame.reld * DAY, "day", None
    if frame.unit is not None:
        period = unit_period(frame, today, lex)
        if period is not None:
            return period
    if frame.month is not None:
        year = frame.year
        if year is None:
            year = today.year if frame.month >= today.month else today.year + 1
            if frame.mod is not None and frame.mod.startswith("week+"):
                year += int(frame.mod[5:])  # "March after next": the one after the coming one
        return dt.datetime(year, frame.month, 1), "month", None
    if frame.year is not None and (not strict or frame.dur or frame.open):
        return dt.datetime(frame.year, 1, 1), "year", None
    return None


def _weekday_from(anchor: dt.datetime, frame: Frame) -> dt.datetime:
    """The nth weekday after (or before) a day: "third Tuesday after Christmas"."""
    step = 1 if frame.open == "after" else -1
    gap = ((int(frame.wd or 0) - anchor.weekday()) * step) % 7 or 7
    frame.open = None  # used up: the frame names one day, not an open interval
    return anchor + DAY * step * (gap + 7 * ((frame.nth or 1) - 1))


def _day_of_month(frame: Frame, today: dt.datetime,
                  mention: TimeMention) -> tuple[dt.datetime, str, None] | None:
    day, month, year = int(frame.day or 0), frame.month, frame.year
    date: dt.date | None = None
    if month is None:
        offset = offset_of(frame.mod) if frame.unit == "month" else None
        first = today.replace(day=1)
        if offset is not None:
            shifted = add_months(first, offset)
            date = valid_date(shifted.year, shifted.month, day)
        else:
            for ahead in range(13):
                shifted = add_months(first, ahead)
                date = valid_date(shifted.year, shifted.month, day)
                if date is not None and date >= today.date():
                    break
    elif year is None:
        for ahead in range(9):
            date = valid_date(today.year + ahead, month, day)
            if date is not None and date >= today.date():
                break
    else:
        date = valid_date(year, month, day)
    if date is None:
        mention.rejected.append(f"day {day} of month {month or '?'} does not exist")
        return None
    chosen = date
    if frame.wd is not None and date.weekday() != frame.wd and frame.year is None:
        recent = _recent(date, today.date(), by_year=month is not None)
        if recent is not None and recent.weekday() == frame.wd:
            mention.rejected.append(f"{date.isoformat()} (next occurrence, but not a "
                                    f"{_cal.day_name[frame.wd]})")
            return dt.datetime.combine(recent, dt.time()), "day", None
    if frame.wd is not None and date.weekday() != frame.wd:
        nearest = nearest_weekday(date, frame.wd)
        later = _agreeing(date, frame.wd, by_year=month is not None)
        mention.candidates = [dt.datetime.combine(d, dt.time())
                              for d in (nearest, date, later) if d]
        stated = _cal.day_name[frame.wd]
        actual = _cal.day_name[date.weekday()]
        mention.rejected.append(f"{date.isoformat()} (the {day} is a {actual},"
                                f" not a {stated})")
        if later is not None:
            mention.rejected.append(f"{later.isoformat()} (the next {stated} {day})")
        chosen = nearest
    return dt.datetime.combine(chosen, dt.time()), "day", None


def _agreeing(date: dt.date, weekday: int, by_year: bool) -> dt.date | None:
    """The next month (or year, when the month was stated) whose same day is that weekday."""
    for ahead in range(1, 40):
        if by_year:
            candidate = valid_date(date.year + ahead, date.month, date.day)
        else:
            shifted = add_months(dt.datetime(date.year, date.month, 1), ahead)
            candidate = valid_date(shifted.year, shifted.month, date.day)
        if candidate is not None and candidate.weekday() == weekday:
            return candidate
    return None


def _weekday(frame: Frame, today: dt.datetime,
             lex: Lexicon) -> tuple[dt.datetime, str, None] | None:
    """A weekday: the next one, or its position in a month or year ("le 2e mardi de mars")."""
    weekday = int(frame.wd or 0)
    day = today.date()
    offset = offset_of(frame.mod)
    if frame.month is None and frame.nth is not None and frame.unit == "month":
        # "first tuesday of last month", "le dernier lundi du mois": this month unless shifted
        month = add_months(truncate(today, "month"), offset or 0)
        date = nth_weekday(month.year, month.month, weekday, frame.nth)
        if offset is None and date < day:  # "le premier jeudi du mois", said after it: the next
            month = add_months(month, 1)
            date = nth_weekday(month.year, month.month, weekday, frame.nth)
        if date.month != month.month:
            return None  # "the fifth Monday" of a month with four
    elif frame.month is None and frame.nth is not None and frame.unit == "year":
        year = frame.year or today.year + (offset or 0)  # "the third Sunday of the year"
        if frame.nth > 0:
            date = next_weekday(dt.date(year, 1, 1), weekday, True)
            date += dt.timedelta(weeks=frame.nth - 1)
        else:
            last = dt.date(year, 12, 31)
            date = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
            date += dt.timedelta(weeks=frame.nth + 1)
    elif frame.month is not None and (frame.nth is not None or frame.mod == "last"):
        nth = frame.nth if frame.nth is not None else -1
        if not -5 <= nth <= 5 or nth == 0:
            return None
        year = frame.year or today.year
        date = nth_weekday(year, frame.month, weekday, nth)
        if frame.year is None and date < day:
            date = nth_weekday(year + 1, frame.month, weekday, nth)
        if date.month != frame.month:
            return None  # "le cinquième lundi de février": no such day
    elif frame.unit == "week" and offset is not None:
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
        date = monday + dt.timedelta(days=weekday)
    elif frame.mod == "next":
        if lex.settings["next_weekday"] == "following_week":
            date = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7 + weekday)
        else:
            date = next_weekday(day, weekday, False)
    elif frame.mod == "last":
        back = (day.weekday() - weekday) % 7 or 7
        date = day - dt.timedelta(days=back)
        if frame.qty:
            date -= dt.timedelta(weeks=frame.qty - 1)
    elif frame.mod is not None and frame.mod.startswith("week+"):
        date = next_weekday(day, weekday, True) + dt.timedelta(weeks=int(frame.mod[5:]))
    elif frame.qty and frame.dur == "ago":
        back = (day.weekday() - weekday) % 7 or 7
        date = day - dt.timedelta(days=back) - dt.timedelta(weeks=frame.qty - 1)
    elif frame.qty:
        date = next_weekday(day, weekday, False) + dt.timedelta(weeks=frame.qty - 1)
    else:
        date = next_weekday(day, weekday, frame.mod == "this" or frame.rec)
    return dt.datetime.combine(date, dt.time()), "day", None


def _recent(date: dt.date, today: dt.date, by_year: bool) -> dt.date | None:
    """The previous occurrence of the same day (last month, or last year) if it is recent."""
    if by_year:
        previous = valid_date(date.year - 1, date.month, date.day)
        limit = 183
    else:
        shifted = add_months(dt.datetime(date.year, date.month, 1), -1)
        previous = valid_date(shifted.year, shifted.month, date.day)
        limit = 31
    if previous is None or previous >= today or (today - previous).days > limit:
        return None
    return previous
