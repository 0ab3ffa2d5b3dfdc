"""Readings of a time that the extraction chooses between: a bare weekday written on that
very weekday ("ce dimanche", "zondag", "on Sunday" in a text of a Sunday) is that day, not
the same weekday a week later; the other reading stays a warning's candidate."""

from __future__ import annotations

import datetime as dt
import re

from affiche.extract import cues
from affiche.extract.liveness import _names_weekday
from affiche.extract.points import TimePoint

__all__ = ["weekday_of_writing"]

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

