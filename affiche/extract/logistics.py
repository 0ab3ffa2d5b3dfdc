"""Meeting points and transport hints: where to meet before the event and which train to take.

A meeting point is a sentence with a meeting cue ("RDV", "départ groupé", "verzamelen",
"we meet") and, usually, a time and a place of its own (a station, a square). Sentences about
the same place are merged, so "départ groupé depuis la gare de X" followed by "RDV à 13h30 à X"
gives one group departure at 13:30. A transport hint is a sentence with a mode ("train",
"bus") and a departure or arrival word; its times become departs/arrives.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from affiche.extract import cues
from affiche.extract.locate import PlaceCandidate, candidates_in
from affiche.extract.points import Draft, TimePoint, at_day, move_to
from affiche.extract.segment import Segmentation, Unit
from affiche.model import MeetingPoint, Place, Transport

__all__ = ["meeting_points", "transport_hints", "at_day", "move_to", "same_place"]

_ROLE_ORDER = {"group_departure": 0, "route_start": 1, "meeting": 2, "route_end": 3}


def _unit_place(places: list[PlaceCandidate], unit: Unit,
                own: list[PlaceCandidate] | None = None) -> tuple[Place, tuple[int, int]] | None:
    """The most precise place candidate of a unit (among `own` when given)."""
    found = candidates_in(places, unit.start, unit.end) if own is None else own
    # "rendez-vous à 11h15 à la sortie du métro …, on marchera ensemble jusqu'au tribunal":
    # where the group walks to is not where it meets, even when it is the only place named
    # ("départ à 14h vers l'hôtel de ville" sets off from the rendez-vous)
    found = [c for c in found if not c.route_end]
    if not found:
        return None
    order = {"address": 0, "venue": 1, "locality": 2}
    best = min(found, key=lambda c: (order[c.source], c.start))
    place = Place(**vars(best.place))
    if not place.locality:
        town = next((c for c in found if c.source == "locality"), None)
        if town is not None:
            place.locality, place.country = town.place.locality, town.place.country
    return place, (best.start, best.end)


def same_place(a: Place, b: Place) -> bool:
    """True when two places share a locality, name or street (loosely, case-insensitive);
    two named venues of one town ("place de l'Église", "la ZAD") are two places."""
    if a.name and b.name and not _same_word(a.name, b.name) and not (
            a.street and b.street and _same_word(a.street, b.street)):
        return False

    def words(p: Place) -> set[str]:
        return {w.lower() for w in (p.locality, p.name, p.street) if w}

    left, right = words(a), words(b)
    if left & right:
        return True
    return any(x in y or y in x for x in left for y in right if len(x) > 3 and len(y) > 3)


def meeting_points(draft: Draft, segments: Segmentation, places: list[PlaceCandidate],
                   lang: str, whole_text: bool = False) -> list[MeetingPoint]:
    """The meeting points of a draft: its meeting-role times plus untimed group departures
    (dated with the event's day) in its paragraphs, or anywhere when `whole_text`."""
    table = cues.cue_table(lang, "meeting")
    check_in = cues.cue_pattern(lang, "check_in")
    found: list[MeetingPoint] = []
    seen_units: set[int] = set()
    for point in draft.times:
        if point.role not in ("meeting", "route_end") or (
                point is draft.start and not draft.start_from_meeting):
            continue
        if point.cue == "route_start":
            found.extend(_route_ends(point, places, at_day(point.mention, draft.day)))
        if point.cue in ("route_start", "route_end") and not _place_before_direction(
                point.unit, places, lang):
            # "le cortège partira à 14h30 en direction de X": a time of the march, told in
            # the event's notes, not a place to meet
            draft.notes.append(point.unit.text)
            seen_units.add(point.unit.start)
            continue
        found.append(_meeting_from(point.unit, point.cue or "meeting", places,
                                   at_day(point.mention, draft.day),
                                   _places_of(point, draft.times, places)))
        seen_units.add(point.unit.start)
    paragraphs = {segments.unit_at(p.mention.start).paragraph for p in draft.times}
    # a place to sign in at is told in the paragraph after the event's, as transport is
    near = {paragraph + shift for paragraph in paragraphs for shift in (0, 1)}
    for unit in segments.units:
        if unit.start in seen_units or not (whole_text or unit.paragraph in near):
            continue
        if unit.paragraph not in paragraphs and not whole_text and not check_in.search(unit.text):
            continue
        # without a time, only a group departure ("départ groupé depuis la gare de X") or a
        # place to sign in first ("please sign in first at the union office") is a
        # meeting point; a bare "rendez-vous à Paris" names the event's own place
        role = next((name for name, pattern in table
                     if name == "group_departure" and pattern.search(unit.text)), None)
        if role is None and check_in.search(unit.text):
            role = "meeting"
        if role is None or _unit_place(places, unit) is None:
            continue
        if any(p.unit.start == unit.start for p in draft.times):
            continue
        found.append(_meeting_from(unit, role, places, draft.day))
    return _merge(found)


def _place_before_direction(unit: Unit, places: list[PlaceCandidate], lang: str) -> bool:
    """True when the unit names a place before any direction word ("vers", "richting")."""
    direction = dict(cues.cue_table(lang, "meeting"))["route_end"]
    found = direction.search(unit.text)
    limit = unit.start + found.start() if found else unit.end
    return any(unit.start <= c.start < limit and not c.route_end for c in places)


def _route_ends(point: TimePoint, places: list[PlaceCandidate],
                day: dt.datetime | dt.date) -> list[MeetingPoint]:
    """The end of the route a sentence that sets a march off names ("départ à 14h vers
    l'hôtel de ville", "set off at noon and finish at the square"): its last route-end
    place, with the day and no time (the time said is the setting off)."""
    unit = point.unit
    ends = [c for c in candidates_in(places, unit.start, unit.end)
            if c.route_end and c.start > point.mention.start and c.source != "locality"]
    if not ends:
        return []
    last = ends[-1]
    place = Place(**vars(last.place))
    day_only = day.date() if isinstance(day, dt.datetime) else day
    return [MeetingPoint(role="route_end", time=day_only, place=place,
                         note=unit.text if len(unit.text) <= 160 else unit.text[:157] + "…",
                         evidence=(last.start, last.end))]


def _places_of(point: TimePoint, times: list[TimePoint],
               places: list[PlaceCandidate]) -> list[PlaceCandidate] | None:
    """The places of a sentence that gives several rendez-vous nearer to `point`'s time than
    to any other ("depuis Charleroi (9h30, place de la Digue) et Mons (9h15, gare)"); None
    when the sentence gives only one time."""
    unit = point.unit
    others = [p.mention for p in times if p.unit == unit and p.role == "meeting"
              and p is not point and p.mention.has_time]
    if not others:
        return None

    def distance(candidate: PlaceCandidate, mention: Any) -> int:
        if candidate.end <= mention.start:
            return mention.start - candidate.end
        return max(0, candidate.start - mention.end)

    own = [c for c in candidates_in(places, unit.start, unit.end) if not c.route_end
           and all(distance(c, point.mention) <= distance(c, o) for o in others)]
    # "afspraak om 11u40 in de hal van Brussel-Centraal, we nemen samen de trein van 11u52":
    # a time without a place of its own is at the sentence's
    return own or None


def _meeting_from(unit: Unit, role: str, places: list[PlaceCandidate],
                  time: dt.datetime | dt.date | None,
                  own: list[PlaceCandidate] | None = None) -> MeetingPoint:
    """A meeting point from one sentence (at `own` places when the sentence gives several)."""
    located = _unit_place(places, unit, own)
    place, span = located if located else (Place(), (unit.start, unit.end))
    note = unit.text if len(unit.text) <= 160 else unit.text[:157] + "…"
    return MeetingPoint(role=role, time=time, place=place, note=note,
                        evidence=(unit.start, unit.end))


def _merge(points: list[MeetingPoint]) -> list[MeetingPoint]:
    """One meeting point per place: a timed one absorbs an untimed one about the same place."""
    merged: list[MeetingPoint] = []
    for point in points:
        twin = next((m for m in merged if not point.place.is_empty()
                     and same_place(m.place, point.place)
                     and (not _timed(m.time) or not _timed(point.time) or m.time == point.time)),
                    None)
        if twin is None:
            merged.append(point)
            continue
        if _ROLE_ORDER.get(point.role, 9) < _ROLE_ORDER.get(twin.role, 9):
            twin.role = point.role
        twin.time = twin.time if _timed(twin.time) else (point.time or twin.time)
        if len(vars(point.place)) and (point.place.name and not twin.place.name):
            twin.place.name = point.place.name
        twin.note = "; ".join(n for n in (twin.note, point.note) if n)
    merged.sort(key=lambda m: (not _timed(m.time), str(m.time)))
    return merged


def _timed(value: dt.datetime | dt.date | None) -> bool:
    """True for a datetime (a meeting point with a time of day)."""
    return isinstance(value, dt.datetime)


def transport_hints(draft: Draft, segments: Segmentation, places: list[PlaceCandidate],
                    lang: str, meeting: list[MeetingPoint]) -> list[Transport]:
    """Trains and buses to take (timed sentences) and stops or walking times (untimed)."""
    data = cues.events_data(lang)["transport"]
    modes = cues.transport_modes(lang)
    arrive = cues.phrase_pattern(data["arrive_words"])
    stops = cues.phrase_pattern(data["stop_words"])
    hints: list[Transport] = []
    by_unit: dict[int, list[TimePoint]] = {}
    for point in draft.times:
        if point.role == "transport":
            by_unit.setdefault(point.unit.start, []).append(point)
    target = next((m.place.locality or m.place.name for m in meeting if not m.place.is_empty()),
                  None)
    for points in by_unit.values():
        unit = points[0].unit
        hint = Transport(mode=points[0].cue or "train", note=unit.text,
                         evidence=(unit.start, unit.end), destination=target)
        origin = _unit_place(places, unit)
        if origin is not None:
            hint.origin = origin[0].name or origin[0].locality
        previous_end = unit.start
        for point in points:
            before = unit.text[: point.mention.start - unit.start]
            value = at_day(point.mention, draft.day)
            last_arrive = max((m.end() for m in arrive.finditer(before)), default=-1)
            other = _other_origin(places, previous_end, point.mention.start, hint.origin)
            since = previous_end - unit.start
            previous_end = point.mention.end
            # "… et de Namur à 11h40": another departure, unless an arrival word comes after
            # the time before ("om 12u47, aankomst Brussel-Centraal 13u29")
            if hint.departs is not None and other is not None and last_arrive < since:
                # "des trains partent de Liège à 11h15 et de Namur à 11h40": two departures
                hints.append(hint)
                hint = Transport(mode=hint.mode, note=unit.text, evidence=hint.evidence,
                                 destination=target, departs=value,
                                 origin=other.place.name or other.place.locality)
            elif last_arrive > _last_depart(before, data) and hint.departs is not None:
                hint.arrives = value
            elif hint.departs is None:
                hint.departs = value
            else:
                hint.arrives = value
        hints.append(hint)
    for hint in hints:
        if hint.destination and hint.origin and _same_word(hint.origin, hint.destination):
            hint.destination = None
    paragraphs = {p.unit.paragraph + shift for p in draft.times for shift in (-1, 0, 1)}
    # walking time is the most specific hint of a sentence that also names the station
    ordered = sorted(modes, key=lambda m: m[0] != "walk")
    any_mode = cues.any_transport_mode(lang)  # one search rules out a sentence of no mode
    for unit in segments.units:
        if unit.paragraph not in paragraphs or unit.start in by_unit \
                or not any_mode.search(unit.text):
            continue
        mode = next((name for name, pattern in ordered if pattern.search(unit.text)), None)
        if mode is None or not (stops.search(unit.text) or mode == "walk"):
            continue
        located = _unit_place(places, unit)
        named = (located[0].name or located[0].locality) if located else None
        # a walk goes from the stop it names to the event; a stop is where to get off
        start_from, end_at = (named, None) if mode == "walk" else (None, named)
        hints.append(Transport(mode=mode, origin=start_from, destination=end_at,
                               note=unit.text, evidence=(unit.start, unit.end)))
    return hints


def _other_origin(places: list[PlaceCandidate], start: int, end: int,
                  origin: str | None) -> PlaceCandidate | None:
    """A place named between two times of a transport sentence other than the first
    departure's, which makes the second time another departure ("… et de Namur à 11h40")."""
    for candidate in places:
        if start <= candidate.start < end:
            name = candidate.place.name or candidate.place.locality
            if name and not (origin and _same_word(name, origin)):
                return candidate
    return None


def _last_depart(before: str, data: dict[str, Any]) -> int:
    """Offset of the end of the last departure word in `before`, or -1."""
    pattern = cues.phrase_pattern(data["depart_words"])
    return max((m.end() for m in pattern.finditer(before)), default=-1)


def _same_word(a: str, b: str) -> bool:
    """True when two names share a significant word."""
    left = {w for w in re.findall(r"\w{4,}", a.lower())}
    return bool(left & {w for w in re.findall(r"\w{4,}", b.lower())})
