"""The same-event score between two times of one day: is a later time a moment of an event
already drafted (told again, a step of the same protest, a detail of its programme), or an
event of its own? Scored (`same_event` in `weights.toml`) from named features of the pair,
read off the layout (list lines, programme lines, the blocks its headings open), their kind
cues, their places and towns, their clocks and the language's words for another event held
too (`events.sibling_words`, `events.other_group`), for arriving
(`events.transport.arrive_words`) and for a rendez-vous (`events.meeting.meeting`).

One score replaces what were five branches (the same hour told twice, the steps of one
street protest, a moment of the same event, one protest going on over two programme lines, a
time naming no kind): each branch is now a feature, so that two of them can weigh against
each other ("the same hour, but two list lines naming two kinds" stays two events).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from affiche.extract import cues
from affiche.extract.layout import Layout
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import (
    _BULLET,
    _STREET_PROTESTS,
    TimePoint,
    _clock,
    _first_kind,
    _has_place,
    _last_kind,
    _opens_with_time,
    _programme_line,
    _unit_place_key,
    _unplaced,
)
from affiche.extract.scoring import Score, score

__all__ = ["Told", "best_match", "list_line", "listed", "same_event", "told_at"]

# "Leeds: Park Square, 14:00 Oct. 21": a list item labelled with its town, like a bullet
_LABEL_ITEM = re.compile(r"\s*[^\W\d_][\w'’. -]{1,30}:\s+\S")
_PROTEST_GOES_ON = 90  # minutes: the longest gap between two moments of one street protest
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_RECENT = 8  # the latest events of the day a later time is scored against (with the first)
_PROCESSION_REACH = 240  # minutes after a protest's start within which it arrives somewhere


@dataclass(frozen=True)
class Told:
    """A time of the day with what its sentence says: the kind it names (or None) and
    whether it stands as an item of a list."""

    point: TimePoint
    kind: str | None
    listed: bool


def listed(point: TimePoint, places: list[PlaceCandidate]) -> bool:
    """True for a time that stands as an item of a list: a programme line ("19h : débat"),
    a sentence opening with its time ("À 14h, …"), or a bullet or label line with a place."""
    text = point.unit.text
    return _programme_line(point) or _opens_with_time(point) or (
        bool(_BULLET.match(text) or _LABEL_ITEM.match(text)) and _has_place(point.unit, places))


def told_at(point: TimePoint, places: list[PlaceCandidate], kinds: Any) -> Told:
    """What a time's sentence tells: for a list item, the kind that heads its text after the
    time ("11.00am Rally opens: music and poetry" is a rally; "10.00am Bike ride
    assembles at …" a ride), else the last kind of its sentence."""
    item = listed(point, places)
    text = _unplaced(point.unit, places)
    kind = None
    if item or "\n" in point.mention.text:
        # the words after the time, up to the end of its clause, head the item (a date
        # line above "10.00am Bike ride …" leaves the line still opening with its time)
        after = re.split(r"[.,;!?(]", text[point.mention.end - point.unit.start:], maxsplit=1)
        kind = _first_kind(after[0], kinds)
    return Told(point, kind or _last_kind(text, kinds), item)


def _towns(point: TimePoint, places: list[PlaceCandidate]) -> set[str]:
    """The towns the place candidates of a time's sentence name (lower case)."""
    unit = point.unit
    # "Rouillé (86)" and "Rouillé" are one town: its department in brackets is no part of it
    return {_BRACKETS.sub("", c.place.locality).strip().casefold() for c in places
            if unit.start <= c.start < unit.end and c.place.locality}


def _opens_with_town(point: TimePoint, places: list[PlaceCandidate]) -> bool:
    """True when the time's sentence opens with a town, after at most a short word or a
    bullet ("York, 1pm …", "– À Dinant, …", "in Leuven om 14 uur …")."""
    unit = point.unit
    first = next((c for c in places if unit.start <= c.start < unit.end), None)
    if first is None or first.source != "locality":
        return False
    return len(unit.text[: first.start - unit.start].strip(" -–•*:,\t")) <= 3


def _other_towns(earlier: TimePoint, later: TimePoint, places: list[PlaceCandidate]) -> bool:
    """True when both sentences name towns and share none ("Leeds, 12pm at the Town Hall;"
    then "York, 1pm at the Minster;")."""
    theirs, ours = _towns(earlier, places), _towns(later, places)
    return bool(theirs and ours and not theirs & ours)


def _within(earlier: TimePoint, later: TimePoint) -> bool:
    """True when the later time falls inside the earlier's stated range of hours, after its
    start ("de 19h à 21h" … "À 21h, une minute de silence")."""
    mention = earlier.mention
    begins, at = _clock(earlier), _clock(later)
    ends = mention.end_value
    if mention.kind != "interval" or begins is None or at is None \
            or not isinstance(ends, dt.datetime):
        return False
    return begins < at <= (ends.hour, ends.minute)


def _bare(point: TimePoint) -> bool:
    """True for a line holding nothing but its time, after a dash or bullet ("- 4:00 P.M."
    under "… from 2:00 P.M."): a hard-wrapped range or a repeated hour, no item of its own."""
    rest = point.unit.text.replace(point.mention.text.split("\n")[-1], " ", 1)
    return not any(ch.isalpha() for ch in rest)


def _under_heading(layout: Layout, point: TimePoint) -> bool:
    """True when the line of `point` stands under its block's heading, not as the heading
    itself (a programme line may look like one: "▶︎ 21:00 Bal folk")."""
    return not layout.opens_block(layout.line_at(point.mention.end))


def list_line(point: TimePoint) -> bool:
    """True for a line of a list: a bullet or a programme line ("• 12u BBQ", "19h : débat")."""
    return bool(_BULLET.match(point.unit.text)) or _programme_line(point)


def _gap(earlier: TimePoint, later: TimePoint) -> int | None:
    """Minutes from the earlier time's clock to the later one's (None without clocks)."""
    before, after = _clock(earlier), _clock(later)
    if before is None or after is None:
        return None
    return (after[0] - before[0]) * 60 + after[1] - before[1]


def _one_protest(first: str | None, second: str | None) -> bool:
    """True when two kinds may name one event: the same kind, or two words for one street
    protest ("la manifestation … le cortège … le rassemblement")."""
    return first is not None and second is not None and (
        first == second or {first, second} <= _STREET_PROTESTS)


def features(earlier: Told, later: Told, places: list[PlaceCandidate], lang: str,
             layout: Layout | None = None) -> dict[str, float]:
    """Features of "`later` is a moment of the event `earlier` starts" (`layout`, the text's
    shape, gives the blocks its headings open)."""
    gap = _gap(earlier.point, later.point)
    near = gap is not None and 0 < abs(gap) <= _PROTEST_GOES_ON
    # the places of a line setting a protest off are its route, not a site of its own
    here = None if later.point.cue == "route_start" else _unit_place_key(later.point.unit, places)
    there = _unit_place_key(earlier.point.unit, places)
    text = later.point.unit.text
    another = cues.cue_pattern(lang, "sibling_words").search(text) \
        or cues.cue_pattern(lang, "other_group").search(text)
    # a decentralised call names the town first in each of its items ("York, 1pm at the
    # Minster;", "In Leuven om 14 uur …"); a town told in passing proves nothing
    # — when it names its own kind or stands as a list item: "Liège, 7h30 …" alone may be
    # where a coach leaves for the event
    towns_differ = (later.kind is not None or later.listed) \
        and _opens_with_town(later.point, places) \
        and _other_towns(earlier.point, later.point, places)
    return {
        "same_clock": float(gap == 0),
        "listed": float(later.listed),
        "unlisted_no_kind": float(later.kind is None and not later.listed),
        "same_kind_soon": float(near and earlier.kind is not None
                                and earlier.kind == later.kind
                                and (not later.listed or later.kind in _STREET_PROTESTS)),
        "protest_words_soon": float(near and earlier.kind != later.kind
                                    and (not later.listed or later.point.cue == "route_start")
                                    and here in (None, there)
                                    and _one_protest(earlier.kind, later.kind)),
        "other_kind": float(earlier.kind is not None and later.kind is not None
                            and not _one_protest(earlier.kind, later.kind)),
        "other_place": float(here is not None and there is not None and here != there),
        "place_named_later": float(here is not None and there is None),
        "dated_again_other_hour": float(bool(gap) and earlier.point.mention.has_date
                                        and later.point.mention.has_date
                                        and earlier.point.unit != later.point.unit),
        "list_lines_at_one_hour": float(gap == 0 and list_line(earlier.point)
                                        and list_line(later.point)
                                        and earlier.point.unit != later.point.unit
                                        and earlier.point.unit.paragraph
                                        == later.point.unit.paragraph),
        "arrival": float(gap is not None and 0 < gap <= _PROCESSION_REACH
                         and (earlier.kind in _STREET_PROTESTS
                              or later.kind in _STREET_PROTESTS)
                         and later.kind in (None, *_STREET_PROTESTS)
                         and bool(cues.cue_pattern(lang, "transport.arrive_words")
                                  .search(text))),
        "within_span": float(later.kind is None and not list_line(later.point)
                             and _within(earlier.point, later.point)),
        # a wrapped range or a repeated hour runs on in its paragraph; a time alone on its
        # line after a blank line is an agenda entry's own ("Vigil for peace" ↵ "18:00")
        "bare_time": float(_bare(later.point)
                           and earlier.point.unit.paragraph == later.point.unit.paragraph),
        "dated_in_another_block": float(
            layout is not None and later.point.mention.has_date
            and layout.block_of(earlier.point.mention.end)
            != layout.block_of(later.point.mention.end)),
        "list_lines_in_two_blocks": float(
            layout is not None and list_line(earlier.point) and list_line(later.point)
            and not earlier.point.mention.has_date and not later.point.mention.has_date
            and _under_heading(layout, earlier.point) and _under_heading(layout, later.point)
            and layout.block_of(earlier.point.mention.end)
            != layout.block_of(later.point.mention.end)),
        "other_town": float(towns_differ),
        "same_hour_other_town": float(gap == 0 and towns_differ),
        "rendez_vous": float(later.kind is None and bool(
            cues.cue_pattern(lang, "meeting.meeting").search(text))),
        "another_told": float(bool(another) and here is not None and here != there),
    }


def same_event(earlier: Told, later: Told, places: list[PlaceCandidate], lang: str,
               layout: Layout | None = None) -> Score:
    """The `same_event` score of a later time of the day against an earlier event's start."""
    return score("same_event", features(earlier, later, places, lang, layout),
                 subject=f"{later.point.mention.text} with {earlier.point.mention.text}")


def best_match(earlier: list[Told], later: Told, places: list[PlaceCandidate], lang: str,
               layout: Layout | None = None) -> tuple[int, Score]:
    """The earlier event `later` scores highest with (the latest one on a tie), and its score."""
    # the day's first event and the latest few: a moment is told near its event, and the
    # cost stays linear on an agenda of hundreds of items
    near = sorted({0, *range(max(0, len(earlier) - _RECENT), len(earlier))})
    scored = [(same_event(earlier[index], later, places, lang, layout), index)
              for index in near]
    best, index = max(scored, key=lambda pair: (pair[0].total, pair[1]))
    return index, best
