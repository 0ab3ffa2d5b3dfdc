"""Time points and event drafts: the typed values the grouping stages pass along, and the
small readings of a point's sentence they share (its clock, its day, its kind cue, its shape)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from affiche.extract.locate import PlaceCandidate
from affiche.extract.scoring import Score
from affiche.extract.segment import Unit
from affiche.when import TimeMention

__all__ = ["TimePoint", "Draft", "at_day", "move_to"]


@dataclass
class TimePoint:
    """A time mention with its sentence and its role: event, meeting, transport or route."""

    mention: TimeMention
    unit: Unit
    role: str
    cue: str | None = None
    day: dt.date | None = None
    head: Unit | None = None  # the line of its date, when its time is on the next line
    list_kind: str | None = None  # the kind its list's heading names ("Rassemblements :")
    moved_from: dt.date | None = None  # the day the time engine gave, when another was chosen
    decision: Score | None = None  # its still_to_come decision, when it was scored
    set_aside: str | None = None  # why the grouping rules gave it no event, for --explain


@dataclass
class Draft:
    """An event in the making: its day, its time points and the spans that speak of it."""

    day: dt.date
    anchors: list[TimePoint] = field(default_factory=list)
    times: list[TimePoint] = field(default_factory=list)
    start: TimePoint | None = None
    end_value: dt.datetime | dt.date | None = None
    recurring: bool = False
    start_from_meeting: bool = False
    date_only: bool = False
    conflicts: list[dt.date] = field(default_factory=list)
    item: bool = False
    notes: list[str] = field(default_factory=list)
    umbrella: bool = False
    kind: str | None = None  # the kind its own clause names, when a sentence holds two events
    place_at: int | None = None  # where its own place is named, when a day has several sites
    decisions: list[Score] = field(default_factory=list)  # the scored decisions that shaped it
    # the start_of scores of its start candidates, best first (an ambiguous_start warning
    # when the runner-up of another hour comes close)
    start_scores: list[tuple[Score, TimePoint]] = field(default_factory=list)

    def offsets(self) -> list[int]:
        """Character offsets of the mentions that anchor this event."""
        if self.place_at is not None:
            return [self.place_at]
        found = [p.unit.start for p in self.anchors] or [p.unit.start for p in self.times]
        if self.start is not None and self.start.unit.start not in found \
                and self.kind is None:
            # "Départ 13h de la place d'Italie": the start's own sentence names the place too
            # (unless that sentence holds two events and so two places)
            found.append(self.start.unit.start)
        return found


_DAY_GRAINS = ("day", "hour", "minute", "second")


_LONGEST_EVENT = dt.timedelta(days=31)


def at_day(mention: Any, day: dt.date) -> dt.datetime | dt.date:
    """The mention's time of day placed on `day` (or the day alone when it states no time)."""
    value = mention.value
    if not mention.has_time or not isinstance(value, dt.datetime):
        return day
    return move_to(value, day)


def move_to(value: dt.datetime | dt.date, day: dt.date) -> dt.datetime | dt.date:
    """The same wall-clock time on another day (a date becomes that day); a ZoneInfo zone
    gives the new day its own offset, across a DST change too."""
    if not isinstance(value, dt.datetime):
        return day
    return value.replace(year=day.year, month=day.month, day=day.day)


def _day(mention: Any, unit: Unit) -> dt.date | None:
    """The calendar day a dated mention resolves to; None when it names no single day."""
    value = mention.value
    if value is None and mention.open == "before" and mention.has_time:
        value = mention.end_value  # "Mardi 6 octobre ↵ Jusqu'à 17h": that day, until then
    if value is None or not mention.has_date or not _names_a_day(mention, unit):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _names_a_day(mention: Any, unit: Unit) -> bool:
    """False for vague periods (a week, a season) and durations ("depuis 15 jours")."""
    if mention.grain not in _DAY_GRAINS:
        return False
    if mention.kind == "interval":
        if mention.open == "after" and not mention.has_time \
                and len(unit.text) - len(mention.text) > _HEADING_SLACK:
            # "from 1 April the new law applies" starts a state of things; a line of its own
            # ("from the 15th of October", under the headline) starts the event
            return False
        if mention.end_value is not None and mention.value is not None \
                and mention.end_value - mention.value > _LONGEST_EVENT:
            return False
    return True


def _dated_until(point: TimePoint) -> bool:
    """True for a day given with only its closing time ("Mardi 6 octobre ↵ Jusqu'à 17h")."""
    return point.role == "end" and point.mention.open == "before" and point.day is not None


def _relative_only(mention: Any, lang: str) -> bool:
    """True for a bare relative day ("aujourd'hui", "today") with no time: it often describes
    the present situation rather than announcing an event."""
    from affiche import lang as language_data

    words = language_data.load(lang).get("time", {}).get("relative_day_words", {})
    folded = {w.casefold() for w in words}
    return not mention.has_time and mention.text.strip().casefold() in folded


_HEADING_SLACK = 15  # characters beside the date that a date heading may hold


def _is_heading(point: TimePoint) -> bool:
    """True for a line that is (nearly) only its date and time ("SAMEDI 25/11 de 11h à 14h")."""
    return len(point.unit.text) - len(point.mention.text.split("\n")[-1]) <= _HEADING_SLACK


def _event_times(draft: Draft) -> list[TimePoint]:
    """The event-role points of a draft that state a time of day."""
    return [p for p in draft.times if p.role == "event" and p.mention.has_time]


def _unplaced(unit: Unit, places: list[PlaceCandidate]) -> str:
    """The unit's text with its places blanked ("Market Square" names no market)."""
    text = unit.text
    for candidate in places:
        if unit.start <= candidate.start < unit.end:
            low, high = candidate.start - unit.start, min(candidate.end, unit.end) - unit.start
            text = text[:low] + " " * (high - low) + text[high:]
    return text


# one protest told with several words ("la manifestation … le cortège … le rassemblement")
_STREET_PROTESTS = frozenset({"rally", "demonstration", "march", "vigil", "action"})


def _own_kind(point: TimePoint, kinds: Any,
              places: list[PlaceCandidate]) -> tuple[str | None, int]:
    """The kind named in the clause just before the mention ("… and the candlelight vigil
    starts at 6" → vigil), and where that clause begins in the sentence."""
    unit, mention = point.unit, point.mention
    text = _unplaced(unit, places)
    clause = text[: mention.start - unit.start]
    cut = max(clause.rfind(sep) for sep in (",", ";", " and ", " et ", " en ", "."))
    begins = cut + 1 if cut >= 0 else 0
    own = _last_kind(clause[begins:], kinds)
    if own is None:
        # "… et à 19h un atelier": the kind right after the time
        after = re.split(r"[,;.:!?(]", text[mention.end - unit.start:], maxsplit=1)[0]
        own = _first_kind(after[:_KIND_AFTER], kinds)
    return own, begins


_KIND_AFTER = 80  # characters after a time where its own kind may stand


def _first_kind(text: str, kinds: Any) -> str | None:
    """The kind of the first kind cue in `text` (of two starting together, the longer)."""
    found = [(match.start(), -len(match.group(0)), name) for name, pattern in kinds
             for match in pattern.finditer(text) if not _month_of_date(text, match)]
    return min(found, key=lambda hit: hit[:2])[2] if found else None  # ties: table order


@functools.lru_cache(maxsize=32)  # the sentences of one text: each is asked several times
def _last_kind(text: str, kinds: Any) -> str | None:
    """The kind of the last kind cue in `text` (of two starting together, the longer:
    "piquet de grève" is a strike's, not a "piquet")."""
    best: tuple[int, int, str] | None = None
    for name, pattern in kinds:
        for match in pattern.finditer(text):
            key = (match.start(), len(match.group(0)))
            if (best is None or key > best[:2]) and not _month_of_date(text, match):
                best = (*key, name)
    return best[2] if best else None


_DAY_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th|e|er|de|ste)?\.?[ \t]+$")


_DAY_AFTER = re.compile(r"[ \t]+\d{1,2}\b")


def _month_of_date(text: str, match: re.Match[str]) -> bool:
    """True for a cue written with a capital next to a day number: the month of a date
    ("12 March", "March 12"), not a march."""
    return match.group(0)[:1].isupper() and bool(
        _DAY_BEFORE.search(text, max(0, match.start() - 8), match.start())
        or _DAY_AFTER.match(text, match.end()))


_BULLET = re.compile(r"\s*[-–•*>▶︎✯·]")


_ITEM_SEPARATOR = re.compile(r"\s*[:–—\-|]")


def _programme_line(point: TimePoint) -> bool:
    """True for a line of a programme: it opens with its time ("19h : débat", "> 21h - bal")."""
    unit, mention = point.unit, point.mention
    head = _BULLET.match(unit.text)
    opening = unit.start + (head.end() if head else 0)
    while opening < mention.start and unit.text[opening - unit.start].isspace():
        opening += 1
    if mention.start != opening:
        return False
    return bool(_ITEM_SEPARATOR.match(unit.text, mention.end - unit.start))


def _opens_with_time(point: TimePoint) -> bool:
    """True for a sentence that opens with its time ("à 14h sur la place …", "At 3pm: …"),
    the way agenda entries start."""
    before = point.unit.text[: point.mention.start - point.unit.start]
    return len(before.strip(" -–•*>\t")) <= 3 and not any(ch.isdigit() for ch in before)


def _unit_place_key(unit: Unit, places: list[PlaceCandidate]) -> str | None:
    """The first place named in a unit, as a loose key; None when it names none."""
    for candidate in places:
        if unit.start <= candidate.start < unit.end:
            place = candidate.place
            return (place.street or place.name or place.locality or "").casefold() or None
    return None


def _has_place(unit: Unit, places: list[PlaceCandidate]) -> bool:
    """True when a place candidate lies in `unit`."""
    return any(unit.start <= c.start < unit.end for c in places)


def _end_clock(point: TimePoint) -> tuple[int, int] | None:
    """The time of day an ending point states ("jusqu'à 16h" keeps it in its end)."""
    value = point.mention.end_value or point.mention.value
    return (value.hour, value.minute) if isinstance(value, dt.datetime) else None


def _clock(point: TimePoint) -> tuple[int, int] | None:
    """The time of day a point states (hour, minute)."""
    value = point.mention.value
    return (value.hour, value.minute) if isinstance(value, dt.datetime) else None
