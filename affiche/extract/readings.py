"""Readings of a time that the extraction chooses between: a bare weekday written on that
very weekday ("ce dimanche", "zondag", "on Sunday" in a text of a Sunday) is that day, not
the same weekday a week later (the other reading stays a warning's candidate); a night told
from one day to the next ("la nuit du samedi 14 au dimanche 15", "in de nacht van zaterdag
op zondag") has its evening hours on the first day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from affiche.extract import cues
from affiche.extract.features import NIGHT_ENDS
from affiche.extract.liveness import _names_weekday
from affiche.extract.points import TimePoint

__all__ = ["weekday_of_writing", "overnight", "afternoon_hours", "anaphoric"]

_WEEK = dt.timedelta(days=7)
# a day of the month beside the weekday ("samedi 21", "Saturday 21st", "21/06"), not a clock
_DAY_NUMBER = re.compile(r"(?<![\d:.h])\d{1,2}(?:st|nd|rd|th|er|e|ste|de)?"
                         r"(?![\d:.hu]|\s*(?:am|pm|a\.m|p\.m|uur|h\b))", re.IGNORECASE)


def weekday_of_writing(points: list[TimePoint], reference: dt.datetime, lang: str) -> None:
    """Move each bare weekday that the time engine read a week after the reference day, on
    the reference's own weekday, to the reference day (`moved_from` keeps the other)."""
    from affiche import lang as language_data

    modifiers = language_data.load(lang).get("time", {}).get("modifier_words", {})
    # "samedi prochain", "next Saturday", "volgende zaterdag": a week ahead, as written
    ahead_words = [w.casefold() for w, meaning in modifiers.items() if meaning != "this"]
    months = [w.casefold() for w in cues.time_words(lang, "month_words") if len(w) > 2]
    day_after_week = reference.date() + _WEEK
    for point in points:
        text = point.mention.text.casefold()
        if point.day != day_after_week or not _names_weekday(text) \
                or _DAY_NUMBER.search(text) or any(m in text.split() for m in months):
            continue  # "samedi 21", "Saturday 21 June": the day is written
        if any(word in text.split() or f" {word}" in f" {text}" for word in ahead_words):
            continue
        point.moved_from, point.day = point.day, reference.date()



_NEXT_DAY = dt.timedelta(days=1)
_EVENING = 12  # an hour from this one on, told with a night, is the first day's evening
_NIGHT_STARTS = 20  # a night's start hour from this one on (the time engine's "nuit", "nacht")
_NIGHT_REACH = 8  # characters between a night and the next day that closes it ("… op ", " au ")


def overnight(points: list[TimePoint]) -> None:
    """Put the evening hours of a night told from one day to the next on the first day: a
    span of two days whose hour the time engine gave the second ("du samedi 14 au dimanche 15
    mars, à partir de 21h", "from Saturday 14 to Sunday 15 March, from 9pm"), and the day
    that closes a night told with its first day ("in de nacht van zaterdag op zondag, vanaf
    22 uur": the Sunday is the night's morning, the hour the Saturday's)."""
    for index, point in enumerate(points):
        mention = point.mention
        start, end = mention.value, mention.end_value
        if not (mention.kind == "interval" and isinstance(start, dt.datetime)
                and isinstance(end, dt.datetime) and end.date() == start.date() + _NEXT_DAY):
            continue
        if mention.has_time and end.hour >= _EVENING and (
                (start.hour, start.minute) == (0, 0) or start.hour >= _NIGHT_STARTS):
            # the hour told is the first evening's ("…, à partir de 21h"), not the morning's
            point.mention = dataclasses.replace(
                mention, kind="value", value=start.replace(hour=end.hour, minute=end.minute),
                end_value=None, end_exclusive=None, open=None)
            continue
        if mention.has_time or not mention.has_part_of_day or start.hour < _NIGHT_STARTS:
            continue
        closing = points[index + 1] if index + 1 < len(points) else None
        if closing is None or closing.day != end.date() \
                or not 0 <= closing.mention.start - mention.end <= _NIGHT_REACH:
            continue
        closing.day = start.date()
        value = closing.mention.value
        if closing.mention.has_time and isinstance(value, dt.datetime) \
                and value.hour >= _EVENING:
            closing.mention = dataclasses.replace(
                closing.mention, value=value.replace(year=start.year, month=start.month,
                                                     day=start.day))


_SMALL_HOURS = range(1, NIGHT_ENDS)  # hours a call on a twelve-hour clock means after noon


def afternoon_hours(points: list[TimePoint], lang: str) -> None:
    """Read a bare small hour of a twelve-hour clock without am/pm ("3.00 - 4.00: calls for
    action", "om 3 uur") as the afternoon's, as calls mean them (nobody gathers at 3 a.m.):
    not one written with a leading zero ("03:00"), a part of the day or an am/pm marker."""
    from affiche import lang as language_data

    settings = language_data.load(lang).get("time", {}).get("settings", {})
    if not settings.get("twelve_hour"):
        return
    markers = [str(m).casefold() for m in settings.get("am_markers", [])
               + settings.get("pm_markers", []) if len(str(m)) > 1]
    for point in points:
        mention = point.mention
        value = mention.value
        if not mention.has_time or mention.has_part_of_day or not isinstance(value, dt.datetime) \
                or value.hour not in _SMALL_HOURS or _LEADING_ZERO.search(mention.text) \
                or any(m in mention.text.casefold() for m in markers):
            continue
        later = dt.timedelta(hours=12)
        end = mention.end_value
        if isinstance(end, dt.datetime) and end.hour < 12 and end + later > value + later \
                and end.date() == value.date():
            end = end + later
        point.mention = dataclasses.replace(mention, value=value + later, end_value=end)


_LEADING_ZERO = re.compile(r"(?<!\d)0\d[:.h]")


def anaphoric(point: TimePoint, lang: str) -> int | None:
    """The days after the day named before, for a mention opening with a day counted from it
    ("le lendemain à 10h", "the next day", "de dag erna"; `events.anaphoric_days`), else None."""
    said = " ".join(point.mention.text.casefold().split())
    table = cues.events_data(lang).get("anaphoric_days", {})
    for key, offset in (("next_day", 1), ("previous_day", -1)):
        if any(said == words or said.startswith(words + " ") for words in table.get(key, [])):
            return offset
    return None
