"""Shared helper of the extraction tests: extract a short call, read its starts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from affiche import pipeline
from affiche.model import Event

BRUSSELS = ZoneInfo("Europe/Brussels")


def extract(text: str, reference: str, lang: str) -> list[Event]:
    """Events of `text` read at `reference` (a date, midnight in Brussels)."""
    day = dt.date.fromisoformat(reference)
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=BRUSSELS)
    _, events = pipeline.extract_text(text, reference=moment, lang=lang)
    return events


def starts(events: list[Event]) -> list[str]:
    """The starts as local 'YYYY-MM-DDTHH:MM' (or dates), in the order of the events."""
    return [e.start.isoformat()[:16] if e.start else "" for e in events]


def sorted_starts(events: list[Event]) -> list[str]:
    """The starts as `starts` gives them, sorted."""
    return sorted(starts(events))
